"""Fictional records are never counted or averaged with real ones (issue 16.6).

`Edition.is_demo` owns "fictional": a commitment is fictional when it is marked
so or when it comes from a fictional edition (`Commitment.is_fictional`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from datacon.policy.models import ProcessEdition
from datacon.policy.progress import commitments_progress, edition_policy_year
from tests import factories as core
from tests.policy.factories import CommitmentFactory, ProcessFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)


def _process_with_real_and_fictional_commitments(real_year=2025, fictional_year=2026):  # type: ignore[no-untyped-def]
    process = ProcessFactory()
    real = core.EditionFactory(year=real_year)
    fictional = core.EditionFactory(year=fictional_year, is_demo=True)
    for edition in (real, fictional):
        ProcessEdition.objects.create(process=process, edition=edition, relation="input")
    met = CommitmentFactory(process=process, starts_year=2025, edition=None)
    ProgressReportFactory(commitment=met, reported_on=dt.date(2025, 6, 30), value=Decimal("10"))
    CommitmentFactory(process=process, starts_year=2025, is_demo=True)
    # Not marked, but born from the fictional edition: fictional all the same.
    from_fictional_edition = CommitmentFactory(
        process=process, starts_year=2025, source="datacon", edition=fictional, is_demo=False
    )
    ProgressReportFactory(
        commitment=from_fictional_edition, reported_on=dt.date(2025, 6, 30), value=Decimal("10")
    )
    return process, real, fictional


def test_real_edition_year_counts_only_real_commitments():
    process, real, _fictional = _process_with_real_and_fictional_commitments()
    [year] = edition_policy_year(edition=real, today=TODAY)
    assert (year.process, year.active, year.achieved, year.from_edition) == (process, 1, 1, 0)


def test_fictional_edition_year_counts_only_fictional_commitments():
    process, _real, fictional = _process_with_real_and_fictional_commitments(
        real_year=2024, fictional_year=2025
    )
    [year] = edition_policy_year(edition=fictional, today=TODAY)
    assert (year.process, year.active, year.achieved, year.from_edition) == (process, 2, 1, 1)


def test_progress_average_leaves_out_commitments_of_a_fictional_edition():
    process, _real, _fictional = _process_with_real_and_fictional_commitments()
    summary = commitments_progress(process=process, year=2025, today=TODAY)
    assert [item.commitment.is_fictional for item in summary.real_items] == [False]
    assert len(summary.demo_items) == 2
    # The real one is met (100 %); the fictional ones (0 % and 100 %) are averaged apart.
    assert (summary.percent, summary.demo_rollup) == (100, Decimal("0.5"))


def test_commitment_of_a_fictional_edition_must_be_marked_fictional():
    fictional = core.EditionFactory(year=2027, is_demo=True)
    commitment = CommitmentFactory.build(
        process=ProcessFactory(), source="datacon", edition=fictional, is_demo=False
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert list(error.value.message_dict) == ["is_demo"]
    commitment.is_demo = True
    commitment.full_clean()


def test_commitments_dataset_marks_every_fictional_commitment():
    from datacon.policy.datasets_commitments import commitment_rows

    process, _real, _fictional = _process_with_real_and_fictional_commitments()
    rows = [row for row in commitment_rows() if row["proceso"] == process.slug]
    assert [(row["origen"], row["demostracion"]) for row in rows] == [
        ("policy", False),
        ("policy", True),
        ("datacon", True),  # not marked, but from the fictional edition
    ]
