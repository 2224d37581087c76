"""A co-speaker answers the invitation the proposal's e-mail carried.

The e-mailed link is the key (`Actor.via_link`), signed in or not. Answering
while signed in links the account to the proposal's line, which changes who
is on the proposal: the review conflicts are re-checked.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.program.models import ConsentBasis, Participation, ParticipationStatus
from datacon.program.services import participation_status_set
from datacon.proposals.models import (
    InvitationStatus,
    ProposalAction,
    ProposalEventKind,
    ProposalPerson,
    ProposalStatus,
)
from datacon.proposals.services.messages import event_record
from datacon.proposals.services.review import assignments_recheck


def invitation_respond(
    *,
    person: ProposalPerson,
    accept: bool,
    actor: Actor,
    organisation: str | None = None,
    position: str | None = None,
    gender: str | None = None,
) -> ProposalPerson:
    """A co-speaker confirms or declines being on a proposal (the e-mailed link is the key).

    They may correct their organisation and position and declare their gender
    themselves; a decline after acceptance takes them out of the session.
    """
    with unit_of_work(actor) as work:
        person = (
            ProposalPerson.objects.select_for_update(of=("self",))
            .select_related("proposal__edition")
            .get(pk=person.pk)
        )
        proposal = person.proposal
        if proposal.status in (ProposalStatus.WITHDRAWN, ProposalStatus.DECLINED):
            raise ValidationError(_("Esta propuesta ya no está activa."))
        if organisation is not None:
            person.organisation = organisation.strip()[:250]
        if position is not None:
            person.position = position.strip()[:200]
        if gender is not None:
            person.gender = gender
        person.invitation_status = (
            InvitationStatus.CONFIRMED if accept else InvitationStatus.DECLINED
        )
        person.responded_at = timezone.now()
        account = work.actor.account
        if account is not None and work.actor.email.strip().lower() == person.email:
            person.user = account
        work.save(
            person,
            action=ProposalAction.INVITATION_ACCEPT
            if accept
            else ProposalAction.INVITATION_DECLINE,
            exclude_from_validation=["proposal"],
        )
        if proposal.session_id and person.person_id:
            for participation in Participation.objects.filter(
                session_id=proposal.session_id, person_id=person.person_id
            ):
                if accept:
                    participation_status_set(
                        participation=participation,
                        status=ParticipationStatus.CONFIRMED,
                        consent_basis=ConsentBasis.SELF,
                        actor=actor,
                    )
                else:
                    work.delete(participation)
        assignments_recheck(work, proposal=proposal)
        event_record(
            work,
            proposal=proposal,
            kind=ProposalEventKind.PERSON_CONFIRMED
            if accept
            else ProposalEventKind.PERSON_DECLINED,
            from_status=proposal.status,
            note=person.name,
        )
    return person
