"""Ranking math: weighted mean of criteria on 0–100, mean and median of reviews, spread."""

from decimal import Decimal

import pytest

from datacon.common.actor import Actor
from datacon.proposals.models import ReviewCriterion
from datacon.proposals.review_selectors import ranking
from datacon.proposals.scoring import CriterionSpec, rank_key, review_total, summarise
from datacon.proposals.services import assignment_create, review_save
from tests import factories
from tests.proposals import factories as pf

FIVE = CriterionSpec(pk=1, weight=Decimal("2"), scale_min=1, scale_max=5)
TEN = CriterionSpec(pk=2, weight=Decimal("1"), scale_min=0, scale_max=10)


def test_review_total_normalises_each_scale_and_weights_it():
    # Merit 4/5 -> 75; other 5/10 -> 50; (2*75 + 1*50) / 3 = 66.67
    assert review_total({1: 4, 2: 5}, [FIVE, TEN]) == pytest.approx(200 / 3)
    assert review_total({1: 5, 2: 10}, [FIVE, TEN]) == 100
    assert review_total({1: 1, 2: 0}, [FIVE, TEN]) == 0


def test_review_total_is_none_when_a_criterion_is_missing():
    assert review_total({1: 4}, [FIVE, TEN]) is None
    assert review_total({}, []) is None


def test_summary_mean_median_spread_and_deviation():
    summary = summarise([50.0, 100.0, 60.0, 70.0])
    assert summary.count == 4
    assert summary.mean == 70.0
    assert summary.median == 65.0
    assert (summary.minimum, summary.maximum, summary.spread) == (50.0, 100.0, 50.0)
    assert summary.stdev == pytest.approx(18.708286933869708)


def test_summary_of_one_review_has_no_spread_and_of_none_is_empty():
    one = summarise([42.0])
    assert (one.mean, one.median, one.spread, one.stdev) == (42.0, 42.0, 0.0, 0.0)
    empty = summarise([])
    assert (empty.count, empty.mean, empty.spread) == (0, None, None)


def test_rank_key_orders_by_mean_or_median_and_puts_unreviewed_last():
    a = summarise([90.0, 10.0, 20.0])  # mean 40, median 20
    b = summarise([30.0, 30.0, 30.0])  # mean 30, median 30
    none = summarise([])
    assert sorted([none, b, a], key=lambda s: rank_key(s, "mean")) == [a, b, none]
    assert sorted([none, a, b], key=lambda s: rank_key(s, "median")) == [b, a, none]


@pytest.mark.django_db
def test_ranking_table_from_the_database():
    call = pf.open_call()
    criteria = list(ReviewCriterion.objects.filter(edition=call.edition))
    criteria[0].weight = Decimal("3")
    criteria[0].save()
    strong = pf.submit(call, title="Fuerte")
    split = pf.submit(call, title="Dividida")
    unreviewed = pf.submit(call, title="Sin revisar")
    reviewers = [pf.reviewer_user() for _ in range(3)]

    def score(proposal, reviewer, values):
        assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
        review_save(
            assignment=assignment,
            scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
            comment="",
            actor=Actor.of(reviewer),
        )

    score(strong, reviewers[0], [5, 4, 4, 4])  # (3*100 + 75*3)/6 = 87.5
    score(strong, reviewers[1], [4, 4, 4, 4])  # 75
    score(split, reviewers[0], [5, 5, 5, 5])  # 100
    score(split, reviewers[1], [1, 1, 1, 1])  # 0
    score(split, reviewers[2], [2, 2, 2, 2])  # 25
    assignment_create(proposal=unreviewed, reviewer=reviewers[2], actor=factories.SYSTEM)

    table = ranking(edition=call.edition)
    rows = [(r.position, r.proposal.title, r.summary.count, r.assigned) for r in table.rows]
    assert rows == [(1, "Fuerte", 2, 2), (2, "Dividida", 3, 3), (3, "Sin revisar", 0, 1)]
    strong_row, split_row = table.rows[0], table.rows[1]
    assert strong_row.summary.mean == pytest.approx(81.25)
    assert strong_row.summary.median == pytest.approx(81.25)
    assert split_row.summary.mean == pytest.approx(125 / 3)
    assert split_row.summary.median == 25
    assert (split_row.summary.minimum, split_row.summary.maximum) == (0, 100)
    assert strong_row.criterion_means == [4.5, 4.0, 4.0, 4.0]

    by_median = ranking(edition=call.edition, by="median")
    assert [r.proposal.title for r in by_median.rows] == ["Fuerte", "Dividida", "Sin revisar"]
