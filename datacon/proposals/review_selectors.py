"""Reads for the review: a reviewer's queue and anonymised proposal, the ranking,
and the reviews organisers read.

A reviewer sees only the proposals assigned to them, minus those where they
declared a conflict of interest, and, when the edition asks for anonymous
review, never a name or an organisation: `proposal_for_reviewer` builds the
page's data without them, so they cannot leak into the HTML. Every list runs a
fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import (
    Count,
    Q,
)
from django.http import Http404

from datacon.editions.models import Edition
from datacon.proposals.models import (
    Answer,
    InvitationStatus,
    Proposal,
    ProposalPerson,
    ProposalRole,
    ProposalStatus,
    ReviewAssignment,
    ReviewCriterion,
    ReviewScore,
)
from datacon.proposals.scoring import CriterionSpec, Summary, rank_key, review_total, summarise

# --- reviewers --------------------------------------------------------------------------


def reviewer_queue(*, user: User) -> list[ReviewAssignment]:
    """The reviewer's own assignments, without declared conflicts or withdrawn proposals."""
    return list(
        ReviewAssignment.objects.filter(reviewer=user, conflict_declared=False)
        .exclude(proposal__status=ProposalStatus.WITHDRAWN)
        .select_related("proposal__edition", "proposal__session_type", "proposal__track", "review")
        .order_by("-proposal__edition__year", "proposal__number")
    )


def reviewer_assignment(*, user: User, pk: int) -> ReviewAssignment:
    """One assignment of this reviewer; 404 for anyone else's or after a conflict."""
    assignment = (
        ReviewAssignment.objects.filter(pk=pk, reviewer=user, conflict_declared=False)
        .exclude(proposal__status=ProposalStatus.WITHDRAWN)
        .select_related("proposal__edition__call", "proposal__session_type", "proposal__track")
        .first()
    )
    if assignment is None:
        raise Http404("Asignación no encontrada")
    return assignment


@dataclass(frozen=True)
class ReviewerPerson:
    role: str
    name: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class ReviewerProposal:
    """What a reviewer may read about a proposal; built without names when anonymous."""

    assignment_id: int
    reference: str
    title: str
    abstract: str
    session_type: str
    track: str
    audiences: list[str]
    audience_notes: str
    language: str
    status: str
    anonymous: bool
    people: list[ReviewerPerson]
    answers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def speaker_count(self) -> int:
        return sum(1 for p in self.people if p.role == ProposalRole.SPEAKER)

    @property
    def has_moderator(self) -> bool:
        return any(p.role == ProposalRole.MODERATOR for p in self.people)


def proposal_for_reviewer(*, assignment: ReviewAssignment) -> ReviewerProposal:
    proposal = assignment.proposal
    call = getattr(proposal.edition, "call", None)
    anonymous = call.anonymous_review if call is not None else True
    people = [
        ReviewerPerson(role=role)
        if anonymous
        else ReviewerPerson(role=role, name=name, organisation=organisation)
        for role, name, organisation in ProposalPerson.objects.filter(proposal=proposal)
        .exclude(invitation_status=InvitationStatus.DECLINED)
        .order_by("order", "id")
        .values_list("role", "name", "organisation")
    ]
    answers = [
        (answer.question.text, answer.display_value())
        for answer in Answer.objects.filter(
            proposal=proposal, question__show_to_reviewers=True
        ).select_related("question")
        if answer.value
    ]
    return ReviewerProposal(
        assignment_id=assignment.pk,
        reference=proposal.reference,
        title=proposal.title,
        abstract=proposal.abstract,
        session_type=proposal.session_type.name,
        track=proposal.track.name if proposal.track else "",
        audiences=proposal.audience_labels(),
        audience_notes=proposal.audience_notes,
        language=proposal.get_language_display(),
        status=proposal.get_status_display(),
        anonymous=anonymous,
        people=people,
        answers=answers,
    )


def review_criteria(*, edition: Edition) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.filter(edition=edition))


def review_scores_of(*, assignment: ReviewAssignment) -> tuple[dict[int, int], str, bool]:
    """The reviewer's stored scores by criterion id, comment, and whether a review exists."""
    review = getattr(assignment, "review", None)
    if review is None:
        from datacon.proposals.models import Review

        review = Review.objects.filter(assignment=assignment).first()
    if review is None:
        return {}, "", False
    return dict(review.scores.values_list("criterion_id", "value")), review.comment, True


# --- ranking ------------------------------------------------------------------------------


@dataclass
class RankingRow:
    proposal: Proposal
    summary: Summary
    assigned: int
    criterion_means: list[float | None]
    position: int = 0


@dataclass
class Ranking:
    criteria: list[ReviewCriterion]
    rows: list[RankingRow]
    by: str


def ranking(
    *,
    edition: Edition,
    by: str = "mean",
    session_type_id: int | None = None,
    statuses: Iterable[str] | None = None,
) -> Ranking:
    """Proposals ranked by the weighted mean (or median) of their reviews, in four queries."""
    criteria = review_criteria(edition=edition)
    specs = [CriterionSpec(c.pk, c.weight, c.scale_min, c.scale_max) for c in criteria]
    proposals_qs = (
        Proposal.objects.filter(edition=edition)
        .exclude(status=ProposalStatus.WITHDRAWN)
        .select_related("edition", "session_type", "track")
        .annotate(assigned=Count("assignments", filter=Q(assignments__conflict_declared=False)))
    )
    if session_type_id:
        proposals_qs = proposals_qs.filter(session_type_id=session_type_id)
    if statuses:
        proposals_qs = proposals_qs.filter(status__in=list(statuses))
    proposals = list(proposals_qs)
    by_review: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for proposal_id, review_id, criterion_id, value in ReviewScore.objects.filter(
        review__assignment__proposal__in=[p.pk for p in proposals],
        review__assignment__conflict_declared=False,
    ).values_list("review__assignment__proposal_id", "review_id", "criterion_id", "value"):
        by_review[(proposal_id, review_id)][criterion_id] = value
    totals: dict[int, list[float]] = defaultdict(list)
    raw: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for (proposal_id, _review_id), scores in by_review.items():
        total = review_total(scores, specs)
        if total is None:
            continue  # a review missing a criterion (added after it was written) waits
        totals[proposal_id].append(total)
        for criterion_id, value in scores.items():
            raw[proposal_id][criterion_id].append(value)
    rows = []
    for proposal in proposals:
        per_criterion = raw.get(proposal.pk, {})
        rows.append(
            RankingRow(
                proposal=proposal,
                summary=summarise(totals.get(proposal.pk, [])),
                assigned=proposal.assigned,
                criterion_means=[
                    (sum(per_criterion[c.pk]) / len(per_criterion[c.pk]))
                    if per_criterion.get(c.pk)
                    else None
                    for c in criteria
                ],
            )
        )
    rows.sort(key=lambda row: (*rank_key(row.summary, by), row.proposal.number))
    for position, row in enumerate(rows, start=1):
        row.position = position
    return Ranking(criteria=criteria, rows=rows, by=by)


@dataclass
class OrganiserReview:
    assignment: ReviewAssignment
    scores: list[int | None]
    total: float | None
    comment: str


def organiser_reviews(
    *, proposal: Proposal, criteria: list[ReviewCriterion]
) -> list[OrganiserReview]:
    """Each assignment of a prefetched proposal with its scores in criteria order."""
    specs = [CriterionSpec(c.pk, c.weight, c.scale_min, c.scale_max) for c in criteria]
    rows = []
    for assignment in proposal.assignments.all():
        review = getattr(assignment, "review", None)
        by_criterion = {s.criterion_id: s.value for s in review.scores.all()} if review else {}
        rows.append(
            OrganiserReview(
                assignment=assignment,
                scores=[by_criterion.get(c.pk) for c in criteria],
                total=review_total(by_criterion, specs) if review else None,
                comment=review.comment if review else "",
            )
        )
    return rows


def reviews_summary(*, reviews: list[OrganiserReview]) -> Summary:
    return summarise(
        [r.total for r in reviews if r.total is not None and not r.assignment.conflict_declared]
    )


def next_unreviewed(*, user: User, after: ReviewAssignment) -> ReviewAssignment | None:
    return (
        ReviewAssignment.objects.filter(
            reviewer=user,
            conflict_declared=False,
            review__isnull=True,
            proposal__status__in=(ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED),
        )
        .exclude(pk=after.pk)
        .order_by("proposal__edition__year", "proposal__number")
        .first()
    )


def assignment_from_url(*, pk: int, **_url: object) -> ReviewAssignment:
    """The review assignment a reviewer's URL names, for `rule_route`; 404 when missing."""
    assignment = ReviewAssignment.objects.filter(pk=pk).first()
    if assignment is None:
        raise Http404("Asignación no encontrada")
    return assignment


@dataclass(frozen=True)
class ReviewCount:
    completed: int
    assigned: int


def review_count(*, proposal: Proposal) -> ReviewCount:
    """Written reviews and assignments of a proposal, leaving out declared conflicts."""
    assignments = ReviewAssignment.objects.filter(proposal=proposal, conflict_declared=False)
    return ReviewCount(
        completed=assignments.filter(review__isnull=False).count(),
        assigned=assignments.count(),
    )


@dataclass(frozen=True)
class ReviewRole:
    """A reviewer's part in one edition, as their participant page shows it."""

    edition: Edition
    assigned: int
    reviewed: int
    conflicts: int


def review_roles_of_account(*, user_id: int) -> list[ReviewRole]:
    """The editions in which this account reviews, newest first: one query."""
    rows = (
        ReviewAssignment.objects.filter(reviewer_id=user_id)
        .values("proposal__edition")
        .annotate(
            assigned=Count("pk"),
            reviewed=Count("pk", filter=Q(review__isnull=False)),
            conflicts=Count("pk", filter=Q(conflict_declared=True)),
        )
        .order_by()
    )
    counts = {row["proposal__edition"]: row for row in rows}
    editions = Edition.objects.filter(pk__in=counts).order_by("-year", "-pk")
    return [
        ReviewRole(
            edition=edition,
            assigned=counts[edition.pk]["assigned"],
            reviewed=counts[edition.pk]["reviewed"],
            conflicts=counts[edition.pk]["conflicts"],
        )
        for edition in editions
    ]
