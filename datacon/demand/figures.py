"""Demand figures: requests per month by institution, state and topic, and their trend.

`monthly_demand_refresh()` recomputes the `MonthlyDemand` table from the
requests (a handful of GROUP BY queries) after each import and analysis; every
page, export and API answer reads that small table, never the requests.

Trend (documented in docs/demand.md): over the months covered by the data,
compare the last `window` months with the `window` months before them, where
`window` is 12 when the data cover at least two years and half the covered
months otherwise. The change is shown as a percentage; a change above +10 %
is "growing", below -10 % "falling", otherwise "stable"; no requests in the
previous window but some in the recent one is "new". The least-squares slope
of the monthly counts (requests per month, per month) is exported too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.demand.models import DemandAction, DemandDimension, InformationRequest, MonthlyDemand

TOTAL_KEY = "all"
DIMENSION_FIELDS = {
    DemandDimension.TOTAL: None,
    DemandDimension.INSTITUTION: "institution_id",
    DemandDimension.STATE: "state",
    DemandDimension.TOPIC: "topic_number",
}
GROWTH_THRESHOLD = 10.0  # percent


def monthly_demand_refresh(*, actor: Actor, dimensions: tuple[str, ...] | None = None) -> int:
    """Recompute the monthly counts (all dimensions, or the ones given). Returns rows written.

    Called inside the unit of work of an import, an analysis or a merge, whose own
    record declares the demand pages that change.
    """
    chosen = dimensions or tuple(DIMENSION_FIELDS)
    cells: list[MonthlyDemand] = []
    base = InformationRequest.objects.annotate(month=TruncMonth("filed_on")).order_by()
    for dimension in chosen:
        field_name = DIMENSION_FIELDS[DemandDimension(dimension)]
        group = ["month", field_name] if field_name else ["month"]
        rows = base.values(*group).annotate(
            total=Count("id"), answered=Count("id", filter=Q(answered=True))
        )
        for row in rows:
            if field_name is None:
                key = TOTAL_KEY
            else:
                value = row[field_name]
                key = "" if value is None else str(value)
            month = row["month"]
            if isinstance(month, dt.datetime):
                month = month.date()
            cells.append(
                MonthlyDemand(
                    dimension=dimension,
                    key=key,
                    month=month,
                    requests=row["total"],
                    answered=row["answered"],
                )
            )
    with unit_of_work(actor) as work:
        work.delete_many(
            MonthlyDemand.objects.filter(dimension__in=chosen), action=DemandAction.MONTHLY_REFRESH
        )
        work.create_many(cells, action=DemandAction.MONTHLY_REFRESH, batch_size=2000)
    return len(cells)


# --- reading the figures ------------------------------------------------------------------------------


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months


@dataclass(frozen=True)
class Trend:
    window: int
    recent: int
    previous: int
    change_pct: float | None
    slope: float
    direction: str  # "up", "down", "flat", "new", "none"

    @property
    def arrow(self) -> str:
        return {"up": "↑", "down": "↓", "flat": "→", "new": "★"}.get(self.direction, "·")


def trend_of(counts: list[int]) -> Trend:
    """Trend of a monthly series that covers the whole period (zeros included)."""
    span = len(counts)
    window = 12 if span >= 24 else max(1, span // 2)
    recent = sum(counts[-window:]) if span else 0
    previous = sum(counts[-2 * window : -window]) if span >= 2 else 0
    change = round(100.0 * (recent - previous) / previous, 1) if previous else None
    if span >= 2:
        mean_x = (span - 1) / 2
        mean_y = sum(counts) / span
        spread = sum((x - mean_x) ** 2 for x in range(span))
        slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(counts)) / spread
    else:
        slope = 0.0
    if span < 2 or (recent == 0 and previous == 0):
        direction = "none"
    elif previous == 0:
        direction = "new"
    elif change is not None and change > GROWTH_THRESHOLD:
        direction = "up"
    elif change is not None and change < -GROWTH_THRESHOLD:
        direction = "down"
    else:
        direction = "flat"
    return Trend(window, recent, previous, change, round(slope, 3), direction)


@dataclass
class SeriesRow:
    key: str
    total: int = 0
    answered: int = 0
    counts: list[int] = field(default_factory=list)
    trend: Trend | None = None
    label: str = ""
    obj: object | None = None

    @property
    def answered_pct(self) -> float:
        return round(100.0 * self.answered / self.total, 1) if self.total else 0.0


@dataclass
class DemandSeries:
    months: list[dt.date]
    rows: list[SeriesRow]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def demand_series(*, dimension: str, months: list[dt.date] | None = None) -> DemandSeries:
    """Every key of one dimension with its monthly counts over the data's months, in one query."""
    cells = list(
        MonthlyDemand.objects.filter(dimension=dimension).values_list(
            "key", "month", "requests", "answered"
        )
    )
    if months is None:
        all_months = sorted({month for _key, month, _n, _a in cells})
        months = month_range(all_months[0], all_months[-1]) if all_months else []
    position = {month: index for index, month in enumerate(months)}
    by_key: dict[str, SeriesRow] = defaultdict(lambda: SeriesRow(key="", counts=[0] * len(months)))
    for key, month, requests, answered in cells:
        row = by_key[key]
        row.key = key
        row.total += requests
        row.answered += answered
        if month in position:
            row.counts[position[month]] += requests
    rows = list(by_key.values())
    for row in rows:
        row.trend = trend_of(row.counts)
    rows.sort(key=lambda r: (-r.total, r.key))
    return DemandSeries(months=months, rows=rows)


def data_months() -> list[dt.date]:
    """The months the requests cover, from the first to the last (gaps included)."""
    found = list(
        MonthlyDemand.objects.filter(dimension=DemandDimension.TOTAL)
        .order_by("month")
        .values_list("month", flat=True)
    )
    return month_range(found[0], found[-1]) if found else []
