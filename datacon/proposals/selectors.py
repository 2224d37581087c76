"""Reads for calls, proposals and review: visibility, permissions and prefetching.

Who sees what:
* a proponent sees their own proposals; a decision only once its e-mail has
  left the outbox (organisers review those messages first);
* a co-speaker sees the proposal they were invited to, through the e-mailed
  link or their verified e-mail addresses;
* a reviewer sees only the proposals assigned to them, minus those where they
  declared a conflict of interest, and, when the edition asks for anonymous
  review, never a name or an organisation: `proposal_for_reviewer` builds the
  page's data without them, so they cannot leak into the HTML;
* organisers see everything; self-declared gender only with
  `people.view_private_data`, and elsewhere only as aggregates.

Every list here runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import (
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404

from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.editions.models import Edition
from datacon.program.selectors import ParityRow
from datacon.proposals.models import (
    DECISIONS,
    IN_PROGRAM,
    Answer,
    Call,
    CallSessionType,
    CallState,
    EmailTemplate,
    EmailTemplateKind,
    InvitationStatus,
    Proposal,
    ProposalEvent,
    ProposalPerson,
    ProposalStatus,
    Question,
    ReviewAssignment,
    ReviewScore,
)

# --- the call -------------------------------------------------------------------------


def call_for_edition(*, edition: Edition) -> Call | None:
    return Call.objects.filter(edition=edition).select_related("edition").first()


def call_session_types(*, call: Call) -> list[CallSessionType]:
    return list(call.session_types.select_related("session_type"))


def call_questions(*, call: Call) -> list[Question]:
    return list(call.questions.all())


# --- the proponent ----------------------------------------------------------------------


def _with_visible_status(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Annotate `decision_sent`: the e-mail of the current decision has left the outbox."""
    sent = OutboundEmail.objects.filter(
        related_type="proposals.proposal",
        related_id=Cast(OuterRef("pk"), CharField()),
        purpose=Concat(Value("proposal.decision."), OuterRef("status"), output_field=CharField()),
        status__in=(
            OutboundEmailStatus.QUEUED,
            OutboundEmailStatus.SENT,
            OutboundEmailStatus.FAILED,
        ),
    )
    return queryset.annotate(decision_sent=Exists(sent))


def decision_released_for(proposal: Proposal) -> bool:
    """Whether the e-mail of the proposal's current decision has left the outbox."""
    if proposal.status not in DECISIONS:
        return True
    return OutboundEmail.objects.filter(
        related_type="proposals.proposal",
        related_id=str(proposal.pk),
        purpose=f"proposal.decision.{proposal.status}",
        status__in=(
            OutboundEmailStatus.QUEUED,
            OutboundEmailStatus.SENT,
            OutboundEmailStatus.FAILED,
        ),
    ).exists()


def visible_status(proposal: Proposal) -> str:
    """The status the proponent sees: a decision waits until its e-mail is released."""
    if proposal.status in DECISIONS and not getattr(proposal, "decision_sent", False):
        return ProposalStatus.SUBMITTED
    return proposal.status


def visible_status_label(proposal: Proposal) -> str:
    status = visible_status(proposal)
    if status == ProposalStatus.SUBMITTED and proposal.status in DECISIONS:
        from django.utils.translation import gettext

        return gettext("En revisión")
    return str(ProposalStatus(status).label)


def proposals_of_user(*, user: User) -> list[Proposal]:
    return list(
        _with_visible_status(
            Proposal.objects.filter(submitter=user).select_related(
                "edition", "session_type", "session"
            )
        ).order_by("-edition__year", "-submitted_at")
    )


def proposal_of_user(*, user: User, pk: int) -> Proposal:
    proposal = (
        _with_visible_status(
            Proposal.objects.filter(submitter=user, pk=pk).select_related(
                "edition__call", "edition__organiser", "session_type", "track", "session"
            )
        )
        .prefetch_related(
            "people",
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch("events", queryset=ProposalEvent.objects.order_by("at", "id")),
        )
        .first()
    )
    if proposal is None:
        raise Http404("Propuesta no encontrada")
    return proposal


def user_emails(*, user: User) -> set[str]:
    """The user's verified e-mail addresses (allauth), lower-cased."""
    from allauth.account.models import EmailAddress

    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def invitations_of_user(*, user: User) -> list[ProposalPerson]:
    emails = user_emails(user=user)
    if not emails:
        return []
    return list(
        ProposalPerson.objects.filter(email__in=emails, is_submitter=False)
        .exclude(proposal__status__in=(ProposalStatus.WITHDRAWN, ProposalStatus.DECLINED))
        .select_related("proposal__edition", "proposal__session_type")
        .order_by("-proposal__submitted_at")
    )


def invitation_by_token(*, token: str) -> ProposalPerson:
    person = (
        ProposalPerson.objects.filter(invitation_token=token)
        .exclude(invitation_token="")
        .select_related("proposal__edition", "proposal__session_type")
        .first()
    )
    if person is None or len(token) < 20:
        raise Http404("Invitación no encontrada")
    return person


def proposal_submitter_name(*, proposal: Proposal) -> str:
    submitter = next((p for p in proposal.people.all() if p.is_submitter), None)
    return submitter.name if submitter else ""


# --- organisers -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalFilters:
    status: str = ""
    session_type_id: int | None = None
    track_id: int | None = None
    query: str = ""
    unreviewed: bool = False


def proposals_for_organisers(
    *, edition: Edition, filters: ProposalFilters | None = None
) -> QuerySet[Proposal]:
    filters = filters or ProposalFilters()
    proposals = (
        Proposal.objects.filter(edition=edition)
        .select_related("edition", "session_type", "track", "session")
        .annotate(
            assigned=Count(
                "assignments", filter=Q(assignments__conflict_declared=False), distinct=True
            ),
            reviewed=Count(
                "assignments__review",
                filter=Q(assignments__conflict_declared=False),
                distinct=True,
            ),
            conflicts=Count(
                "assignments", filter=Q(assignments__conflict_declared=True), distinct=True
            ),
        )
        .prefetch_related(
            Prefetch(
                "people",
                queryset=ProposalPerson.objects.order_by("order", "id"),
            )
        )
        .order_by("number")
    )
    if filters.status:
        proposals = proposals.filter(status=filters.status)
    if filters.session_type_id:
        proposals = proposals.filter(session_type_id=filters.session_type_id)
    if filters.track_id:
        proposals = proposals.filter(track_id=filters.track_id)
    if filters.query:
        words = filters.query.split()[:6]
        for word in words:
            proposals = proposals.filter(
                Q(title__icontains=word)
                | Q(abstract__icontains=word)
                | Q(people__name__icontains=word)
                | Q(people__organisation__icontains=word)
            )
        proposals = proposals.distinct()
    if filters.unreviewed:
        proposals = proposals.filter(reviewed=0)
    return proposals


def proposal_for_organisers(*, edition: Edition, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.filter(edition=edition, pk=pk)
        .select_related("edition__call", "session_type", "track", "session", "submitter")
        .prefetch_related(
            Prefetch("people", queryset=ProposalPerson.objects.order_by("order", "id")),
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch(
                "events",
                queryset=ProposalEvent.objects.select_related("actor").order_by("at", "id"),
            ),
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer", "review", "team")
                .prefetch_related(
                    Prefetch(
                        "review__scores", queryset=ReviewScore.objects.select_related("criterion")
                    )
                )
                .order_by("reviewer__username"),
            ),
        )
        .first()
    )
    if proposal is None:
        raise Http404("Propuesta no encontrada")
    return proposal


def proposal_emails(*, proposal: Proposal) -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(
            related_type="proposals.proposal", related_id=str(proposal.pk)
        ).order_by("-created_at")
    )


def reviewers_available(*, edition: Edition) -> list:  # type: ignore[type-arg]
    """Staff accounts that may review: holders of the review permission (group or direct)."""
    User = get_user_model()
    perm = Q(groups__permissions__codename="review_proposals") | Q(
        user_permissions__codename="review_proposals"
    )
    return list(
        User.objects.filter(is_active=True, is_staff=True)
        .filter(perm | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- parity -------------------------------------------------------------------------------


def _parity_row(label: str, genders: dict[str, str]) -> ParityRow:
    values = list(genders.values())
    return ParityRow(
        label=label,
        women=values.count("woman"),
        men=values.count("man"),
        other=values.count("non_binary") + values.count("other"),
        undeclared=values.count(""),
    )


@dataclass(frozen=True)
class ProposalParity:
    """Aggregates only: counts of distinct people (by e-mail) per group."""

    received_speakers: ParityRow
    received_moderators: ParityRow
    accepted_speakers: ParityRow
    accepted_moderators: ParityRow
    accepted_by_type: list[ParityRow]


def proposal_parity(*, edition: Edition) -> ProposalParity:
    """Parity among the people of the proposals received and of those accepted, in one query."""
    rows = list(
        ProposalPerson.objects.filter(proposal__edition=edition)
        .exclude(proposal__status=ProposalStatus.WITHDRAWN)
        .exclude(invitation_status=InvitationStatus.DECLINED)
        .values_list(
            "email",
            "gender",
            "role",
            "proposal__status",
            "proposal__session_type__name",
            "proposal__session_type__order",
        )
        .order_by("proposal__session_type__order", "proposal__session_type__name")
    )
    received: dict[str, dict[str, str]] = {"speaker": {}, "moderator": {}}
    accepted: dict[str, dict[str, str]] = {"speaker": {}, "moderator": {}}
    by_type: dict[str, dict[str, str]] = {}
    for email, gender, role, status, type_name, _order in rows:
        received[role][email] = gender
        if status in IN_PROGRAM:
            accepted[role][email] = gender
            by_type.setdefault(type_name, {})[email] = gender
    return ProposalParity(
        received_speakers=_parity_row("received_speakers", received["speaker"]),
        received_moderators=_parity_row("received_moderators", received["moderator"]),
        accepted_speakers=_parity_row("accepted_speakers", accepted["speaker"]),
        accepted_moderators=_parity_row("accepted_moderators", accepted["moderator"]),
        accepted_by_type=[_parity_row(name, genders) for name, genders in by_type.items()],
    )


def status_counts(*, edition: Edition) -> dict[str, int]:
    return dict(
        Proposal.objects.filter(edition=edition)
        .values("status")
        .annotate(total=Count("id"))
        .values_list("status", "total")
    )


# --- organiser helpers ---------------------------------------------------------------------


def proposal_counts_by_edition() -> dict[int, int]:
    return dict(
        Proposal.objects.values("edition_id")
        .annotate(total=Count("id"))
        .values_list("edition_id", "total")
    )


# --- the memoria ------------------------------------------------------------------------------

# Accepted by the committee: confirmed and declined proposals were accepted first.
ACCEPTED_BY_COMMITTEE = (ProposalStatus.ACCEPTED, ProposalStatus.CONFIRMED, ProposalStatus.DECLINED)


@dataclass(frozen=True)
class CallTypeFigures:
    session_type: str
    received: int
    accepted: int

    @property
    def acceptance_rate(self) -> float | None:
        """Percentage with one decimal; None when nothing was received (no rate to give)."""
        return round(100 * self.accepted / self.received, 1) if self.received else None


@dataclass(frozen=True)
class CallFigures:
    by_type: list[CallTypeFigures]
    total: CallTypeFigures


def call_figures(*, edition: Edition, now: dt.datetime | None = None) -> CallFigures | None:
    """Proposals received and accepted per session type, for the edition's memoria.

    None when the edition had no call or its call is still open: a memoria reports a
    finished call, and counts that move with every submission would be news, not history.
    Received counts every proposal sent, withdrawn ones included. Accepted counts a
    decision only once its e-mail has left the outbox, as the proponent sees it, so an
    aggregate can never announce a decision before the people concerned hear of it.
    Three queries, whatever the number of proposals. Aggregates only: no title, no name.
    """
    call = Call.objects.filter(edition=edition).only("pk", "opens_at", "closes_at").first()
    if call is None or call.state(now) != CallState.CLOSED:
        return None
    offered = list(
        CallSessionType.objects.filter(call=call)
        .order_by("order", "session_type__order", "session_type__name")
        .values_list("session_type_id", "session_type__name")
    )
    released = _with_visible_status(Proposal.objects.filter(edition=edition)).filter(
        Q(status__in=(ProposalStatus.CONFIRMED, ProposalStatus.DECLINED))
        | Q(status=ProposalStatus.ACCEPTED, decision_sent=True)
    )
    rows = (
        Proposal.objects.filter(edition=edition)
        .values("session_type_id", "session_type__name", "session_type__order")
        .annotate(
            received=Count("id"),
            accepted=Count("id", filter=Q(pk__in=released.values("pk"))),
        )
        .order_by("session_type__order", "session_type__name")
    )
    counted = {row["session_type_id"]: row for row in rows}
    by_type = []
    # The call's own order first (types nobody proposed still show, with zeros), then
    # any type a proposal used that the call no longer lists.
    for type_id, name in offered:
        row = counted.pop(type_id, None)
        by_type.append(
            CallTypeFigures(
                session_type=name,
                received=row["received"] if row else 0,
                accepted=row["accepted"] if row else 0,
            )
        )
    for row in counted.values():
        by_type.append(
            CallTypeFigures(
                session_type=row["session_type__name"],
                received=row["received"],
                accepted=row["accepted"],
            )
        )
    total = CallTypeFigures(
        session_type="",
        received=sum(item.received for item in by_type),
        accepted=sum(item.accepted for item in by_type),
    )
    return CallFigures(by_type=by_type, total=total)


def schedule_notice_template(edition: Edition) -> tuple[str, str] | None:
    """The edition's own text of the schedule-change notice (datacon.program.notices)."""
    template = (
        EmailTemplate.objects.filter(edition=edition, kind=EmailTemplateKind.SCHEDULE_CHANGE)
        .only("subject", "body")
        .first()
    )
    return (template.subject, template.body) if template is not None else None
