"""Meetings of the policy process: attendance, agreements and attached documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.people.models import Organisation, Person
from datacon.policy.models import (
    Group,
    Process,
    Stage,
    person_and_organisation,
    policy_scopes,
    same_process_errors,
)


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Reunión de trabajo")
    SESSION = "session", _("Sesión formal")
    ROUNDTABLE = "roundtable", _("Mesa temática")
    PUBLIC_EVENT = "public_event", _("Actividad pública")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programada")
    HELD = "held", _("Realizada")
    CANCELLED = "cancelled", _("Cancelada")


class Meeting(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="meetings"
    )
    group = models.ForeignKey(
        Group,
        verbose_name=_("grupo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("Vacío para actividades abiertas de todo el proceso."),
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("etapa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("Si se deja vacío, se asigna la etapa que corresponde a la fecha."),
    )
    kind = models.CharField(
        _("tipo"), max_length=14, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    title = models.CharField(_("título"), max_length=250)
    starts_at = models.DateTimeField(_("inicio"))
    ends_at = models.DateTimeField(_("fin"))
    date_is_approximate = models.BooleanField(
        _("fecha aproximada"),
        default=False,
        help_text=_("Márquelo cuando la fuente no da la fecha exacta."),
    )
    location = models.CharField(_("lugar"), max_length=300, blank=True)
    online_url = models.URLField(_("enlace para seguirla en línea"), blank=True)
    agenda = models.TextField(_("orden del día"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minuta"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("estado"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    other_attendees = models.PositiveIntegerField(
        _("otras personas asistentes"),
        null=True,
        blank=True,
        help_text=_("Número de asistentes que no se listan por nombre (público en general)."),
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("reunión o actividad")
        verbose_name_plural = _("reuniones y actividades")
        ordering = ["process", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="policy_meeting_ends_after_start",
                violation_error_message=_("La reunión debe terminar después de empezar."),
            )
        ]
        indexes = [models.Index(fields=["process", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La reunión debe terminar después de empezar.")
        errors.update(same_process_errors(self, "group", self.process_id))
        errors.update(same_process_errors(self, "stage", self.process_id))
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_meeting", kwargs={"process": self.process.slug, "meeting": self.pk}
        )

    def public_scopes(self) -> tuple[str, ...]:
        # Need pages show the title and date of the meetings where a need came up.
        return (*policy_scopes(), versions.DEMAND)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Asistió")
    EXCUSED = "excused", _("Justificó su ausencia")
    ABSENT = "absent", _("No asistió")


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("reunión"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_attendances",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_attendances",
    )
    status = models.CharField(
        _("asistencia"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencia")
        ordering = ["meeting", "status", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="policy_attendance_has_attendee",
                violation_error_message=_("Indique la persona, la organización o ambas."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendee_name} · {self.get_status_display()}"

    @property
    def attendee_name(self) -> str:
        return person_and_organisation(self.person, self.organisation)

    def clean(self) -> None:
        if not self.person_id and not self.organisation_id:
            raise ValidationError({"person": _("Indique la persona, la organización o ambas.")})

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    IN_PROGRESS = "in_progress", _("En proceso")
    DONE = "done", _("Cumplido")
    CANCELLED = "cancelled", _("Cancelado")


OPEN_AGREEMENT_STATUSES = (AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS)


class Agreement(TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("reunión"), on_delete=models.CASCADE, related_name="agreements"
    )
    number = models.PositiveSmallIntegerField(
        _("número"), blank=True, help_text=_("Déjelo vacío para asignar el siguiente.")
    )
    text = models.TextField(_("acuerdo"))
    owner_group = models.ForeignKey(
        Group,
        verbose_name=_("grupo responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_agreements",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_agreements",
    )
    owner_person = models.ForeignKey(
        Person,
        verbose_name=_("persona responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_agreements",
    )
    due_on = models.DateField(_("fecha compromiso"), null=True, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.PENDING,
    )
    completed_on = models.DateField(_("fecha de cumplimiento"), null=True, blank=True)
    follow_up = models.TextField(_("seguimiento"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="policy_agreement_unique_number",
                violation_error_message=_("Ya hay un acuerdo con ese número en la reunión."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    @property
    def code(self) -> str:
        return f"A{self.meeting_id}-{self.number}"

    @property
    def owner_name(self) -> str:
        parts = []
        if self.owner_person_id:
            parts.append(self.owner_person.public_name)  # type: ignore[union-attr]
        if self.owner_organisation_id:
            parts.append(self.owner_organisation.short_name)  # type: ignore[union-attr]
        if self.owner_group_id:
            parts.append(self.owner_group.name)  # type: ignore[union-attr]
        return " · ".join(parts)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not (self.owner_group_id or self.owner_organisation_id or self.owner_person_id):
            errors["owner_group"] = _(
                "Todo acuerdo necesita responsable: un grupo, una organización o una persona."
            )
        if self.status == AgreementStatus.DONE and not self.completed_on:
            errors["completed_on"] = _("Indique cuándo se cumplió el acuerdo.")
        if self.completed_on and self.status != AgreementStatus.DONE:
            errors["completed_on"] = _("Solo un acuerdo cumplido tiene fecha de cumplimiento.")
        if errors:
            raise ValidationError(errors)

    def is_overdue_on(self, day: dt.date) -> bool:
        return (
            self.status in OPEN_AGREEMENT_STATUSES and self.due_on is not None and self.due_on < day
        )

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class MeetingAttachment(TimeStampedModel):
    """A document attached to a meeting: an uploaded file, a link, or a process document."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("reunión"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("título"), max_length=250)
    file = models.FileField(
        _("archivo"),
        upload_to="politica/reuniones/",
        blank=True,
        validators=[FileCheck("material")],
    )
    url = models.URLField(_("enlace"), blank=True)
    document = models.ForeignKey(
        "Document",
        verbose_name=_("documento del proceso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_attachments",
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("documento adjunto")
        verbose_name_plural = _("documentos adjuntos")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not (self.file or self.url or self.document_id):
            raise ValidationError(
                {"file": _("Adjunte un archivo, un enlace o un documento del proceso.")}
            )

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()
