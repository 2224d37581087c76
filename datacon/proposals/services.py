"""Writes for calls, proposals, reviews and decisions.

Every function here is the only way its record changes: it validates (the
forms only help people type; the rules live here, so a crafted request gets
the same answer as the form), owns the transaction, records who did what in
the proposal's history and in the audit log, and queues the e-mails.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from datacon.common import urls
from datacon.common.audit import audit_record
from datacon.common.mail import email_enqueue
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.services import record_delete, record_save
from datacon.editions.models import Edition, SessionType
from datacon.people.models import Organisation, Person
from datacon.people.services import person_create, person_save
from datacon.program.models import (
    ConsentBasis,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Session,
    SessionStatus,
)
from datacon.program.services import (
    participation_add,
    participation_status_set,
    session_create,
    session_delete,
)
from datacon.proposals.emails import DEFAULT_TEMPLATES, render_placeholders
from datacon.proposals.models import (
    DECIDABLE_FROM,
    DECISIONS,
    DEFAULT_CRITERIA,
    Answer,
    Call,
    CallSessionType,
    EmailTemplate,
    EmailTemplateKind,
    InvitationStatus,
    Proposal,
    ProposalEvent,
    ProposalEventKind,
    ProposalPerson,
    ProposalRole,
    ProposalStatus,
    Question,
    QuestionKind,
    Review,
    ReviewAssignment,
    ReviewCriterion,
    ReviewScore,
    ReviewTeam,
    Track,
)
from datacon.proposals.selectors import decision_released_for

PURPOSE_DECISION = "proposal.decision"
PURPOSE_INVITATION = "proposal.invitation"
PURPOSE_SCHEDULE = "schedule.change"


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def absolute_url(name: str, **kwargs: Any) -> str:
    """A link for an e-mail, in the site's first language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(name, kwargs=kwargs)
    return urls.absolute_url(path)


def _event(
    *, proposal: Proposal, kind: str, actor: Any, from_status: str = "", note: str = ""
) -> ProposalEvent:
    event = ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        actor=_user(actor),
        from_status=from_status,
        to_status=proposal.status,
        note=note[:500],
    )
    audit_record(
        actor=actor,
        action=f"proposal.{kind}",
        instance=proposal,
        changes={"status": [from_status, proposal.status]} if from_status else {},
    )
    return event


# --- configuration: calls, criteria, templates --------------------------------------


def criteria_seed(*, edition: Edition, actor: Any) -> list[ReviewCriterion]:
    """The memoria's criteria (merit, innovation, the open-data agenda, the audience)."""
    existing = set(edition.review_criteria.values_list("name", flat=True))
    created = []
    for order, (name, description) in enumerate(DEFAULT_CRITERIA, start=1):
        if name in existing:
            continue
        created.append(
            record_save(
                instance=ReviewCriterion(
                    edition=edition, name=name, description=description, order=order
                ),
                actor=actor,
            )
        )
    return created


def email_templates_seed(*, edition: Edition, actor: Any) -> list[EmailTemplate]:
    existing = set(edition.email_templates.values_list("kind", flat=True))
    created = []
    for kind, (subject, body) in DEFAULT_TEMPLATES.items():
        if kind in existing:
            continue
        created.append(
            record_save(
                instance=EmailTemplate(edition=edition, kind=kind, subject=subject, body=body),
                actor=actor,
            )
        )
    return created


def email_template_save(*, template: EmailTemplate, actor: Any) -> EmailTemplate:
    return record_save(instance=template, actor=actor)


def call_save(*, call: Call, actor: Any) -> Call:
    with transaction.atomic():
        creating = call.pk is None
        call = record_save(instance=call, actor=actor)
        if creating:
            criteria_seed(edition=call.edition, actor=actor)
            email_templates_seed(edition=call.edition, actor=actor)
    return call


def call_create(
    *,
    edition: Edition,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    text: str = "",
    anonymous_review: bool = True,
    max_people: int = 6,
    contact_email: str = "",
    session_types: Sequence[SessionType] | None = None,
    actor: Any = None,
) -> Call:
    """A call with every session type of the edition (or those given) at their usual length."""
    with transaction.atomic():
        call = call_save(
            call=Call(
                edition=edition,
                opens_at=opens_at,
                closes_at=closes_at,
                text=text,
                anonymous_review=anonymous_review,
                max_people=max_people,
                contact_email=contact_email,
            ),
            actor=actor,
        )
        types = (
            list(session_types)
            if session_types is not None
            else list(edition.session_types.exclude(slug="ceremonia"))
        )
        for order, session_type in enumerate(types, start=1):
            call_session_type_save(
                item=CallSessionType(
                    call=call,
                    session_type=session_type,
                    duration_minutes=session_type.default_duration_minutes,
                    order=order,
                ),
                actor=actor,
            )
    return call


def call_session_type_save(*, item: CallSessionType, actor: Any) -> CallSessionType:
    return record_save(instance=item, actor=actor)


def question_save(*, question: Question, actor: Any) -> Question:
    return record_save(instance=question, actor=actor)


def track_save(*, track: Track, actor: Any) -> Track:
    return record_save(instance=track, actor=actor)


# --- proposals -------------------------------------------------------------------------


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
    from datacon.common.text import search_normalise

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
        value = format(number.normalize(), "f")
    if question.kind == QuestionKind.TEXT and len(value) > 5000:
        raise ValidationError(_("La respuesta admite hasta 5000 caracteres."), code="length")
    return value


def _validate_submission(
    *,
    call: Call,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    questions: list[Question],
    now: dt.datetime,
) -> dict[int, str]:
    """Every rule a proposal must meet; returns the cleaned answers by question id."""
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    tz = call.edition.tz
    if not call.is_open(now):
        if now < call.opens_at:
            add(
                "__all__",
                _("La convocatoria abre el %(date)s (hora de %(tz)s).")
                % {
                    "date": call.opens_at.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
                    "tz": call.edition.timezone,
                },
            )
        else:
            add(
                "__all__",
                _(
                    "La convocatoria cerró el %(date)s (hora de %(tz)s); ya no se reciben ni se "
                    "modifican propuestas."
                )
                % {
                    "date": call.closes_at.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
                    "tz": call.edition.timezone,
                },
            )
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
    for question in questions:
        try:
            cleaned[question.pk] = answer_clean(question, answers.get(question.pk, ""))
        except ValidationError as error:
            for message in error.messages:
                add(f"question_{question.pk}", message)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _people_save(
    *,
    proposal: Proposal,
    people: Sequence[PersonInput],
    submitter_email: str,
    actor: Any,
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
        person.full_clean(exclude=["proposal"])
        person.save()
    for email, person in existing.items():
        if email not in wanted_emails:
            person.delete()
    return to_invite


def _answers_save(*, proposal: Proposal, cleaned: Mapping[int, str]) -> None:
    current = {a.question_id: a for a in proposal.answers.all()}
    for question_id, value in cleaned.items():
        answer = current.get(question_id)
        if answer is None:
            Answer.objects.create(proposal=proposal, question_id=question_id, value=value)
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value", "updated_at"])


def _template(edition: Edition, kind: str) -> EmailTemplate:
    template = EmailTemplate.objects.filter(edition=edition, kind=kind).first()
    if template is None:
        subject, body = DEFAULT_TEMPLATES[kind]
        template = EmailTemplate(edition=edition, kind=kind, subject=subject, body=body)
    return template


def _organiser_name(edition: Edition) -> str:
    return edition.organiser.name if edition.organiser_id and edition.organiser else edition.title


def _common_values(proposal: Proposal, person: ProposalPerson) -> dict[str, str]:
    return {
        "nombre": person.name,
        "titulo": proposal.title,
        "referencia": proposal.reference,
        "edicion": proposal.edition.title,
        "organizador": _organiser_name(proposal.edition),
    }


def _invite(*, proposal: Proposal, person: ProposalPerson, actor: Any) -> OutboundEmail:
    template = _template(proposal.edition, EmailTemplateKind.INVITATION)
    submitter = next((p for p in proposal.people.all() if p.is_submitter), None)
    values = _common_values(proposal, person) | {
        "enlace": absolute_url("public:proposals_invitation", token=person.invitation_token),
        "quien_propone": submitter.name if submitter else _("Una persona"),
    }
    return email_enqueue(
        to=person.email,
        subject=render_placeholders(template.subject, values).strip(),
        body_text=render_placeholders(template.body, values),
        purpose=PURPOSE_INVITATION,
        related=proposal,
        actor=actor,
    )


def _next_number(call: Call) -> int:
    # The call row is locked by the caller, so two submissions never share a number.
    current = Proposal.objects.filter(edition_id=call.edition_id).aggregate(top=Max("number"))
    return (current["top"] or 0) + 1


def proposal_submit(
    *,
    call: Call,
    submitter: Any,
    data: ProposalInput,
    people: Sequence[PersonInput],
    answers: Mapping[int, str],
    now: dt.datetime | None = None,
) -> Proposal:
    """Receive a proposal. Refused after the deadline, whatever the form said."""
    if not getattr(submitter, "is_authenticated", False):
        raise ValidationError(_("Inicie sesión para enviar una propuesta."))
    with transaction.atomic():
        call = (
            Call.objects.select_for_update(of=("self",)).select_related("edition").get(pk=call.pk)
        )
        questions = list(call.questions.all())
        cleaned = _validate_submission(
            call=call,
            data=data,
            people=people,
            answers=answers,
            questions=questions,
            now=now or timezone.now(),
        )
        submitter_email = submitter.email.strip().lower()
        if not any(p.email.strip().lower() == submitter_email for p in people):
            raise ValidationError(
                {"people": [_("La persona que propone debe aparecer en la propuesta.")]}
            )
        proposal = Proposal(
            edition=call.edition,
            number=_next_number(call),
            submitter=submitter,
            title=data.title.strip(),
            abstract=data.abstract.strip(),
            session_type=data.session_type,
            track=data.track,
            audiences=list(data.audiences),
            audience_notes=data.audience_notes.strip(),
            language=data.language,
            notes_for_organisers=data.notes_for_organisers.strip(),
            status=ProposalStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        proposal.full_clean()
        proposal.save()
        to_invite = _people_save(
            proposal=proposal, people=people, submitter_email=submitter_email, actor=submitter
        )
        _answers_save(proposal=proposal, cleaned=cleaned)
        _event(proposal=proposal, kind=ProposalEventKind.SUBMITTED, actor=submitter)
        for person in to_invite:
            _invite(proposal=proposal, person=person, actor=submitter)
    return proposal


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
    actor: Any,
    now: dt.datetime | None = None,
) -> Proposal:
    """The proponent edits their proposal; only while it is submitted and the call is open."""
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("edition")
            .get(pk=proposal.pk)
        )
        if (
            proposal.submitter_id is None
            or _user(actor) is None
            or actor.pk != proposal.submitter_id
        ):
            raise ValidationError(_("Solo quien envió la propuesta puede modificarla."))
        if proposal.status != ProposalStatus.SUBMITTED:
            raise ValidationError(
                _("La propuesta ya no se puede modificar: su estado es «%(status)s».")
                % {"status": proposal.get_status_display()}
            )
        call = Call.objects.select_for_update().get(edition=proposal.edition)
        cleaned = _validate_submission(
            call=call,
            data=data,
            people=people,
            answers=answers,
            questions=list(call.questions.all()),
            now=now or timezone.now(),
        )
        submitter_email = actor.email.strip().lower()
        if not any(p.email.strip().lower() == submitter_email for p in people):
            raise ValidationError(
                {"people": [_("La persona que propone debe aparecer en la propuesta.")]}
            )
        proposal.title = data.title.strip()
        proposal.abstract = data.abstract.strip()
        proposal.session_type = data.session_type
        proposal.track = data.track
        proposal.audiences = list(data.audiences)
        proposal.audience_notes = data.audience_notes.strip()
        proposal.language = data.language
        proposal.notes_for_organisers = data.notes_for_organisers.strip()
        proposal.full_clean()
        proposal.save()
        to_invite = _people_save(
            proposal=proposal, people=people, submitter_email=submitter_email, actor=actor
        )
        _answers_save(proposal=proposal, cleaned=cleaned)
        _event(proposal=proposal, kind=ProposalEventKind.EDITED, actor=actor)
        for person in to_invite:
            _invite(proposal=proposal, person=person, actor=actor)
    return proposal


def proposal_withdraw(*, proposal: Proposal, actor: Any, note: str = "") -> Proposal:
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if _user(actor) is None or actor.pk != proposal.submitter_id:
            raise ValidationError(_("Solo quien envió la propuesta puede retirarla."))
        if proposal.status not in (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED):
            raise ValidationError(
                _("Una propuesta en estado «%(status)s» no se puede retirar.")
                % {"status": proposal.get_status_display()}
            )
        previous = proposal.status
        proposal.status = ProposalStatus.WITHDRAWN
        proposal.save(update_fields=["status", "updated_at"])
        _event(
            proposal=proposal,
            kind=ProposalEventKind.WITHDRAWN,
            actor=actor,
            from_status=previous,
            note=note,
        )
    return proposal


# --- decisions --------------------------------------------------------------------------


def _participation_role(session_type: SessionType, role: str) -> str:
    if role == ProposalRole.MODERATOR:
        return ParticipationRole.MODERATOR
    if session_type.slug == "taller":
        return ParticipationRole.WORKSHOP_LEADER
    if session_type.slug in ("panel", "conversatorio", "mesa-de-dialogo"):
        return ParticipationRole.PANELIST
    return ParticipationRole.SPEAKER


def _program_person(person: ProposalPerson, actor: Any) -> Person:
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


def _session_for(proposal: Proposal, actor: Any) -> Session:
    session = session_create(
        edition=proposal.edition,
        title=proposal.title,
        session_type=proposal.session_type,
        abstract=proposal.abstract,
        language=proposal.language,
        status=SessionStatus.DRAFT,
        actor=actor,
    )
    people = proposal.people.exclude(invitation_status=InvitationStatus.DECLINED)
    for order, person in enumerate(people):
        program_person = _program_person(person, actor)
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
            actor=actor,
        )
        if person.person_id != program_person.pk:
            person.person = program_person
            person.save(update_fields=["person", "updated_at"])
    return session


def _session_release(proposal: Proposal, actor: Any) -> None:
    """The proposal leaves the program: an unpublished session goes, a published one is
    taken off the grid (cancelled at the next publication, with notice)."""
    session = proposal.session
    if session is None:
        return
    if session.status == SessionStatus.DRAFT and not session.code:
        proposal.session = None
        proposal.save(update_fields=["session", "updated_at"])
        session_delete(session=session, actor=actor)
    else:
        from datacon.program.schedule import placement_clear

        placement_clear(session=session, actor=actor)


def _decision_drafts_discard(proposal: Proposal) -> int:
    return OutboundEmail.objects.filter(
        related_type="proposals.proposal",
        related_id=str(proposal.pk),
        purpose__startswith=PURPOSE_DECISION,
        status=OutboundEmailStatus.DRAFT,
    ).update(status=OutboundEmailStatus.DISCARDED)


def _decision_emails(*, proposal: Proposal, note: str, actor: Any) -> list[OutboundEmail]:
    template = _template(proposal.edition, proposal.status)
    emails = []
    for person in proposal.people.exclude(invitation_status=InvitationStatus.DECLINED):
        if person.is_submitter:
            link = absolute_url("public:proposals_detail", pk=proposal.pk)
        else:
            link = absolute_url("public:proposals_invitation", token=person.invitation_token)
        values = _common_values(proposal, person) | {"enlace": link, "nota": note}
        emails.append(
            email_enqueue(
                to=person.email,
                subject=render_placeholders(template.subject, values).strip(),
                body_text=render_placeholders(template.body, values),
                purpose=f"{PURPOSE_DECISION}.{proposal.status}",
                related=proposal,
                needs_review=True,
                actor=actor,
            )
        )
    return emails


def proposal_decide(*, proposal: Proposal, decision: str, actor: Any, note: str = "") -> Proposal:
    """Accept, waitlist or reject. The e-mails wait in the outbox for an organiser's review.

    Accepting creates the program session (a draft until the schedule is
    published) with a Person and a Participation for everyone on the proposal.
    """
    if decision not in DECISIONS:
        raise ValidationError(_("Decisión desconocida."))
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("edition__organiser", "session_type", "session")
            .get(pk=proposal.pk)
        )
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
        previous = proposal.status
        if previous == ProposalStatus.ACCEPTED:
            _session_release(proposal, actor)
        proposal.status = decision
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_at", "updated_at"])
        if decision == ProposalStatus.ACCEPTED:
            proposal.session = _session_for(proposal, actor)
            proposal.save(update_fields=["session", "updated_at"])
        _decision_drafts_discard(proposal)
        _decision_emails(proposal=proposal, note=note, actor=actor)
        _event(
            proposal=proposal,
            kind={
                "accepted": ProposalEventKind.ACCEPTED,
                "waitlisted": ProposalEventKind.WAITLISTED,
                "rejected": ProposalEventKind.REJECTED,
            }[decision],
            actor=actor,
            from_status=previous,
            note=note,
        )
    return proposal


def proposal_respond(*, proposal: Proposal, confirm: bool, actor: Any, note: str = "") -> Proposal:
    """The proponent confirms (or declines) taking part after acceptance."""
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("session")
            .get(pk=proposal.pk)
        )
        if _user(actor) is None or actor.pk != proposal.submitter_id:
            raise ValidationError(_("Solo quien envió la propuesta puede confirmarla."))
        if proposal.status != ProposalStatus.ACCEPTED or not decision_released_for(proposal):
            raise ValidationError(_("Solo se confirma una propuesta aceptada."))
        previous = proposal.status
        if confirm:
            proposal.status = ProposalStatus.CONFIRMED
        else:
            proposal.status = ProposalStatus.DECLINED
            _session_release(proposal, actor)
        proposal.save(update_fields=["status", "updated_at"])
        _event(
            proposal=proposal,
            kind=ProposalEventKind.CONFIRMED if confirm else ProposalEventKind.DECLINED,
            actor=actor,
            from_status=previous,
            note=note,
        )
    return proposal


def invitation_respond(
    *,
    person: ProposalPerson,
    accept: bool,
    actor: Any = None,
    organisation: str | None = None,
    position: str | None = None,
    gender: str | None = None,
) -> ProposalPerson:
    """A co-speaker confirms or declines being on a proposal (the e-mailed link is the key).

    They may correct their organisation and position and declare their gender
    themselves; a decline after acceptance takes them out of the session.
    """
    with transaction.atomic():
        person = (
            ProposalPerson.objects.select_for_update(of=("self",))
            .select_related("proposal")
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
        if _user(actor) is not None and actor.email.strip().lower() == person.email:
            person.user = actor
        person.full_clean(exclude=["proposal"])
        person.save()
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
                    record_delete(instance=participation, actor=actor)
        ProposalEvent.objects.create(
            proposal=proposal,
            kind=ProposalEventKind.PERSON_CONFIRMED
            if accept
            else ProposalEventKind.PERSON_DECLINED,
            actor=_user(actor),
            from_status=proposal.status,
            to_status=proposal.status,
            note=person.name,
        )
        audit_record(
            actor=actor,
            action="proposal.invitation.accept" if accept else "proposal.invitation.decline",
            instance=person,
        )
    return person


# --- review ----------------------------------------------------------------------------


def assignment_create(
    *, proposal: Proposal, reviewer: Any, actor: Any, team: ReviewTeam | None = None
) -> ReviewAssignment:
    existing = ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).first()
    if existing is not None:
        return existing
    if proposal.submitter_id == reviewer.pk:
        raise ValidationError(_("Nadie revisa su propia propuesta."))
    if proposal.people.filter(email__iexact=reviewer.email).exists():
        raise ValidationError(
            _("%(reviewer)s aparece en la propuesta; no puede revisarla.") % {"reviewer": reviewer}
        )
    return record_save(
        instance=ReviewAssignment(
            proposal=proposal, reviewer=reviewer, team=team, assigned_by=_user(actor)
        ),
        actor=actor,
    )


def assignment_delete(*, assignment: ReviewAssignment, actor: Any) -> None:
    record_delete(instance=assignment, actor=actor)


def assignments_from_teams(*, edition: Edition, actor: Any) -> int:
    """Assign every open proposal to every member of each team that covers it.

    A team with no session types (or tracks) covers them all. People never get
    their own proposals, nor proposals they appear on. Returns how many were added.
    """
    teams = list(
        ReviewTeam.objects.filter(edition=edition).prefetch_related(
            "members", "session_types", "tracks"
        )
    )
    proposals = list(
        Proposal.objects.filter(
            edition=edition, status__in=(ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED)
        ).prefetch_related("people")
    )
    existing = set(
        ReviewAssignment.objects.filter(proposal__edition=edition).values_list(
            "proposal_id", "reviewer_id"
        )
    )
    added = 0
    with transaction.atomic():
        for team in teams:
            type_ids = {t.pk for t in team.session_types.all()}
            track_ids = {t.pk for t in team.tracks.all()}
            for proposal in proposals:
                if type_ids and proposal.session_type_id not in type_ids:
                    continue
                if track_ids and proposal.track_id not in track_ids:
                    continue
                emails = {p.email for p in proposal.people.all()}
                for member in team.members.all():
                    if (proposal.pk, member.pk) in existing:
                        continue
                    if member.pk == proposal.submitter_id or member.email.lower() in emails:
                        continue
                    record_save(
                        instance=ReviewAssignment(
                            proposal=proposal, reviewer=member, team=team, assigned_by=_user(actor)
                        ),
                        actor=actor,
                    )
                    existing.add((proposal.pk, member.pk))
                    added += 1
    return added


def conflict_declare(*, assignment: ReviewAssignment, note: str, actor: Any) -> ReviewAssignment:
    """The reviewer steps away from a proposal; its review, if any, no longer counts."""
    with transaction.atomic():
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if _user(actor) is None or actor.pk != assignment.reviewer_id:
            raise ValidationError(_("Solo la persona revisora declara su conflicto de interés."))
        assignment.conflict_declared = True
        assignment.conflict_note = note.strip()[:300]
        assignment.conflict_declared_at = timezone.now()
        assignment.save()
        Review.objects.filter(assignment=assignment).delete()
        audit_record(actor=actor, action="review.conflict", instance=assignment)
    return assignment


def conflict_withdraw(*, assignment: ReviewAssignment, actor: Any) -> ReviewAssignment:
    """An organiser reopens an assignment whose conflict was declared by mistake.

    The deleted review does not come back (declaring a conflict must leave no
    trace of a score); the reviewer sees the proposal again and scores anew.
    """
    with transaction.atomic():
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if not assignment.conflict_declared:
            raise ValidationError(_("Esta asignación no tiene un conflicto declarado."))
        assignment.conflict_declared = False
        assignment.conflict_note = ""
        assignment.conflict_declared_at = None
        assignment.save()
        audit_record(actor=actor, action="review.conflict_withdrawn", instance=assignment)
    return assignment


REVIEWABLE = (ProposalStatus.SUBMITTED, ProposalStatus.WAITLISTED)


def review_save(
    *, assignment: ReviewAssignment, scores: Mapping[int, int | None], comment: str, actor: Any
) -> Review:
    """Store a reviewer's scores (one per criterion, each within its scale) and comment."""
    with transaction.atomic():
        assignment = (
            ReviewAssignment.objects.select_for_update(of=("self",))
            .select_related("proposal")
            .get(pk=assignment.pk)
        )
        if _user(actor) is None or actor.pk != assignment.reviewer_id:
            raise ValidationError(_("Esta revisión está asignada a otra persona."))
        if assignment.conflict_declared:
            raise ValidationError(_("Declaró un conflicto de interés con esta propuesta."))
        if assignment.proposal.status not in REVIEWABLE:
            raise ValidationError(
                _("La propuesta ya no está en revisión (estado: «%(status)s»).")
                % {"status": assignment.proposal.get_status_display()}
            )
        criteria = list(ReviewCriterion.objects.filter(edition_id=assignment.proposal.edition_id))
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
        if errors:
            raise ValidationError(errors)
        review, created = Review.objects.get_or_create(
            assignment=assignment, defaults={"comment": comment.strip()}
        )
        if not created:
            review.comment = comment.strip()
            review.save()
        stored = {s.criterion_id: s for s in review.scores.all()}
        for criterion in criteria:
            value = scores[criterion.pk]
            assert value is not None
            score = stored.get(criterion.pk) or ReviewScore(review=review, criterion=criterion)
            if score.pk is None or score.value != value:
                score.value = value
                score.full_clean()
                score.save()
        audit_record(
            actor=actor,
            action="review.create" if created else "review.update",
            instance=review,
            changes={"scores": {str(k): v for k, v in scores.items()}},
        )
    return review


def review_team_save(*, team: ReviewTeam, actor: Any) -> ReviewTeam:
    return record_save(instance=team, actor=actor)


# --- schedule publication with notices ---------------------------------------------------


def _change_line(change: Any) -> str:
    """One line of the notice, in plain text: code, title, and before → after."""
    from datacon.program.schedule_text import change_summary

    return f"- {change.code} «{change.title}»: {change_summary(change)}"


def schedule_changes_notify(*, version: Any, actor: Any, needs_review: bool = True) -> int:
    """E-mail each person whose sessions changed in this version; returns how many messages.

    Everyone who was or is on a changed session hears about it once, with all
    their changes in one message (people taken off a session included).
    """
    from datacon.program.models import ScheduleChange

    edition = version.edition
    changes = list(ScheduleChange.objects.filter(version=version).order_by("code", "id"))
    if not changes:
        return 0
    previous_people: dict[int, list[int]] = {}
    if version.number > 1:
        from datacon.program.models import ScheduleVersion

        before = ScheduleVersion.objects.filter(edition=edition, number=version.number - 1).first()
        if before is not None:
            previous_people = {
                int(key): value.get("person_ids", []) for key, value in before.snapshot.items()
            }
    current_people = {
        int(key): value.get("person_ids", []) for key, value in version.snapshot.items()
    }
    by_person: dict[int, list[Any]] = {}
    for change in changes:
        if change.session_id is None:
            continue
        for person_id in {
            *previous_people.get(change.session_id, []),
            *current_people.get(change.session_id, []),
        }:
            by_person.setdefault(person_id, []).append(change)
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(by_person)).exclude(email="")}
    template = _template(edition, EmailTemplateKind.SCHEDULE_CHANGE)
    link = absolute_url("public:proposals_changelog", edition=edition.slug)
    sent = 0
    for person_id, person_changes in by_person.items():
        person = people.get(person_id)
        if person is None:
            continue
        values = {
            "nombre": person.public_name,
            "edicion": edition.title,
            "enlace": link,
            "organizador": _organiser_name(edition),
            "version": str(version.number),
            "cambios": "\n".join(_change_line(c) for c in person_changes),
        }
        email_enqueue(
            to=person.email,
            subject=render_placeholders(template.subject, values).strip(),
            body_text=render_placeholders(template.body, values),
            purpose=PURPOSE_SCHEDULE,
            related=version,
            needs_review=needs_review,
            actor=actor,
        )
        sent += 1
    return sent


def schedule_publish_with_notices(
    *,
    edition: Edition,
    actor: Any,
    note: str = "",
    renumber: bool | None = None,
    notify: bool = True,
    review_notices: bool = True,
) -> tuple[Any, int]:
    """Publish the next schedule version and queue the notices, in one transaction."""
    from datacon.program.schedule import schedule_publish

    with transaction.atomic():
        version = schedule_publish(edition=edition, actor=actor, note=note, renumber=renumber)
        count = (
            schedule_changes_notify(version=version, actor=actor, needs_review=review_notices)
            if notify
            else 0
        )
    return version, count


# --- a new edition from the last one -------------------------------------------------------


def edition_new_from(
    *,
    source: Edition,
    number: int,
    year: int,
    title: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    actor: Any = None,
) -> Edition:
    """Copy the source's settings, session types, call (dates moved by the same number of
    days as the edition), questions, tracks, criteria, reviewer teams and e-mail
    templates into a new draft edition. Proposals, reviews and people stay behind."""
    from datacon.editions.services import edition_copy

    with transaction.atomic():
        edition = edition_copy(
            source=source,
            number=number,
            year=year,
            title=title,
            start_date=start_date,
            end_date=end_date,
            actor=actor,
        )
        types = {t.slug: t for t in edition.session_types.all()}
        tracks: dict[int, Track] = {}
        for track in source.tracks.all():
            tracks[track.pk] = track_save(
                track=Track(
                    edition=edition,
                    name=track.name,
                    description=track.description,
                    order=track.order,
                ),
                actor=actor,
            )
        for criterion in source.review_criteria.all():
            record_save(
                instance=ReviewCriterion(
                    edition=edition,
                    name=criterion.name,
                    description=criterion.description,
                    weight=criterion.weight,
                    scale_min=criterion.scale_min,
                    scale_max=criterion.scale_max,
                    order=criterion.order,
                ),
                actor=actor,
            )
        for template in source.email_templates.all():
            email_template_save(
                template=EmailTemplate(
                    edition=edition,
                    kind=template.kind,
                    subject=template.subject,
                    body=template.body,
                ),
                actor=actor,
            )
        for team in source.review_teams.prefetch_related("members", "session_types", "tracks"):
            copy = review_team_save(team=ReviewTeam(edition=edition, name=team.name), actor=actor)
            copy.members.set(team.members.all())
            copy.session_types.set(
                [types[t.slug] for t in team.session_types.all() if t.slug in types]
            )
            copy.tracks.set([tracks[t.pk] for t in team.tracks.all() if t.pk in tracks])
        source_call = Call.objects.filter(edition=source).first()
        if source_call is not None:
            shift = (
                (start_date - source.start_date)
                if start_date and source.start_date
                else dt.timedelta(days=365 * (year - source.year))
            )
            call = record_save(
                instance=Call(
                    edition=edition,
                    opens_at=source_call.opens_at + shift,
                    closes_at=source_call.closes_at + shift,
                    text=source_call.text,
                    anonymous_review=source_call.anonymous_review,
                    max_people=source_call.max_people,
                    contact_email=source_call.contact_email,
                ),
                actor=actor,
            )
            for item in source_call.session_types.select_related("session_type"):
                if item.session_type.slug in types:
                    call_session_type_save(
                        item=CallSessionType(
                            call=call,
                            session_type=types[item.session_type.slug],
                            duration_minutes=item.duration_minutes,
                            description=item.description,
                            order=item.order,
                        ),
                        actor=actor,
                    )
            for question in source_call.questions.all():
                question_save(
                    question=Question(
                        call=call,
                        text=question.text,
                        help_text=question.help_text,
                        kind=question.kind,
                        choices=question.choices,
                        required=question.required,
                        show_to_reviewers=question.show_to_reviewers,
                        order=question.order,
                    ),
                    actor=actor,
                )
        if not source.review_criteria.exists():
            criteria_seed(edition=edition, actor=actor)
        email_templates_seed(edition=edition, actor=actor)
    return edition
