"""Ranking math, as pure functions (tests/proposals/test_scoring.py checks them by hand).

Each criterion has its own scale (1–5 by default) and weight. A review's total
puts every score on 0–100 (the lowest mark of the scale is 0, the highest 100)
and takes the weighted mean over the criteria, so criteria on different
scales weigh exactly what their weight says. A proposal is then ranked by the
mean of its reviews' totals, or by their median; the spread (lowest to highest
total, and the standard deviation) shows where reviewers disagree.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CriterionSpec:
    pk: int
    weight: Decimal | float
    scale_min: int
    scale_max: int

    def normalise(self, value: int) -> float:
        return 100 * (value - self.scale_min) / (self.scale_max - self.scale_min)


def review_total(scores: Mapping[int, int], criteria: Sequence[CriterionSpec]) -> float | None:
    """Weighted mean, on 0–100, of one review's scores; None if a criterion is missing."""
    if not criteria or any(c.pk not in scores for c in criteria):
        return None
    weights = sum(float(c.weight) for c in criteria)
    return sum(float(c.weight) * c.normalise(scores[c.pk]) for c in criteria) / weights


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None
    stdev: float | None  # population standard deviation of the totals

    @property
    def spread(self) -> float | None:
        if self.minimum is None or self.maximum is None:
            return None
        return self.maximum - self.minimum


EMPTY = Summary(count=0, mean=None, median=None, minimum=None, maximum=None, stdev=None)


def summarise(totals: Sequence[float]) -> Summary:
    if not totals:
        return EMPTY
    return Summary(
        count=len(totals),
        mean=statistics.fmean(totals),
        median=statistics.median(totals),
        minimum=min(totals),
        maximum=max(totals),
        stdev=statistics.pstdev(totals) if len(totals) > 1 else 0.0,
    )


def rank_key(summary: Summary, by: str) -> tuple[float, float, int]:
    """Sort key, best first: the chosen figure, then the other one, then more reviews.

    Proposals without reviews go last.
    """
    primary = summary.median if by == "median" else summary.mean
    secondary = summary.mean if by == "median" else summary.median
    return (
        -(primary if primary is not None else -math.inf),
        -(secondary if secondary is not None else -math.inf),
        -summary.count,
    )
