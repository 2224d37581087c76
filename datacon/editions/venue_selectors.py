"""Reads for choosing where an edition goes: candidates side by side on the memoria's criteria.

The memoria (2021) asks that each edition move to a different state, chosen on
three criteria: the willingness of the local guarantor body and the state
government, the state's advances and good practices in open data, and an
active community of data users. The comparison also says where past editions
were held, since the memoria prefers a state not used before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from datacon.editions.models import (
    Edition,
    Venue,
    VenueCandidate,
    VenueCandidateScore,
    VenueCriterion,
)


@dataclass
class CandidateColumn:
    candidate: VenueCandidate
    scores: dict[str, VenueCandidateScore]
    past_editions: list[str] = field(default_factory=list)

    @property
    def scored(self) -> list[int]:
        return [s.score for s in self.scores.values() if s.score is not None]

    @property
    def total(self) -> int | None:
        return sum(self.scored) if self.scored else None

    @property
    def mean(self) -> float | None:
        return sum(self.scored) / len(self.scored) if self.scored else None

    @property
    def complete(self) -> bool:
        return len(self.scored) == len(VenueCriterion.values)

    def cells(self) -> list[VenueCandidateScore | None]:
        return [self.scores.get(key) for key in VenueCriterion.values]


@dataclass
class VenueComparison:
    criteria: list[tuple[str, str]]
    columns: list[CandidateColumn]

    def rows(self) -> list[tuple[str, str, list[VenueCandidateScore | None]]]:
        return [
            (key, label, [column.scores.get(key) for column in self.columns])
            for key, label in self.criteria
        ]


def venue_comparison(*, edition: Edition) -> VenueComparison:
    """Candidates of an edition, best total first, in three queries."""
    candidates = list(
        VenueCandidate.objects.filter(edition=edition).prefetch_related(
            Prefetch("scores", queryset=VenueCandidateScore.objects.order_by("criterion"))
        )
    )
    past: dict[str, list[str]] = defaultdict(list)
    for state, year in (
        Venue.objects.filter(state__in=[c.state for c in candidates], is_virtual=False)
        .exclude(edition=edition)
        .values_list("state", "edition__year")
        .order_by("edition__year")
        .distinct()
    ):
        past[state].append(str(year))
    columns = [
        CandidateColumn(
            candidate=candidate,
            scores={s.criterion: s for s in candidate.scores.all()},
            past_editions=past.get(candidate.state, []),
        )
        for candidate in candidates
    ]
    columns.sort(
        key=lambda c: (
            c.candidate.status != "selected",
            -(c.total or 0),
            c.candidate.get_state_display(),
        )
    )
    return VenueComparison(
        criteria=[(key, str(label)) for key, label in VenueCriterion.choices], columns=columns
    )
