"""Template helpers for the policy pages and the edition page's plug-in partial."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString

from datacon.common.bars import Segment, bar_svg

register = template.Library()


@register.filter
def mxn(value: Decimal | float | int | None) -> str:
    """$1,234,567.89 — the way amounts in pesos are written in Mexico."""
    if value is None or value == "":
        return ""
    return f"${Decimal(value):,.2f}"


@register.filter
def percent(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    return f"{round(float(value) * 100)} %"


@register.filter
def overdue_on(agreement, day):  # type: ignore[no-untyped-def]
    return bool(day) and agreement.is_overdue_on(day)


@register.simple_tag
def edition_policy_links(edition):  # type: ignore[no-untyped-def]
    """Public processes this edition fed. The links bump the conference scope too."""
    from datacon.policy.selectors import edition_policy_links as links

    return links(edition_id=edition.pk) if edition is not None else []


@register.simple_tag
def timeline_bar(timeline) -> SafeString:  # type: ignore[no-untyped-def]
    """The stages side by side in proportion to their length, a white gap after each and
    a mark at today (decorative: the ordered list of stages below is the content)."""
    entries = timeline.entries
    segments = [
        Segment(
            entry.offset, entry.width, f"timeline-segment state-{entry.state}", entry.stage.name
        )
        for entry in entries
    ]
    lines = [(entry.offset + entry.width, "timeline-gap") for entry in entries[:-1]]
    if timeline.today_offset is not None:
        lines.append((timeline.today_offset, "timeline-today"))
    return bar_svg(segments, lines=lines)
