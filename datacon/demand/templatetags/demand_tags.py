"""Template helpers of the demand pages and of the partials other pages include."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django import template
from django.contrib.auth.models import AnonymousUser, User
from django.utils.safestring import SafeString

from datacon.demand import charts
from datacon.demand import selectors as demand

if TYPE_CHECKING:
    from datacon.demand.models import InformationNeed
    from datacon.demand.models_requests import AnalysisRun, ImportRun
    from datacon.demand.models_reuse import ReuseProject

register = template.Library()


class DashboardFigures(TypedDict):
    proposed: int
    candidates: int
    last_import: ImportRun | None
    run: AnalysisRun | None


@register.simple_tag
def demand_needs_for(target: Any) -> list[InformationNeed]:
    """Public needs that came up in a session, an edition, a meeting or a paragraph."""
    if target is None or getattr(target, "pk", None) is None:
        return []
    return demand.needs_for_target(target=target)


@register.simple_tag
def demand_projects_for(edition: Any) -> list[ReuseProject]:
    if edition is None:
        return []
    return demand.projects_for_edition(edition=edition)


@register.simple_tag
def demand_account(user: User | AnonymousUser | None) -> dict[str, list[Any]]:
    return demand.needs_of_user(user=user)  # nothing for a visitor who is not signed in


@register.simple_tag
def demand_month_chart(
    months: list[dt.date], counts: list[int], title: str, chart_id: str
) -> SafeString:
    return charts.monthly_bars(months, counts, title=title, chart_id=chart_id)


@register.simple_tag
def demand_sparkline(counts: list[int], label: str) -> SafeString:
    return charts.sparkline(counts, label=label)


@register.simple_tag
def demand_bar(value: int, peak: int, label: str = "") -> SafeString:
    return charts.share_bar(value, peak, label=label)


@register.filter
def month_label(value: Any) -> str:
    return charts.month_label(value) if value else ""


@register.simple_tag(takes_context=True)
def demand_query(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (filters survive paging)."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return ""
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def demand_dashboard() -> DashboardFigures:
    """Figures of the back-office start page panel."""
    from datacon.demand.models import (
        DatasetCandidate,
        ImportRun,
        InformationNeed,
        NeedStatus,
    )

    return {
        "proposed": InformationNeed.objects.filter(
            status=NeedStatus.PROPOSED, is_hidden=False
        ).count(),
        "candidates": DatasetCandidate.objects.filter(
            run__is_current=True, promoted_need__isnull=True
        ).count(),
        "last_import": ImportRun.objects.order_by("-started_at").first(),
        "run": demand.current_run(),
    }
