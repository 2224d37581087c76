"""Reads of the sourced public record: what is known of an edition, and where it comes from.

Every read runs a fixed number of queries, whatever the number of facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from datacon.editions.models import Edition, EditionStatus
from datacon.sources.loader import seed_keys_by_year
from datacon.sources.models import FactCategory, Source, SourcedFact, SourceKind

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# What each reported figure counts, in a sentence (the comparison and the empty program say it).
FIGURE_WORDING: dict[str, StrPromise] = {
    "sessions": _("sesiones del programa"),
    "panelists": _("personas panelistas"),
    "speakers": _("personas ponentes"),
    "moderators": _("personas moderadoras"),
    "co_conveners": _("organizaciones co-convocantes"),
    "attendees": _("personas asistentes"),
    "attendees_online": _("personas asistentes en línea"),
    "attendees_in_person": _("personas asistentes presenciales"),
    "registered": _("personas registradas"),
    "venues": _("sedes"),
    "panels": _("paneles"),
    "workshops": _("talleres"),
    "conferences": _("conferencias"),
    "proposals": _("propuestas recibidas"),
}


def seed_sources() -> list[Source]:
    """The platform's founding documents, in the order sources.yaml names them."""
    order = {key: index for index, key in enumerate(_all_seed_keys())}
    seeds = list(Source.objects.filter(kind=SourceKind.SEED))
    return sorted(seeds, key=lambda s: order.get(s.key, len(order)))


def _all_seed_keys() -> list[str]:
    from datacon.sources.loader import data_file

    return [i["key"] for i in data_file("sources.yaml")["sources"] if i["kind"] == SourceKind.SEED]


@dataclass
class EditionRecord:
    """What the public record holds of one edition, each item with its source."""

    edition: Edition
    facts: list[SourcedFact]
    seeds: list[Source]
    figures: list[Any]  # memoria.ReportedFigure of a published memoria
    public_sessions: int
    venues: list[Any] = field(default_factory=list)
    by_category: list[tuple[str, list[SourcedFact]]] = field(default_factory=list)

    @property
    def is_real(self) -> bool:
        return not self.edition.is_demo

    @property
    def was_held(self) -> bool:
        return self.edition.status == EditionStatus.ARCHIVED

    @property
    def program_lost(self) -> bool:
        """A real edition already held whose program this platform does not have."""
        return self.is_real and self.was_held and self.public_sessions == 0

    @property
    def date_facts(self) -> list[SourcedFact]:
        return [fact for fact in self.facts if fact.category == FactCategory.DATES]

    @property
    def venue_facts(self) -> list[SourcedFact]:
        return [fact for fact in self.facts if fact.category == FactCategory.VENUES]

    @property
    def uncertain_count(self) -> int:
        return sum(1 for fact in self.facts if fact.uncertain)


def edition_record(*, edition: Edition) -> EditionRecord:
    """Five queries: facts with sources, seeds, figures, public sessions, venues."""
    from datacon.memoria.models import MemoriaStatus, ReportedFigure
    from datacon.program.models import Session, public_session_filter

    facts = list(
        SourcedFact.objects.with_source()
        .filter(edition=edition, edition__is_demo=False)
        .order_by("order", "id")
    )
    keys = seed_keys_by_year().get(edition.year, []) if not edition.is_demo else []
    seeds = sorted(Source.objects.filter(key__in=keys), key=lambda s: keys.index(s.key))
    figures = sorted(
        ReportedFigure.objects.filter(
            memoria__edition=edition, memoria__status=MemoriaStatus.PUBLISHED
        ),
        key=lambda f: f.position,
    )
    record = EditionRecord(
        edition=edition,
        facts=facts,
        seeds=seeds,
        figures=figures,
        public_sessions=Session.objects.filter(public_session_filter(), edition=edition).count(),
        venues=list(edition.venues.order_by("order", "name")),
    )
    labels = dict(FactCategory.choices)
    grouped: dict[str, list[SourcedFact]] = {}
    for fact in facts:
        if fact.session_id is None:
            grouped.setdefault(fact.category, []).append(fact)
    shown_apart = {FactCategory.DATES, FactCategory.VENUES} if record.program_lost else set()
    record.by_category = [
        (str(labels[key]), grouped[key])
        for key, _label in FactCategory.choices
        if key in grouped and key not in shown_apart
    ]
    return record


def session_facts(*, session_id: int) -> list[SourcedFact]:
    return list(
        SourcedFact.objects.with_source()
        .filter(session_id=session_id, edition__is_demo=False)
        .order_by("order", "id")
    )


def milestone_facts(*, milestone_ids: list[int]) -> dict[int, list[SourcedFact]]:
    """Sourced facts by policy milestone, in one query."""
    result: dict[int, list[SourcedFact]] = {}
    rows = SourcedFact.objects.with_source().filter(milestone_id__in=milestone_ids)
    for fact in rows.order_by("order", "id"):
        assert fact.milestone_id is not None
        result.setdefault(fact.milestone_id, []).append(fact)
    return result


def process_facts(*, process_id: int) -> list[SourcedFact]:
    """Facts about the process not already shown beside a milestone of its timeline."""
    return list(
        SourcedFact.objects.with_source()
        .filter(process_id=process_id, milestone__isnull=True)
        .order_by("order", "id")
    )
