"""Reads of the policy process: timeline, expense totals, progress roll-up."""

import datetime as dt
from decimal import Decimal

import pytest

from datacon.policy import progress, selectors
from datacon.policy.models import Expense
from tests.policy.factories import (
    CommitmentFactory,
    ExpenseFactory,
    ProcessFactory,
    ProgressReportFactory,
    StageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        ("0", "10", None, "0"),
        ("0", "10", "5", "0.5"),
        ("0", "10", "15", "1"),  # capped at the target
        ("0", "10", "-3", "0"),  # never below zero
        ("30", "10", "22", "0.4"),  # an indicator that must go down
        ("30", "10", "5", "1"),
    ],
)
def test_progress_ratio(baseline, target, value, expected):
    ratio = progress.progress_ratio(
        baseline=Decimal(baseline), target=Decimal(target), value=Decimal(value) if value else None
    )
    assert ratio == Decimal(expected)


def test_rollup_is_the_mean_of_capped_ratios_of_active_commitments():
    process = ProcessFactory()
    half = CommitmentFactory(process=process, starts_year=2024)
    ProgressReportFactory(commitment=half, reported_on=dt.date(2024, 3, 1), value=Decimal(2))
    ProgressReportFactory(commitment=half, reported_on=dt.date(2024, 6, 1), value=Decimal(5))
    over = CommitmentFactory(process=process, starts_year=2024)
    ProgressReportFactory(commitment=over, reported_on=dt.date(2024, 5, 1), value=Decimal(30))
    CommitmentFactory(process=process, starts_year=2024)  # no report: counts as 0
    CommitmentFactory(
        process=process, starts_year=2024, is_cancelled=True, cancel_reason="Ya no aplica."
    )
    later = CommitmentFactory(process=process, starts_year=2025)
    ProgressReportFactory(commitment=later, reported_on=dt.date(2025, 5, 1), value=Decimal(10))
    summary = progress.commitments_progress(process=process, year=2024, today=dt.date(2026, 1, 5))
    assert [item.ratio for item in summary.items] == [Decimal("0.5"), Decimal(1), Decimal(0)]
    assert summary.rollup == Decimal("0.5")
    assert summary.percent == 50
    assert summary.achieved == 1


def test_year_cutoff_ignores_reports_after_the_end_of_the_year():
    process = ProcessFactory()
    commitment = CommitmentFactory(process=process, starts_year=2024, due_on=dt.date(2025, 12, 31))
    ProgressReportFactory(
        commitment=commitment, reported_on=dt.date(2024, 12, 31), value=Decimal(3)
    )
    ProgressReportFactory(commitment=commitment, reported_on=dt.date(2025, 1, 2), value=Decimal(9))
    in_2024 = progress.commitments_progress(process=process, year=2024, today=dt.date(2026, 1, 5))
    in_2025 = progress.commitments_progress(process=process, year=2025, today=dt.date(2026, 1, 5))
    assert (in_2024.rollup, in_2025.rollup) == (Decimal("0.3"), Decimal("0.9"))


def test_commitment_past_due_without_reaching_target_is_overdue():
    process = ProcessFactory()
    commitment = CommitmentFactory(process=process, starts_year=2024, due_on=dt.date(2024, 12, 31))
    ProgressReportFactory(commitment=commitment, reported_on=dt.date(2024, 6, 1), value=Decimal(7))
    summary = progress.commitments_progress(process=process, today=dt.date(2025, 2, 1))
    assert [item.state for item in summary.items] == ["overdue"]


def test_rollup_query_count_does_not_grow_with_commitments(count_queries):
    process = ProcessFactory()

    def add(n):  # type: ignore[no-untyped-def]
        for _ in range(n):
            commitment = CommitmentFactory(process=process)
            ProgressReportFactory(commitment=commitment)
            ProgressReportFactory(commitment=commitment, reported_on=dt.date(2024, 9, 1))

    add(2)
    small = count_queries(lambda: progress.commitments_progress(process=process, year=2024))
    add(15)
    large = count_queries(lambda: progress.commitments_progress(process=process, year=2024))
    assert small == large


def test_expense_totals_by_concept_and_stage_are_exact():
    process = ProcessFactory()
    first = StageFactory(
        process=process,
        order=1,
        name="Preparación",
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2022, 3, 31),
    )
    second = StageFactory(
        process=process,
        order=2,
        name="Desarrollo",
        starts_on=dt.date(2022, 4, 1),
        ends_on=dt.date(2022, 12, 31),
    )
    ExpenseFactory(process=process, stage=first, concept="travel", amount=Decimal("0.10"))
    ExpenseFactory(process=process, stage=first, concept="technology", amount=Decimal("0.20"))
    ExpenseFactory(process=process, stage=second, concept="technology", amount=Decimal("1000.05"))
    ExpenseFactory(process=process, stage=None, concept="other", amount=Decimal("0"))
    totals = selectors.expense_totals(process=process)
    assert totals.total == Decimal("1000.35")
    assert totals.count == 4
    assert [(value, amount, count) for value, _label, amount, count in totals.by_concept] == [
        ("travel", Decimal("0.10"), 1),
        ("technology", Decimal("1000.25"), 2),
        ("other", Decimal("0"), 1),
    ]
    assert sorted(totals.by_stage, key=lambda row: str(row[0])) == [
        ("Desarrollo", Decimal("1000.05"), 1),
        ("Preparación", Decimal("0.30"), 2),
        ("Sin etapa", Decimal("0"), 1),
    ]
    assert sum(amount for _v, _l, amount, _c in totals.by_concept) == totals.total
    assert Expense.objects.count() == 4


def test_timeline_marks_done_current_and_upcoming_stages():
    process = ProcessFactory()
    stages = [
        StageFactory(
            process=process, order=1, starts_on=dt.date(2021, 11, 1), ends_on=dt.date(2022, 3, 15)
        ),
        StageFactory(
            process=process, order=2, starts_on=dt.date(2022, 3, 16), ends_on=dt.date(2022, 12, 15)
        ),
        StageFactory(process=process, order=3, starts_on=dt.date(2022, 12, 16), ends_on=None),
        StageFactory(process=process, order=4, starts_on=dt.date(2030, 1, 1), ends_on=None),
    ]
    timeline = selectors.timeline_build(stages=stages, milestones=[], today=dt.date(2023, 5, 1))
    assert [entry.state for entry in timeline.entries] == ["done", "done", "current", "upcoming"]
    assert timeline.current == stages[2]
    assert timeline.entries[0].offset == 0.0


def test_assessment_years_cover_active_years_up_to_today():
    process = ProcessFactory()
    CommitmentFactory(process=process, starts_year=2021, due_on=dt.date(2023, 12, 31))
    CommitmentFactory(process=process, starts_year=2025, due_on=None)
    years = progress.assessment_years(process=process)
    this_year = process.today().year
    assert years == sorted({2021, 2022, 2023, *range(2025, this_year + 1)}, reverse=True)


def test_commitment_without_deadline_stops_counting_after_the_year_it_is_met():
    process = ProcessFactory()
    met = CommitmentFactory(process=process, starts_year=2021, due_on=None)
    ProgressReportFactory(commitment=met, reported_on=dt.date(2023, 11, 10), value=Decimal(10))
    today = dt.date(2026, 3, 1)
    assert [
        i.commitment
        for i in progress.commitments_progress(process=process, year=2023, today=today).items
    ] == [met]
    assert progress.commitments_progress(process=process, year=2024, today=today).items == []
