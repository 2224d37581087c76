import datetime as dt
from collections import Counter

import pytest

from datacon.demand.figures import demand_series, month_range, trend_of
from datacon.demand.models import DemandDimension, InformationRequest, Institution
from datacon.demand.selectors import demand_overview, institutions_directory
from datacon.demand.text import state_code, tidy_name
from tests import factories
from tests.demand.conftest import sample_rows

pytestmark = pytest.mark.django_db


def _month(row) -> dt.date:  # type: ignore[no-untyped-def]
    return dt.date(int(row.date[6:]), int(row.date[3:5]), 1)


def test_demand_by_institution_matches_the_file(sample_report):
    expected = Counter(tidy_name(row.institution) for row in sample_rows())
    overview = demand_overview()
    assert {row.label: row.total for row in overview.institutions.rows} == dict(expected)
    assert overview.total_requests == sum(expected.values()) == 243


def test_demand_by_state_matches_the_file(sample_report):
    expected = Counter((state_code(row.state) or "") for row in sample_rows())
    series = demand_series(dimension=DemandDimension.STATE)
    assert {row.key: row.total for row in series.rows} == dict(expected)


def test_demand_by_month_matches_the_file(sample_report):
    expected = Counter(_month(row) for row in sample_rows())
    overview = demand_overview()
    assert overview.months == month_range(min(expected), max(expected))
    total = overview.total.rows[0]
    assert dict(zip(overview.months, total.counts, strict=True)) == {
        month: expected.get(month, 0) for month in overview.months
    }


def test_demand_by_institution_and_month_and_its_trend(sample_report):
    rows = sample_rows()
    months = month_range(min(map(_month, rows)), max(map(_month, rows)))
    _months, directory = institutions_directory()
    for entry in directory:
        mine = Counter(
            _month(r) for r in rows if tidy_name(r.institution) == entry.institution.name
        )
        counts = [mine.get(month, 0) for month in months]
        assert entry.counts == counts
        assert entry.trend == trend_of(counts)


def test_demand_answered_share_matches_the_responses(sample_report):
    answered = sum(1 for row in sample_rows() if row.response.strip())
    overview = demand_overview()
    assert overview.answered == answered


def test_demand_by_topic_sums_the_requests_of_each_topic(analysed):
    series = demand_series(dimension=DemandDimension.TOPIC)
    by_topic = Counter(InformationRequest.objects.values_list("topic_number", flat=True))
    assert {row.key: row.total for row in series.rows} == {
        ("" if topic is None else str(topic)): count for topic, count in by_topic.items()
    }
    overview = demand_overview()
    labelled = [row for row in overview.topics.rows if row.obj is not None]
    assert all(row.label == row.obj.label for row in labelled)


def test_trend_compares_the_last_window_with_the_one_before():
    two_years = [1] * 12 + [2] * 12
    trend = trend_of(two_years)
    assert (trend.window, trend.recent, trend.previous, trend.change_pct, trend.direction) == (
        12, 24, 12, 100.0, "up",
    )  # fmt: skip
    assert trend_of([4, 4, 4, 2]).direction == "down"  # window 2: 6 vs 8 = -25 %
    assert trend_of([5, 5, 5, 5]).direction == "flat"
    assert trend_of([0, 0, 3, 1]).direction == "new"
    assert trend_of([0, 0]).direction == "none"
    assert trend_of([1, 2, 3, 4]).slope == 1.0


def test_merging_institutions_moves_their_demand(sample_report):
    from datacon.demand.catalogue import institution_merge

    source = Institution.objects.get(name="Secretaría de Salud de Muestra")
    target = Institution.objects.get(name="Instituto de Seguridad Social de Muestra")
    moved = source.requests.count()
    before = target.requests.count()
    institution_merge(source=source, target=target, actor=factories.SYSTEM)
    assert target.requests.count() == before + moved
    overview = demand_overview()
    assert {row.label: row.total for row in overview.institutions.rows}[
        target.name
    ] == before + moved
    # The old spelling now maps to the survivor on the next import.
    assert target.aliases.get().name == "Secretaría de Salud de Muestra"
