"""Writes for the review: who reviews what, conflicts of interest, scores.

Nobody reviews a proposal they appear on. The rule is checked when an
assignment is made and again whenever the people of a proposal change
(`assignments_recheck`, called by every service that changes them): a reviewer
who becomes a co-speaker loses the assignment, their score stops counting and
the organiser who assigned it hears about it through the outbox (issue 13.4).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition
from datacon.editions.models_access import EditionDuty, EditionRole
from datacon.proposals.models import (
    Proposal,
    ProposalAction,
    ProposalStatus,
    Review,
    ReviewAssignment,
    ReviewCriterion,
    ReviewScore,
    ReviewTeam,
)
from datacon.proposals.services.messages import review_conflict_enqueue

REVIEWABLE = (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED)


def _addresses(user: User) -> set[str]:
    from datacon.proposals.selectors import user_emails

    primary = (user.email or "").strip().lower()
    return user_emails(user=user) | ({primary} if primary else set())


def reviewer_conflicts_with(proposal: Proposal, reviewer: User) -> bool:
    """The reviewer proposed it, or appears on it (by any of their addresses or account)."""
    if proposal.submitter_id == reviewer.pk:
        return True
    addresses = _addresses(reviewer)
    return any(
        person.user_id == reviewer.pk or person.email.strip().lower() in addresses
        for person in proposal.people.all()
    )


def assignment_create(
    *, proposal: Proposal, reviewer: User, actor: Actor, team: ReviewTeam | None = None
) -> ReviewAssignment:
    with unit_of_work(actor) as work:
        require(actor, "proposals.assign", proposal)
        existing = ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).first()
        if existing is not None:
            return existing
        if proposal.submitter_id == reviewer.pk:
            raise ValidationError(_("Nadie revisa su propia propuesta."))
        if reviewer_conflicts_with(proposal, reviewer):
            raise ValidationError(
                _("%(reviewer)s aparece en la propuesta; no puede revisarla.")
                % {"reviewer": reviewer}
            )
        return work.save(
            ReviewAssignment(
                proposal=proposal, reviewer=reviewer, team=team, assigned_by=work.actor.account
            )
        )


def assignment_delete(*, assignment: ReviewAssignment, actor: Actor) -> None:
    with unit_of_work(actor) as work:
        require(actor, "proposals.assign", assignment)
        work.delete(assignment)


def assignments_from_teams(*, edition: Edition, actor: Actor) -> int:
    """Assign every open proposal to every member of each team that covers it.

    A team with no session types (or tracks) covers them all. People never get
    their own proposals, nor proposals they appear on. Returns how many were added.
    """
    with unit_of_work(actor) as work:
        require(actor, "proposals.assign", edition)
        teams = list(
            ReviewTeam.objects.filter(edition=edition).prefetch_related(
                "members", "session_types", "tracks"
            )
        )
        proposals = list(
            Proposal.objects.filter(edition=edition, status__in=REVIEWABLE).prefetch_related(
                "people"
            )
        )
        existing = set(
            ReviewAssignment.objects.filter(proposal__edition=edition).values_list(
                "proposal_id", "reviewer_id"
            )
        )
        new: list[ReviewAssignment] = []
        for team in teams:
            type_ids = {t.pk for t in team.session_types.all()}
            track_ids = {t.pk for t in team.tracks.all()}
            for proposal in proposals:
                if type_ids and proposal.session_type_id not in type_ids:
                    continue
                if track_ids and proposal.track_id not in track_ids:
                    continue
                for member in team.members.all():
                    if (proposal.pk, member.pk) in existing:
                        continue
                    if reviewer_conflicts_with(proposal, member):
                        continue
                    new.append(
                        ReviewAssignment(
                            proposal=proposal,
                            reviewer=member,
                            team=team,
                            assigned_by=work.actor.account,
                        )
                    )
                    existing.add((proposal.pk, member.pk))
        work.create_many(new, action=ProposalAction.ASSIGNMENTS_FROM_TEAMS)
    return len(new)


def assignments_recheck(work: Work, *, proposal: Proposal) -> list[ReviewAssignment]:
    """Withdraw the assignments of reviewers who now appear on the proposal.

    Called inside the unit of work of every change to the people of a proposal,
    before any invitation leaves, so the reviewer never gets a message naming
    who proposed what they review. The organiser who made the assignment (else
    the call's contact address) is told through the outbox. Returns the
    withdrawn assignments.
    """
    withdrawn = []
    assignments = ReviewAssignment.objects.filter(proposal=proposal).select_related(
        "reviewer", "assigned_by"
    )
    for assignment in assignments:
        if not reviewer_conflicts_with(proposal, assignment.reviewer):
            continue
        work.delete(assignment, action=ProposalAction.ASSIGNMENT_CONFLICT_REMOVE)
        withdrawn.append(assignment)
        for address in _organiser_addresses(proposal, assignment):
            review_conflict_enqueue(
                work,
                proposal=proposal,
                reviewer_label=str(assignment.reviewer),
                to=address,
            )
    return withdrawn


def _organiser_addresses(proposal: Proposal, assignment: ReviewAssignment) -> list[str]:
    assigner = assignment.assigned_by
    if assigner is not None and assigner.email:
        return [assigner.email]
    call = getattr(proposal.edition, "call", None)
    if call is not None and call.contact_email:
        return [call.contact_email]
    organisers = (
        get_user_model()
        .objects.filter(
            pk__in=EditionRole.objects.active()
            .filter(edition_id=proposal.edition_id, duty=EditionDuty.ORGANISER)
            .values("user_id")
        )
        .exclude(email="")
        .order_by("pk")
    )
    return [user.email for user in organisers]


def conflict_declare(*, assignment: ReviewAssignment, note: str, actor: Actor) -> ReviewAssignment:
    """The reviewer steps away from a proposal; its review, if any, no longer counts."""
    with unit_of_work(actor) as work:
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        require(actor, "proposals.review", assignment)
        assignment.conflict_declared = True
        assignment.conflict_note = note.strip()[:300]
        assignment.conflict_declared_at = timezone.now()
        work.save(assignment, action=ProposalAction.REVIEW_CONFLICT)
        review = Review.objects.filter(assignment=assignment).first()
        if review is not None:
            work.delete(review)
    return assignment


def conflict_withdraw(*, assignment: ReviewAssignment, actor: Actor) -> ReviewAssignment:
    """An organiser reopens an assignment whose conflict was declared by mistake.

    The deleted review does not come back (declaring a conflict must leave no
    trace of a score); the reviewer sees the proposal again and scores anew.
    """
    with unit_of_work(actor) as work:
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        require(actor, "proposals.assign", assignment)
        if not assignment.conflict_declared:
            raise ValidationError(_("Esta asignación no tiene un conflicto declarado."))
        assignment.conflict_declared = False
        assignment.conflict_note = ""
        assignment.conflict_declared_at = None
        work.save(assignment, action=ProposalAction.REVIEW_CONFLICT_WITHDRAWN)
    return assignment


def _score_errors(
    criteria: list[ReviewCriterion], scores: Mapping[int, int | None]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors[f"criterion_{criterion.pk}"] = [
                _("Califique «%(criterion)s».") % {"criterion": criterion.name}
            ]
        elif not (criterion.scale_min <= value <= criterion.scale_max):
            errors[f"criterion_{criterion.pk}"] = [
                _("La puntuación de «%(criterion)s» debe estar entre %(min)s y %(max)s.")
                % {
                    "criterion": criterion.name,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                }
            ]
    return errors


def review_save(
    *, assignment: ReviewAssignment, scores: Mapping[int, int | None], comment: str, actor: Actor
) -> Review:
    """Store a reviewer's scores (one per criterion, each within its scale) and comment."""
    with unit_of_work(actor) as work:
        assignment = (
            ReviewAssignment.objects.select_for_update(of=("self",))
            .select_related("proposal")
            .get(pk=assignment.pk)
        )
        require(actor, "proposals.review", assignment)
        if assignment.conflict_declared:
            raise ValidationError(_("Declaró un conflicto de interés con esta propuesta."))
        if assignment.proposal.status not in REVIEWABLE:
            raise ValidationError(
                _("La propuesta ya no está en revisión (estado: «%(status)s»).")
                % {"status": assignment.proposal.get_status_display()}
            )
        criteria = list(ReviewCriterion.objects.filter(edition_id=assignment.proposal.edition_id))
        errors = _score_errors(criteria, scores)
        if errors:
            raise ValidationError(errors)
        review = Review.objects.filter(assignment=assignment).first()
        created = review is None
        if review is None:
            review = Review(assignment=assignment)
        review.comment = comment.strip()
        work.save(
            review,
            action=ProposalAction.REVIEW_CREATE if created else ProposalAction.REVIEW_UPDATE,
            extra_changes={"scores": {str(k): v for k, v in scores.items()}},
        )
        stored = {s.criterion_id: s for s in review.scores.all()}
        for criterion in criteria:
            value = scores[criterion.pk]
            assert value is not None
            score = stored.get(criterion.pk) or ReviewScore(review=review, criterion=criterion)
            if score.pk is None or score.value != value:
                score.value = value
                work.save(score)
    return review
