"""Calls for proposals, proposals, their review and the decisions on them.

The call itself lives in models_call.py, the review in models_review.py; both are
re-exported here, so `datacon.proposals.models` names every model of the app.

The seed memoria sets the rules this app serves: speakers are chosen on merit
and on how much they innovate and push the open-data agenda, and participation
between women and men must be paritaria. Everything here is private: proposals,
the people on them, reviews and e-mail templates never reach a public page; an
accepted proposal becomes a program `Session` (draft until the schedule is
published), which is what the public sees.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.choices import Language
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.editions.models import Edition, SessionType
from datacon.people.models import Gender, Person
from datacon.program.models import Session
from datacon.proposals.models_call import Call as Call
from datacon.proposals.models_call import CallSessionType as CallSessionType
from datacon.proposals.models_call import CallState as CallState
from datacon.proposals.models_call import Question as Question
from datacon.proposals.models_call import QuestionKind as QuestionKind
from datacon.proposals.models_call import Track as Track


class ProposalAction(AuditAction):
    """Audit actions of the call for proposals beyond plain create/update/delete.

    The proposal's own steps keep the names its history used ("proposal.<event>").
    """

    SUBMIT = "proposal.submitted"
    EDIT = "proposal.edited"
    WITHDRAW = "proposal.withdrawn"
    ACCEPT = "proposal.accepted"
    WAITLIST = "proposal.waitlisted"
    REJECT = "proposal.rejected"
    CONFIRM = "proposal.confirmed"
    DECLINE = "proposal.declined"
    DECISION_DRAFTS_DISCARD = "proposal.decision_drafts_discard"
    INVITATION_ACCEPT = "proposal.invitation.accept"
    INVITATION_DECLINE = "proposal.invitation.decline"
    REVIEW_CREATE = "review.create"
    REVIEW_UPDATE = "review.update"
    REVIEW_CONFLICT = "review.conflict"
    REVIEW_CONFLICT_WITHDRAWN = "review.conflict_withdrawn"
    # The reviewer now appears on the proposal: the assignment goes (issue 13.4).
    ASSIGNMENT_CONFLICT_REMOVE = "reviewassignment.conflict_remove"
    ASSIGNMENTS_FROM_TEAMS = "reviewassignment.from_teams"
    PERSONAL_DATA_ERASE = "proposals.personal_data.erase"


class Audience(models.TextChoices):
    # The memoria's audiences ("De las y los participantes, y la audiencia").
    GOVERNMENT = "government", _("Gobiernos e instituciones públicas")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    JOURNALISTS = "journalists", _("Periodistas")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private", _("Sector privado")
    GENERAL_PUBLIC = "general", _("Población en general")
    BENEFICIARIES = "beneficiaries", _("Grupos que aprovechan los datos para ejercer sus derechos")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Enviada")
    WITHDRAWN = "withdrawn", _("Retirada")
    ACCEPTED = "accepted", _("Aceptada")
    WAITLISTED = "waitlisted", _("En lista de espera")
    REJECTED = "rejected", _("No aceptada")
    CONFIRMED = "confirmed", _("Confirmada")
    DECLINED = "declined", _("Declinada")


# Decisions the organisers take, and the statuses from which each may be taken.
DECISIONS = (ProposalStatus.ACCEPTED, ProposalStatus.WAITLISTED, ProposalStatus.REJECTED)
DECIDABLE_FROM = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.WAITLISTED,
    ProposalStatus.ACCEPTED,
    ProposalStatus.REJECTED,
)
# Statuses whose proposals hold a program session.
IN_PROGRAM = (ProposalStatus.ACCEPTED, ProposalStatus.CONFIRMED)


class Proposal(TimeStampedModel):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edición"), on_delete=models.CASCADE, related_name="proposals"
    )
    number = models.PositiveIntegerField(_("número"))
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta que propone"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    title = models.CharField(_("título"), max_length=200, validators=[validate_single_line])
    abstract = models.TextField(_("resumen"), help_text=_("Markdown."))
    session_type = models.ForeignKey(
        SessionType, verbose_name=_("tipo de sesión"), on_delete=models.PROTECT, related_name="+"
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("eje temático"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    audiences = models.JSONField(_("audiencia a la que se dirige"), default=list)
    audience_notes = models.CharField(_("sobre la audiencia"), max_length=300, blank=True)
    language = models.CharField(
        _("idioma"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    notes_for_organisers = models.TextField(
        _("notas para el comité organizador"),
        blank=True,
        help_text=_("No las ven las personas revisoras."),
    )
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("enviada"), default=timezone.now)
    decided_at = models.DateTimeField(_("decidida"), null=True, blank=True)
    session = models.OneToOneField(
        Session,
        verbose_name=_("sesión del programa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("propuesta")
        verbose_name_plural = _("propuestas")
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="proposal_unique_number_per_edition"
            )
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} · {self.title}"

    def public_scopes(self) -> tuple[str, ...]:
        """Once its edition's call has closed, the memoria shows the call's figures
        (proposals received, decisions released): every change of a proposal then
        feeds its edition's public pages. While the call is open nothing is public."""
        call = Call.objects.filter(edition_id=self.edition_id).only("opens_at", "closes_at").first()
        if call is not None and call.state() == CallState.CLOSED:
            return (versions.CONFERENCE,)
        return ()

    @property
    def reference(self) -> str:
        year = self.edition.year if self.edition_id else 0
        return f"P{year}-{self.number:03d}"

    @property
    def is_decided(self) -> bool:
        return self.status in (*DECISIONS, ProposalStatus.CONFIRMED, ProposalStatus.DECLINED)

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[a]) for a in self.audiences if a in labels]

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if (
            self.session_type_id
            and self.edition_id
            and self.session_type.edition_id != self.edition_id
        ):
            errors["session_type"] = _("El tipo de sesión pertenece a otra edición.")
        if (
            self.track_id
            and self.edition_id
            and self.track
            and self.track.edition_id != self.edition_id
        ):
            errors["track"] = _("El eje pertenece a otra edición.")
        known = set(Audience.values)
        if not isinstance(self.audiences, list) or any(a not in known for a in self.audiences):
            errors["audiences"] = _("Elija la audiencia de la lista.")
        elif not self.audiences:
            errors["audiences"] = _("Elija al menos una audiencia.")
        if errors:
            raise ValidationError(errors)


class ProposalRole(models.TextChoices):
    SPEAKER = "speaker", _("Ponente")
    MODERATOR = "moderator", _("Moderación")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Por confirmar")
    CONFIRMED = "confirmed", _("Confirmó")
    DECLINED = "declined", _("Declinó")


class ProposalPerson(TimeStampedModel):
    """Someone a proposal puts on stage. Private until the proposal is accepted
    and the person becomes a program `Person` (only their public name, position
    and organisation are ever shown). Gender is optional and self-declared."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("papel"), max_length=12, choices=ProposalRole.choices)
    name = models.CharField(_("nombre"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("correo"))
    organisation = models.CharField(
        _("organización"), max_length=250, blank=True, validators=[validate_single_line]
    )
    position = models.CharField(
        _("cargo"), max_length=200, blank=True, validators=[validate_single_line]
    )
    gender = models.CharField(
        _("género autodeclarado (privado)"),
        max_length=12,
        choices=Gender.choices,
        blank=True,
        default="",
    )
    is_submitter = models.BooleanField(_("es quien propone"), default=False)
    invitation_status = models.CharField(
        _("invitación"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invitation_token = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal_roles",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("persona del programa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal_roles",
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("persona de la propuesta")
        verbose_name_plural = _("personas de la propuesta")
        ordering = ["proposal", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "email"],
                name="proposal_person_unique_email",
                violation_error_message=_("Esa persona ya aparece en la propuesta."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.get_role_display()}"


class Answer(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("respuesta"), blank=True)

    class Meta:
        verbose_name = _("respuesta")
        verbose_name_plural = _("respuestas")
        ordering = ["question__order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return self.value[:80]

    def clean(self) -> None:
        # The model's own guard, whatever wrote the answer: a number within the question's range.
        if self.question.kind != QuestionKind.NUMBER or not self.value:
            return
        try:
            number = Decimal(self.value)
        except InvalidOperation:
            raise ValidationError({"value": _("Escriba un número, por ejemplo 12.")}) from None
        problem = self.question.number_problem(number) if number.is_finite() else ""
        if problem:
            raise ValidationError({"value": problem})

    def display_value(self) -> str:
        if self.question.kind == QuestionKind.YES_NO:
            return str({"yes": _("Sí"), "no": _("No")}.get(self.value, self.value))
        return self.value


class ProposalEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Enviada")
    EDITED = "edited", _("Editada")
    WITHDRAWN = "withdrawn", _("Retirada")
    ACCEPTED = "accepted", _("Aceptada")
    WAITLISTED = "waitlisted", _("Pasó a lista de espera")
    REJECTED = "rejected", _("No aceptada")
    CONFIRMED = "confirmed", _("Participación confirmada")
    DECLINED = "declined", _("Participación declinada")
    PERSON_CONFIRMED = "person_confirmed", _("Una persona confirmó su invitación")
    PERSON_DECLINED = "person_declined", _("Una persona declinó su invitación")


class ProposalEvent(models.Model):
    """Every change of a proposal's state: what, who and when (kept forever)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("fecha"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("qué"), max_length=20, choices=ProposalEventKind.choices)
    from_status = models.CharField(_("estado anterior"), max_length=12, blank=True)
    to_status = models.CharField(_("estado nuevo"), max_length=12, blank=True)
    note = models.CharField(_("nota"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evento de propuesta")
        verbose_name_plural = _("historial de propuestas")
        ordering = ["proposal", "at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class EmailTemplateKind(models.TextChoices):
    ACCEPTED = "accepted", _("Decisión: aceptada")
    WAITLISTED = "waitlisted", _("Decisión: lista de espera")
    REJECTED = "rejected", _("Decisión: no aceptada")
    INVITATION = "invitation", _("Invitación a co-ponentes")
    SCHEDULE_CHANGE = "schedule_change", _("Aviso de cambios en el programa")


class EmailTemplate(TimeStampedModel):
    """The text of a message the platform sends, editable per edition.

    Placeholders are plain `{nombre}` words, replaced by plain text: no template
    language runs, so an organiser's typo can never execute anything.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="email_templates")
    kind = models.CharField(_("mensaje"), max_length=20, choices=EmailTemplateKind.choices)
    subject = models.CharField(_("asunto"), max_length=200)
    body = models.TextField(_("texto"))

    class Meta:
        verbose_name = _("plantilla de correo")
        verbose_name_plural = _("plantillas de correo")
        ordering = ["edition", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="email_template_unique_kind")
        ]

    def __str__(self) -> str:
        return f"{self.edition} · {self.get_kind_display()}"

    def clean(self) -> None:
        from datacon.proposals.emails import PLACEHOLDERS, placeholders_unknown

        errors = {}
        for field in ("subject", "body"):
            unknown = placeholders_unknown(getattr(self, field), kind=self.kind)
            if unknown:
                errors[field] = _(
                    "Marcadores desconocidos: %(unknown)s. Puede usar: %(known)s."
                ) % {
                    "unknown": ", ".join("{" + name + "}" for name in unknown),
                    "known": ", ".join(
                        "{" + name + "}" for name in PLACEHOLDERS.get(self.kind, ())
                    ),
                }
        if errors:
            raise ValidationError(errors)


# Review models live in their own module; importing them here registers them with the app.
from datacon.proposals.models_review import (  # noqa: E402
    DEFAULT_CRITERIA as DEFAULT_CRITERIA,
)
from datacon.proposals.models_review import Review as Review  # noqa: E402
from datacon.proposals.models_review import ReviewAssignment as ReviewAssignment  # noqa: E402
from datacon.proposals.models_review import ReviewCriterion as ReviewCriterion  # noqa: E402
from datacon.proposals.models_review import ReviewScore as ReviewScore  # noqa: E402
from datacon.proposals.models_review import ReviewTeam as ReviewTeam  # noqa: E402
