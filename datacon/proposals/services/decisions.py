"""Writes for decisions: the organisers decide, the proponent confirms or declines.

Only an organiser of the proposal's edition decides (`proposals.decide`).
Accepting puts the proposal in the program as a draft session with a
participation for everyone on it; the decision's e-mails wait in the outbox
for an organiser's review.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import SessionType
from datacon.people.models import Organisation, Person
from datacon.people.services import person_create, person_save
from datacon.program.models import (
    ConsentBasis,
    ParticipationRole,
    ParticipationStatus,
    Session,
    SessionStatus,
)
from datacon.program.schedule import placement_clear_for
from datacon.program.services import participation_add, session_create, session_delete
from datacon.proposals.models import (
    DECIDABLE_FROM,
    DECISIONS,
    InvitationStatus,
    Proposal,
    ProposalAction,
    ProposalEventKind,
    ProposalPerson,
    ProposalRole,
    ProposalStatus,
)
from datacon.proposals.review_selectors import review_count
from datacon.proposals.selectors import decision_released_for
from datacon.proposals.services.messages import PURPOSE_DECISION, decision_enqueue, event_record

DECISION_STEPS = {
    ProposalStatus.ACCEPTED: (ProposalAction.ACCEPT, ProposalEventKind.ACCEPTED),
    ProposalStatus.WAITLISTED: (ProposalAction.WAITLIST, ProposalEventKind.WAITLISTED),
    ProposalStatus.REJECTED: (ProposalAction.REJECT, ProposalEventKind.REJECTED),
}


def _participation_role(session_type: SessionType, role: str) -> str:
    if role == ProposalRole.MODERATOR:
        return ParticipationRole.MODERATOR
    if session_type.slug == "taller":
        return ParticipationRole.WORKSHOP_LEADER
    if session_type.slug in ("panel", "conversatorio", "mesa-de-dialogo"):
        return ParticipationRole.PANELIST
    return ParticipationRole.SPEAKER


def _program_person(person: ProposalPerson, actor: Actor) -> Person:
    """The program's Person for someone on an accepted proposal: reused by e-mail, else new.

    The organisation is linked when one with that name or acronym exists; a
    free-text organisation we do not know goes into the position, so no
    half-described organisation becomes public on its own.
    """
    existing = Person.objects.filter(email__iexact=person.email).order_by("pk").first()
    if existing is None and person.user_id:
        existing = Person.objects.filter(user_id=person.user_id).first()
    if existing is not None:
        if not existing.gender and person.gender:
            existing.gender = person.gender
            person_save(person=existing, actor=actor)
        return existing
    organisation = None
    position = person.position
    if person.organisation:
        organisation = (
            Organisation.objects.filter(name__iexact=person.organisation).first()
            or Organisation.objects.filter(acronym__iexact=person.organisation).first()
        )
        if organisation is None:
            position = ", ".join(part for part in (position, person.organisation) if part)
    created = person_create(
        public_name=person.name,
        organisation=organisation,
        position=position[:200],
        email=person.email,
        gender=person.gender,
        actor=actor,
    )
    if person.user_id and not Person.objects.filter(user_id=person.user_id).exists():
        created.user_id = person.user_id
        person_save(person=created, actor=actor)
    return created


def _session_for(work: Work, proposal: Proposal) -> Session:
    session = session_create(
        edition=proposal.edition,
        title=proposal.title,
        session_type=proposal.session_type,
        abstract=proposal.abstract,
        language=proposal.language,
        status=SessionStatus.DRAFT,
        actor=work.actor,
    )
    people = proposal.people.exclude(invitation_status=InvitationStatus.DECLINED)
    for order, person in enumerate(people):
        program_person = _program_person(person, work.actor)
        confirmed = person.invitation_status == InvitationStatus.CONFIRMED
        participation_add(
            session=session,
            person=program_person,
            role=_participation_role(proposal.session_type, person.role),
            order=order,
            # A co-speaker who has not answered yet stays off every public page
            # until they confirm (invitation_respond), even once the program is out.
            status=ParticipationStatus.CONFIRMED if confirmed else ParticipationStatus.PENDING,
            consent_basis=ConsentBasis.SELF if confirmed else "",
            actor=work.actor,
        )
        if person.person_id != program_person.pk:
            person.person = program_person
            work.save(person, fields=["person"])
    return session


def _session_release(work: Work, proposal: Proposal) -> None:
    """The proposal leaves the program: an unpublished session goes, a published one is
    taken off the grid (cancelled at the next publication, with notice)."""
    session = proposal.session
    if session is None:
        return
    if session.status == SessionStatus.DRAFT and not session.code:
        proposal.session = None
        work.save(proposal, fields=["session"])
        session_delete(session=session, actor=work.actor)
    else:
        placement_clear_for(work, session=session)


def _decision_drafts_discard(work: Work, proposal: Proposal) -> int:
    return work.update(
        OutboundEmail.objects.filter(
            related_type="proposals.proposal",
            related_id=str(proposal.pk),
            purpose__startswith=PURPOSE_DECISION,
            status=OutboundEmailStatus.DRAFT,
        ),
        action=ProposalAction.DECISION_DRAFTS_DISCARD,
        status=OutboundEmailStatus.DISCARDED,
    )


def proposal_decide(
    *,
    proposal: Proposal,
    decision: str,
    actor: Actor,
    note: str = "",
    without_reviews: bool = False,
) -> Proposal:
    """Accept, waitlist or reject. The e-mails wait in the outbox for an organiser's review.

    Accepting creates the program session (a draft until the schedule is
    published) with a Person and a Participation for everyone on the proposal.
    Accepting a proposal nobody has reviewed yet is refused unless the organiser
    confirms it (`without_reviews=True`): "0 of 0 reviews" is a decision taken
    without the committee, and it should be a deliberate one.
    """
    if decision not in DECISIONS:
        raise ValidationError(_("Decisión desconocida."))
    with unit_of_work(actor) as work:
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("edition__organiser", "session_type", "session")
            .get(pk=proposal.pk)
        )
        require(actor, "proposals.decide", proposal)
        if proposal.status not in DECIDABLE_FROM:
            raise ValidationError(
                _("No se puede decidir sobre una propuesta en estado «%(status)s».")
                % {"status": proposal.get_status_display()}
            )
        if proposal.status == decision:
            raise ValidationError(
                _("La propuesta ya está en estado «%(status)s».")
                % {"status": proposal.get_status_display()}
            )
        if decision == ProposalStatus.ACCEPTED and not without_reviews:
            count = review_count(proposal=proposal)
            if count.completed == 0:
                raise ValidationError(
                    {
                        "accept_without_reviews": _(
                            "La propuesta no tiene ninguna revisión completa (0 de %(assigned)s "
                            "asignadas). Para aceptarla sin revisiones, confírmelo marcando la "
                            "casilla."
                        )
                        % {"assigned": count.assigned}
                    },
                    code="no_reviews",
                )
        previous = proposal.status
        if previous == ProposalStatus.ACCEPTED:
            _session_release(work, proposal)
        action, kind = DECISION_STEPS[ProposalStatus(decision)]
        proposal.status = decision
        proposal.decided_at = timezone.now()
        if decision == ProposalStatus.ACCEPTED:
            proposal.session = _session_for(work, proposal)
        work.save(proposal, action=action, fields=["status", "decided_at", "session"])
        _decision_drafts_discard(work, proposal)
        decision_enqueue(work, proposal=proposal, note=note)
        event_record(work, proposal=proposal, kind=kind, from_status=previous, note=note)
    return proposal


def proposal_respond(
    *, proposal: Proposal, confirm: bool, actor: Actor, note: str = ""
) -> Proposal:
    """The proponent confirms (or declines) taking part after acceptance."""
    with unit_of_work(actor) as work:
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("session")
            .get(pk=proposal.pk)
        )
        require(actor, "proposals.edit", proposal)
        if proposal.status != ProposalStatus.ACCEPTED or not decision_released_for(proposal):
            raise ValidationError(_("Solo se confirma una propuesta aceptada."))
        previous = proposal.status
        if confirm:
            proposal.status = ProposalStatus.CONFIRMED
        else:
            proposal.status = ProposalStatus.DECLINED
            _session_release(work, proposal)
        work.save(
            proposal,
            action=ProposalAction.CONFIRM if confirm else ProposalAction.DECLINE,
            fields=["status", "session"],
        )
        event_record(
            work,
            proposal=proposal,
            kind=ProposalEventKind.CONFIRMED if confirm else ProposalEventKind.DECLINED,
            from_status=previous,
            note=note,
        )
    return proposal
