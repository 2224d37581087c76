"""Template helpers of the call for proposals (partials in shared pages use them)."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser, User

from datacon.program.schedule_text import change_summary

register = template.Library()


@register.filter
def change_text(change: Any) -> str:
    return change_summary(change)


@register.simple_tag
def edition_call(edition: Any) -> Any:
    """The edition's call, or None (one query)."""
    if edition is None or not getattr(edition, "pk", None):
        return None
    from datacon.proposals.models import Call

    return Call.objects.filter(edition_id=edition.pk).first()


@register.simple_tag
def account_proposals(user: User | AnonymousUser) -> dict[str, Any]:
    """What the account page shows: own proposals, invitations, co-convener requests."""
    if not isinstance(user, User):
        return {}
    from datacon.editions.models import CoConvenerApplication
    from datacon.proposals import selectors

    proposals = selectors.proposals_of_user(user=user)
    for proposal in proposals:
        proposal.visible_label = selectors.visible_status_label(proposal)  # type: ignore[attr-defined]
    return {
        "proposals": proposals,
        "invitations": [
            i for i in selectors.invitations_of_user(user=user) if i.invitation_status == "pending"
        ],
        "applications": list(
            CoConvenerApplication.objects.filter(applicant=user)
            .select_related("edition")
            .order_by("-created_at")
        ),
    }


@register.filter
def percent(value: Any) -> str:
    try:
        return f"{float(value):.1f} %"
    except (TypeError, ValueError):
        return "—"


@register.filter
def score(value: Any, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{float(value):.{int(digits)}f}"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def edition_proposals_box(edition: Any) -> dict[str, Any]:
    """The edition page's box: its call, whether it takes co-convener requests, and
    whether its program has published versions (two queries)."""
    if edition is None or not getattr(edition, "pk", None):
        return {}
    from datacon.editions.services import co_convener_accepts
    from datacon.program.models import ScheduleVersion

    return {
        "call": edition_call(edition),
        "accepts_co_conveners": co_convener_accepts(edition=edition),
        "has_versions": ScheduleVersion.objects.filter(edition_id=edition.pk).exists(),
    }


@register.filter
def change_kind_label(kind: str) -> str:
    from datacon.program.models import ScheduleChangeKind

    return str(dict(ScheduleChangeKind.choices).get(kind, kind))
