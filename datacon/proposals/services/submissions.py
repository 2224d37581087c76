"""Writes for a proposal while its proponent owns it: send, edit, withdraw.

Sending and editing share one path (`_proposal_write`): the same rules, the
same people and answers, the same review re-check and invitations. The rules
live here, so a crafted request gets the same answer as the form; only the
proposal's submitter may edit or withdraw it (`PermissionDenied` otherwise).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.dates import fecha_hora
from datacon.common.text import search_normalise
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import SessionType
from datacon.proposals.models import (
    Answer,
    Call,
    InvitationStatus,
    Proposal,
    ProposalAction,
    ProposalEventKind,
    ProposalPerson,
    ProposalRole,
    ProposalStatus,
    Question,
    QuestionKind,
    Track,
)
from datacon.proposals.services.messages import event_record, invitation_enqueue
from datacon.proposals.services.review import assignments_recheck


@dataclass(frozen=True)
class ProposalInput:
    title: str
    abstract: str
    session_type: SessionType
    audiences: list[str]
    track: Track | None = None
    audience_notes: str = ""
    language: str = "es"
    notes_for_organisers: str = ""


@dataclass(frozen=True)
class PersonInput:
    name: str
    email: str
    role: str
    organisation: str = ""
    position: str = ""
    gender: str = ""


def proposal_people_errors(*, call: Call, people: Sequence[PersonInput]) -> list[str]:
    """What is wrong with a proposal's list of people (roles, size, duplicates).

    Part of the submission rules; also asked by the form view when other fields
    are wrong, so a duplicate co-speaker is reported in the same round.
    """
    problems: list[str] = []
    speakers = [p for p in people if p.role == ProposalRole.SPEAKER]
    moderators = [p for p in people if p.role == ProposalRole.MODERATOR]
    if not speakers:
        problems.append(_("Indique al menos una persona ponente."))
    if len(moderators) > 1:
        problems.append(_("Indique a lo sumo una persona para la moderación."))
    if len(people) > call.max_people:
        problems.append(
            _("Una propuesta admite hasta %(max)s personas (ponentes y moderación).")
            % {"max": call.max_people},
        )
    seen_emails: dict[str, str] = {}
    seen_names: list[str] = []
    for person in people:
        if not person.name.strip():
            problems.append(_("Cada persona necesita su nombre."))
        email = person.email.strip().lower()
        if not email:
            problems.append(
                _("Indique el correo de %(name)s para invitarle.") % {"name": person.name}
            )
        elif email in seen_emails:
            problems.append(
                _(
                    "%(name)s aparece dos veces (mismo correo %(email)s); cada persona va una sola vez."
                )
                % {"name": person.name, "email": email},
            )
        else:
            seen_emails[email] = person.name
            if any(_same_text(person.name, other) for other in seen_names):
                problems.append(
                    _("%(name)s aparece dos veces; cada persona va una sola vez.")
                    % {"name": person.name},
                )
        seen_names.append(person.name)
        if person.role not in ProposalRole.values:
            problems.append(_("Elija el papel de cada persona: ponente o moderación."))

    return problems


def _same_text(a: str, b: str) -> bool:
    return search_normalise(a) == search_normalise(b)


def answer_clean(question: Question, raw: str) -> str:
    """The stored form of an answer; raises ValidationError with a message for the person."""
    value = (raw or "").strip()
    if not value:
        if question.required:
            raise ValidationError(_("Responda esta pregunta."), code="required")
        return ""
    if question.kind == QuestionKind.CHOICE and value not in question.choice_list:
        raise ValidationError(_("Elija una de las opciones de la lista."), code="choice")
    if question.kind == QuestionKind.YES_NO and value not in ("yes", "no"):
        raise ValidationError(_("Responda «Sí» o «No»."), code="yes_no")
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise ValidationError(_("Escriba un número, por ejemplo 12."), code="number") from None
        if not number.is_finite():
            raise ValidationError(_("Escriba un número, por ejemplo 12."), code="number")
        problem = question.number_problem(number)
        if problem:
            raise ValidationError(problem, code="min_value")
        value = format(number.normalize(), "f")
    if question.kind == QuestionKind.TEXT and len(value) > 5000:
        raise ValidationError(_("La respuesta admite hasta 5000 caracteres."), code="length")
    return value


def _call_dates_error(call: Call, now: dt.datetime) -> str:
    if call.is_open(now):
        return ""
    tz = call.edition.tz
    if now < call.opens_at:
        return _("La convocatoria abre el %(date)s (hora de %(tz)s).") % {
            "date": fecha_hora(call.opens_at.astimezone(tz)),
            "tz": call.edition.timezone,
        }
    return _(
        "La convocatoria cerró el %(date)s (hora de %(tz)s); ya no se reciben ni se "
        "modifican propuestas."
    ) % {
        "date": fecha_hora(call.closes_at.astimezone(tz)),
        "tz": call.edition.timezone,
    }


def _validate_submission(
    *,
    call: Call,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    submitter_email: str,
    now: dt.datetime,
) -> dict[int, str]:
    """Every rule a proposal must meet; returns the cleaned answers by question id."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    dates = _call_dates_error(call, now)
    if dates:
        add("__all__", dates)
    if not data.title.strip():
        add("title", _("Escriba el título."))
    if not data.abstract.strip():
        add("abstract", _("Escriba el resumen."))
    accepted_types = set(call.session_types.values_list("session_type_id", flat=True))
    if data.session_type.pk not in accepted_types:
        add("session_type", _("Esta convocatoria no recibe ese tipo de sesión."))
    if data.track is not None and data.track.edition_id != call.edition_id:
        add("track", _("El eje pertenece a otra edición."))

    for message in proposal_people_errors(call=call, people=people):
        add("people", message)

    cleaned: dict[int, str] = {}
    for question in call.questions.all():
        try:
            cleaned[question.pk] = answer_clean(question, answers.get(question.pk, ""))
        except ValidationError as error:
            for message in error.messages:
                add(f"question_{question.pk}", message)
    if errors:
        raise ValidationError(errors)
    if not any(p.email.strip().lower() == submitter_email for p in people):
        raise ValidationError(
            {"people": [_("La persona que propone debe aparecer en la propuesta.")]}
        )
    return cleaned


def _people_save(
    work: Work, *, proposal: Proposal, people: Sequence[PersonInput], submitter_email: str
) -> list[ProposalPerson]:
    """Create, update and remove the proposal's people; returns those who need an invitation."""
    existing = {p.email: p for p in proposal.people.all()}
    wanted_emails = set()
    to_invite: list[ProposalPerson] = []
    for order, data in enumerate(people):
        email = data.email.strip().lower()
        wanted_emails.add(email)
        person = existing.get(email) or ProposalPerson(proposal=proposal, email=email)
        is_new = person.pk is None
        person.name = data.name.strip()
        person.role = data.role
        person.organisation = data.organisation.strip()
        person.position = data.position.strip()
        if data.gender or is_new:
            person.gender = data.gender
        person.order = order
        person.is_submitter = email == submitter_email
        if person.is_submitter:
            person.invitation_status = InvitationStatus.CONFIRMED
            person.user = proposal.submitter
            person.responded_at = person.responded_at or timezone.now()
        elif is_new:
            person.invitation_token = secrets.token_urlsafe(32)
            person.invited_at = timezone.now()
            to_invite.append(person)
        work.save(person, exclude_from_validation=["proposal"])
    for email, person in existing.items():
        if email not in wanted_emails:
            work.delete(person)
    return to_invite


def _answers_save(work: Work, *, proposal: Proposal, cleaned: Mapping[int, str]) -> None:
    current = {a.question_id: a for a in proposal.answers.all()}
    for question_id, value in cleaned.items():
        answer = current.get(question_id)
        if answer is None:
            work.save(Answer(proposal=proposal, question_id=question_id, value=value))
        elif answer.value != value:
            answer.value = value
            work.save(answer, fields=["value"])


def _next_number(call: Call) -> int:
    # The call row is locked by the caller, so two submissions never share a number.
    current = Proposal.objects.filter(edition_id=call.edition_id).aggregate(top=Max("number"))
    return (current["top"] or 0) + 1


def _proposal_write(
    work: Work,
    *,
    call: Call,
    proposal: Proposal,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    now: dt.datetime | None,
) -> Proposal:
    """The one path of sending and editing: rules, the proposal, its people and answers,
    the review re-check, the history and the invitations."""
    creating = proposal.pk is None
    account = work.actor.account
    submitter_email = str(getattr(account, "email", "") or "").strip().lower()
    cleaned = _validate_submission(
        call=call,
        data=data,
        people=people,
        answers=answers,
        submitter_email=submitter_email,
        now=now or timezone.now(),
    )
    proposal.title = data.title.strip()
    proposal.abstract = data.abstract.strip()
    proposal.session_type = data.session_type
    proposal.track = data.track
    proposal.audiences = list(data.audiences)
    proposal.audience_notes = data.audience_notes.strip()
    proposal.language = data.language
    proposal.notes_for_organisers = data.notes_for_organisers.strip()
    work.save(proposal, action=ProposalAction.SUBMIT if creating else ProposalAction.EDIT)
    to_invite = _people_save(
        work, proposal=proposal, people=people, submitter_email=submitter_email
    )
    _answers_save(work, proposal=proposal, cleaned=cleaned)
    assignments_recheck(work, proposal=proposal)
    event_record(
        work,
        proposal=proposal,
        kind=ProposalEventKind.SUBMITTED if creating else ProposalEventKind.EDITED,
    )
    for person in to_invite:
        invitation_enqueue(work, proposal=proposal, person=person)
    return proposal


def proposal_submit(
    *,
    call: Call,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    actor: Actor,
    now: dt.datetime | None = None,
) -> Proposal:
    """Receive a proposal from the signed-in actor. Refused after the deadline, whatever
    the form said."""
    with unit_of_work(actor) as work:
        require(actor, "proposals.submit", call)
        call = (
            Call.objects.select_for_update(of=("self",)).select_related("edition").get(pk=call.pk)
        )
        proposal = Proposal(
            edition=call.edition,
            number=_next_number(call),
            submitter=work.actor.account,
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        return _proposal_write(
            work,
            call=call,
            proposal=proposal,
            data=data,
            people=people,
            answers=answers,
            now=now,
        )


def proposal_can_edit(proposal: Proposal, now: dt.datetime | None = None) -> bool:
    call = getattr(proposal.edition, "call", None)
    return (
        proposal.status == ProposalStatus.SUBMITTED
        and call is not None
        and call.is_open(now or timezone.now())
    )


def proposal_update(
    *,
    proposal: Proposal,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    actor: Actor,
    now: dt.datetime | None = None,
) -> Proposal:
    """The proponent edits their proposal; only while it is submitted and the call is open."""
    with unit_of_work(actor) as work:
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("edition")
            .get(pk=proposal.pk)
        )
        require(actor, "proposals.edit", proposal)
        if proposal.status != ProposalStatus.SUBMITTED:
            raise ValidationError(
                _("La propuesta ya no se puede modificar: su estado es «%(status)s».")
                % {"status": proposal.get_status_display()}
            )
        call = (
            Call.objects.select_for_update().select_related("edition").get(edition=proposal.edition)
        )
        return _proposal_write(
            work,
            call=call,
            proposal=proposal,
            data=data,
            people=people,
            answers=answers,
            now=now,
        )


def proposal_withdraw(*, proposal: Proposal, actor: Actor, note: str = "") -> Proposal:
    with unit_of_work(actor) as work:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        require(actor, "proposals.edit", proposal)
        if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED):
            raise ValidationError(
                _("Una propuesta en estado «%(status)s» no se puede retirar.")
                % {"status": proposal.get_status_display()}
            )
        previous = proposal.status
        proposal.status = ProposalStatus.WITHDRAWN
        work.save(proposal, action=ProposalAction.WITHDRAW, fields=["status"])
        event_record(
            work,
            proposal=proposal,
            kind=ProposalEventKind.WITHDRAWN,
            from_status=previous,
            note=note,
        )
    return proposal
