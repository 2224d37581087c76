"""Template helpers: the sourced record of an edition, a session or a policy milestone."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from datacon.sources import selectors

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.simple_tag
def edition_record(edition: Any) -> selectors.EditionRecord | None:
    """What is known of the edition and where it comes from (a fixed number of queries)."""
    return selectors.edition_record(edition=edition) if edition is not None else None


@register.simple_tag
def session_facts(session: Any) -> list[Any]:
    return selectors.session_facts(session_id=session.pk) if session is not None else []


@register.simple_tag
def milestone_facts(timeline: Any) -> dict[int, list[Any]]:
    """Sourced facts of every milestone on a policy timeline, in one query."""
    milestones = [
        *getattr(timeline, "loose_milestones", []),
        *(m for entry in getattr(timeline, "entries", []) for m in entry.milestones),
    ]
    return selectors.milestone_facts(milestone_ids=[m.pk for m in milestones])


@register.simple_tag
def facts_for(facts_by_id: dict[int, list[Any]], pk: int) -> list[Any]:
    return facts_by_id.get(pk, []) if facts_by_id else []


@register.simple_tag
def process_facts(process: Any) -> list[Any]:
    return selectors.process_facts(process_id=process.pk) if process is not None else []


@register.simple_tag
def seed_sources() -> list[Any]:
    return selectors.seed_sources()


@register.filter
def figure_wording(key: str) -> StrOrPromise:
    return selectors.FIGURE_WORDING.get(key, key)


@register.filter
def partial_date(value: str) -> str:
    """ "2021-05-15" → "15 de mayo de 2021", "2021-05" → "mayo de 2021", "2021" → "2021"."""
    from django.utils.dates import MONTHS
    from django.utils.translation import get_language, gettext

    parts = (value or "").split("-")
    if len(parts) == 1:
        return value or ""
    month = str(MONTHS.get(int(parts[1]), parts[1]))
    if (get_language() or "es").startswith("es"):
        month = month.lower()  # Spanish writes month names in lower case
    if len(parts) == 2:
        return gettext("%(month)s de %(year)s") % {"month": month, "year": parts[0]}
    return gettext("%(day)s de %(month)s de %(year)s") % {
        "day": int(parts[2]),
        "month": month,
        "year": parts[0],
    }
