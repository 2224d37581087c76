"""A public policy built in the open: process, stages, groups, meetings, documents,
expenses and commitments.

"Abramos México" (seed 004) is the model: a steering group, a technical group
with technical liaisons and a specialised group; dated stages; a public site
that reports every activity and the resources spent and holds every document;
and, once the policy is approved, commitments followed up and assessed each
year (seed 003 asks for an annual agenda assessed at year end).

Everything here is public once its process is (draft processes are not):
names of people appear only as members of a group or attendees of a meeting,
which are public roles. Each model says which public-data scopes it belongs
to, so every service invalidates exactly the cached pages that show it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.editions.models import Edition, validate_timezone
from datacon.people.models import Organisation, Person


def _policy_scopes() -> tuple[str, ...]:
    return (versions.POLICY,)


def _person_and_organisation(person: Person | None, organisation: Organisation | None) -> str:
    if person is not None and organisation is not None:
        return f"{person.public_name} ({organisation.short_name})"
    if person is not None:
        return person.public_name
    return str(organisation) if organisation is not None else ""


def _same_process(record: Any, field: str, process_id: int | None) -> dict[str, Any]:
    """An error for `field` when the related record belongs to another process."""
    related = getattr(record, field) if getattr(record, f"{field}_id") else None
    if related is not None and process_id and related.process_id != process_id:
        messages = {
            "group": _("El grupo pertenece a otro proceso."),
            "stage": _("La etapa pertenece a otro proceso."),
        }
        return {field: messages[field]}
    return {}


class ProcessStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador (no público)")
    ACTIVE = "active", _("En curso")
    CLOSED = "closed", _("Concluido")


PUBLIC_PROCESS_STATUSES = (ProcessStatus.ACTIVE, ProcessStatus.CLOSED)


class Process(TimeStampedModel):
    title = models.CharField(_("título"), max_length=250)
    short_title = models.CharField(
        _("nombre corto"), max_length=80, help_text=_("Por ejemplo: Abramos México.")
    )
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    summary = models.TextField(_("resumen"), help_text=_("Markdown."))
    context = models.TextField(_("contexto"), blank=True, help_text=_("Markdown."))
    notice = models.TextField(
        _("aviso"),
        blank=True,
        help_text=_(
            "Se muestra destacado en la página del proceso (por ejemplo, qué fechas son aproximadas)."
        ),
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=ProcessStatus.choices, default=ProcessStatus.DRAFT
    )
    timezone = models.CharField(
        _("zona horaria"),
        max_length=64,
        default="America/Mexico_City",
        validators=[validate_timezone],
    )
    website = models.URLField(_("sitio web"), blank=True)
    email = models.EmailField(_("correo institucional"), blank=True)
    editions = models.ManyToManyField(
        Edition,
        through="ProcessEdition",
        related_name="policy_processes",
        verbose_name=_("ediciones de la DATACON relacionadas"),
        blank=True,
    )

    class Meta:
        verbose_name = _("proceso de política pública")
        verbose_name_plural = _("procesos de política pública")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("public:policy_process", kwargs={"process": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        # Edition pages show "this edition fed the process X"; need pages of
        # "¿Qué datos abrir?" link to its meetings only while it is public.
        return (versions.POLICY, versions.CONFERENCE, versions.DEMAND)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_PROCESS_STATUSES

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def today(self) -> dt.date:
        return timezone.localdate(timezone=self.tz)


class Goal(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("número"))
    text = models.TextField(_("objetivo"))

    class Meta:
        verbose_name = _("objetivo")
        verbose_name_plural = _("objetivos")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number"],
                name="policy_goal_unique_number",
                violation_error_message=_("Ya hay un objetivo con ese número en el proceso."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class EditionRelation(models.TextChoices):
    ORIGIN = "origin", _("Dio origen al proceso")
    INPUT = "input", _("Aportó insumos al proceso")
    FOLLOW_UP = "follow_up", _("Dio seguimiento a la política")


class ProcessEdition(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="edition_links")
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="policy_links",
    )
    relation = models.CharField(_("relación"), max_length=12, choices=EditionRelation.choices)
    description = models.TextField(_("cómo contribuyó"), blank=True)

    class Meta:
        verbose_name = _("edición relacionada")
        verbose_name_plural = _("ediciones relacionadas")
        ordering = ["process", "edition__year"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "edition"],
                name="policy_process_edition_unique",
                violation_error_message=_("Esa edición ya está vinculada con el proceso."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition} → {self.process}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.POLICY, versions.CONFERENCE)


class StageState(models.TextChoices):
    DONE = "done", _("Concluida")
    CURRENT = "current", _("En curso")
    UPCOMING = "upcoming", _("Próxima")


class Stage(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("orden"))
    name = models.CharField(_("nombre"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    starts_on = models.DateField(_("inicio"))
    ends_on = models.DateField(
        _("término"), null=True, blank=True, help_text=_("Vacío si la etapa sigue abierta.")
    )
    dates_approximate = models.BooleanField(_("fechas aproximadas"), default=False)
    dates_note = models.CharField(_("nota sobre las fechas"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("etapa")
        verbose_name_plural = _("etapas")
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "order"],
                name="policy_stage_unique_order",
                violation_error_message=_("Ya hay una etapa con ese orden en el proceso."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on"))
                | models.Q(ends_on__isnull=True),
                name="policy_stage_ends_after_start",
                violation_error_message=_("La etapa no puede terminar antes de empezar."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La etapa no puede terminar antes de empezar.")})

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()

    def state_on(self, day: dt.date) -> str:
        if day < self.starts_on:
            return StageState.UPCOMING
        if self.ends_on is not None and day > self.ends_on:
            return StageState.DONE
        return StageState.CURRENT


class Milestone(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="milestones")
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("etapa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    date = models.DateField(_("fecha"))
    title = models.CharField(_("título"), max_length=250)
    description = models.TextField(_("descripción"), blank=True)
    source = models.CharField(
        _("fuente"), max_length=300, blank=True, help_text=_("Documento que da fe del hito.")
    )
    url = models.URLField(_("enlace"), blank=True)

    class Meta:
        verbose_name = _("hito")
        verbose_name_plural = _("hitos")
        ordering = ["process", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Grupo impulsor")
    TECHNICAL = "technical", _("Grupo técnico")
    SPECIALISED = "specialised", _("Grupo especializado")
    OTHER = "other", _("Otro")


class Group(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("nombre"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("identificador en URL"), max_length=80, blank=True)
    kind = models.CharField(_("tipo"), max_length=12, choices=GroupKind.choices)
    mandate = models.TextField(_("mandato"))
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    installed_on = models.DateField(_("instalación"), null=True, blank=True)
    installed_on_approximate = models.BooleanField(
        _("fecha de instalación aproximada"), default=False
    )
    dissolved_on = models.DateField(_("conclusión"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("grupo de trabajo")
        verbose_name_plural = _("grupos de trabajo")
        ordering = ["process", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"],
                name="policy_group_unique_slug",
                violation_error_message=_("Ya hay un grupo con ese identificador en el proceso."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.installed_on and self.dissolved_on and self.dissolved_on < self.installed_on:
            raise ValidationError(
                {"dissolved_on": _("El grupo no puede concluir antes de instalarse.")}
            )

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_group", kwargs={"process": self.process.slug, "group": self.slug}
        )

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinación")
    MEMBER = "member", _("Integrante")
    TECHNICAL_LIAISON = "technical_liaison", _("Enlace técnico")
    SECRETARIAT = "secretariat", _("Secretaría técnica")
    OBSERVER = "observer", _("Observación")


class Membership(TimeStampedModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person,
        verbose_name=_("persona"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_memberships",
        help_text=_("La organización a la que representa, o la organización integrante."),
    )
    role = models.CharField(_("papel"), max_length=20, choices=MemberRole.choices)
    starts_on = models.DateField(_("desde"), null=True, blank=True)
    ends_on = models.DateField(_("hasta"), null=True, blank=True)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("integrante")
        verbose_name_plural = _("integrantes")
        ordering = ["group", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="policy_membership_has_member",
                violation_error_message=_("Indique la persona, la organización o ambas."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on"))
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True),
                name="policy_membership_ends_after_start",
                violation_error_message=_("La fecha «hasta» no puede ser anterior a «desde»."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_name} · {self.get_role_display()}"

    @property
    def member_name(self) -> str:
        return _person_and_organisation(self.person, self.organisation)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.person_id and not self.organisation_id:
            errors["person"] = _("Indique la persona, la organización o ambas.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("La fecha «hasta» no puede ser anterior a «desde».")
        if errors:
            raise ValidationError(errors)

    def is_current_on(self, day: dt.date) -> bool:
        started = self.starts_on is None or self.starts_on <= day
        ended = self.ends_on is not None and self.ends_on < day
        return started and not ended

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


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
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="meetings")
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
        errors.update(_same_process(self, "group", self.process_id))
        errors.update(_same_process(self, "stage", self.process_id))
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_meeting", kwargs={"process": self.process.slug, "meeting": self.pk}
        )

    def public_scopes(self) -> tuple[str, ...]:
        # Need pages show the title and date of the meetings where a need came up.
        return (*_policy_scopes(), versions.DEMAND)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Asistió")
    EXCUSED = "excused", _("Justificó su ausencia")
    ABSENT = "absent", _("No asistió")


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
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
        return _person_and_organisation(self.person, self.organisation)

    def clean(self) -> None:
        if not self.person_id and not self.organisation_id:
            raise ValidationError({"person": _("Indique la persona, la organización o ambas.")})

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    IN_PROGRESS = "in_progress", _("En proceso")
    DONE = "done", _("Cumplido")
    CANCELLED = "cancelled", _("Cancelado")


OPEN_AGREEMENT_STATUSES = (AgreementStatus.PENDING, AgreementStatus.IN_PROGRESS)


class Agreement(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
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
        return _policy_scopes()


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("Estrategia")
    METHODOLOGY = "methodology", _("Metodología")
    DRAFT = "draft", _("Borrador de la política")
    ANNEX = "annex", _("Anexo")
    POLICY = "policy", _("Política aprobada")
    REPORT = "report", _("Informe")
    OTHER = "other", _("Otro")


class Document(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("identificador en URL"), max_length=80, blank=True)
    kind = models.CharField(_("tipo"), max_length=12, choices=DocumentKind.choices)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["process", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"],
                name="policy_document_unique_slug",
                violation_error_message=_(
                    "Ya hay un documento con ese identificador en el proceso."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_document", kwargs={"process": self.process.slug, "document": self.slug}
        )

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class DocumentVersion(models.Model):
    """One published version. Versions are never edited or deleted: a change is a new version."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versión"))
    change_summary = models.TextField(_("resumen de cambios"), blank=True)
    body = models.TextField(_("texto (Markdown)"), blank=True)
    file = models.FileField(
        _("archivo"),
        upload_to="politica/documentos/",
        blank=True,
        validators=[FileCheck("material")],
        help_text=_("Versión descargable (PDF, DOCX, ODT…), opcional."),
    )
    published_at = models.DateTimeField(_("publicada"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("versión de documento")
        verbose_name_plural = _("versiones de documentos")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="policy_document_version_unique",
                violation_error_message=_("Esa versión ya existe."),
            )
        ]
        permissions = [("publish_documentversion", _("Puede publicar versiones de documentos"))]

    def __str__(self) -> str:
        return f"{self.document} · v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_document_version",
            kwargs={
                "process": self.document.process.slug,
                "document": self.document.slug,
                "number": self.number,
            },
        )

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class ParagraphIdentity(models.Model):
    """What stays the same across versions: "paragraph p-12 of this document"."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="identities")
    anchor = models.SlugField(_("identificador"), max_length=60)
    created_in = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="new_identities"
    )

    class Meta:
        verbose_name = _("identidad de párrafo")
        verbose_name_plural = _("identidades de párrafos")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "anchor"], name="policy_paragraph_identity_unique"
            )
        ]

    def __str__(self) -> str:
        return self.anchor


class ParagraphKind(models.TextChoices):
    HEADING = "heading", _("Título")
    TEXT = "text", _("Párrafo")


class Paragraph(models.Model):
    """The text of one paragraph identity in one version."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="paragraphs"
    )
    identity = models.ForeignKey(
        ParagraphIdentity, on_delete=models.CASCADE, related_name="paragraphs"
    )
    position = models.PositiveIntegerField(_("posición"))
    number = models.PositiveIntegerField(
        _("número de párrafo"), null=True, blank=True, help_text=_("Solo párrafos, no títulos.")
    )
    kind = models.CharField(_("tipo"), max_length=8, choices=ParagraphKind.choices)
    level = models.PositiveSmallIntegerField(default=0)
    source = models.TextField(_("Markdown"))
    html = models.TextField()
    plain_text = models.TextField(_("texto"))
    section_title = models.CharField(_("sección"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("párrafo")
        verbose_name_plural = _("párrafos")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "identity"], name="policy_paragraph_once_per_version"
            ),
            models.UniqueConstraint(
                fields=["version", "position"], name="policy_paragraph_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identity.anchor} (v{self.version.number})"

    @property
    def anchor(self) -> str:
        return self.identity.anchor

    @property
    def label(self) -> str:
        return str(self.number) if self.number else self.section_title


class MeetingAttachment(TimeStampedModel):
    """A document attached to a meeting: an uploaded file, a link, or a process document."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
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
        return _policy_scopes()


class ExpenseConcept(models.TextChoices):
    VENUE = "venue", _("Sedes y logística")
    TRAVEL = "travel", _("Viajes y viáticos")
    COMMUNICATION = "communication", _("Comunicación y difusión")
    TECHNOLOGY = "technology", _("Tecnología y plataformas")
    PROFESSIONAL = "professional", _("Servicios profesionales")
    MATERIALS = "materials", _("Materiales e impresos")
    OTHER = "other", _("Otros")


class Expense(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="expenses")
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("etapa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expenses",
        help_text=_("Si se deja vacío, se asigna la etapa que corresponde a la fecha."),
    )
    concept = models.CharField(_("concepto"), max_length=14, choices=ExpenseConcept.choices)
    description = models.CharField(_("descripción"), max_length=300)
    amount = models.DecimalField(
        _("monto (MXN)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("El monto no puede ser negativo."))],
    )
    spent_on = models.DateField(_("fecha del gasto"))
    supplier = models.CharField(_("proveedor"), max_length=250)
    reference = models.CharField(_("folio de factura o contrato"), max_length=120, blank=True)
    supporting_document = models.FileField(
        _("comprobante"),
        upload_to="politica/comprobantes/",
        blank=True,
        validators=[FileCheck("material")],
    )
    supporting_url = models.URLField(_("enlace al comprobante"), blank=True)

    class Meta:
        verbose_name = _("gasto")
        verbose_name_plural = _("gastos")
        ordering = ["process", "spent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="policy_expense_amount_not_negative",
                violation_error_message=_("El monto no puede ser negativo."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on:%Y-%m-%d} {self.description} ${self.amount}"

    def clean(self) -> None:
        errors = _same_process(self, "stage", self.process_id)
        if errors:
            raise ValidationError(errors)

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class Contact(TimeStampedModel):
    """Who answers for the process. Only institutional, public contact details."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("nombre o área"), max_length=200, validators=[validate_single_line])
    role = models.CharField(_("responsabilidad"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_contacts",
    )
    email = models.EmailField(_("correo público"), blank=True)
    phone = models.CharField(_("teléfono público"), max_length=40, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("contacto responsable")
        verbose_name_plural = _("contactos responsables")
        ordering = ["process", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.email and not self.phone:
            raise ValidationError({"email": _("Indique al menos un correo o un teléfono.")})

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class CommitmentSource(models.TextChoices):
    POLICY = "policy", _("La política nacional")
    DATACON = "datacon", _("Conclusiones de una DATACON")
    AGREEMENT = "agreement", _("Acuerdo de un grupo de trabajo")


class Commitment(TimeStampedModel):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="commitments")
    code = models.CharField(_("clave"), max_length=30, help_text=_("Por ejemplo: C-2021-01."))
    title = models.CharField(_("compromiso"), max_length=300)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    source = models.CharField(_("origen"), max_length=10, choices=CommitmentSource.choices)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición de la DATACON"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_commitments",
        help_text=_("Obligatoria cuando el compromiso surge de las conclusiones de una DATACON."),
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("acuerdo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    owner = models.CharField(_("responsable"), max_length=250)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_commitments",
    )
    indicator = models.CharField(_("indicador"), max_length=300)
    unit = models.CharField(_("unidad de medida"), max_length=80)
    baseline = models.DecimalField(_("línea base"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("meta"), max_digits=14, decimal_places=2)
    starts_year = models.PositiveSmallIntegerField(_("año de inicio"))
    due_on = models.DateField(_("fecha límite"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelado"), default=False)
    cancel_reason = models.TextField(_("motivo de la cancelación"), blank=True)

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["process", "starts_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "code"],
                name="policy_commitment_unique_code",
                violation_error_message=_("Ya hay un compromiso con esa clave en el proceso."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.baseline is not None and self.target is not None and self.baseline == self.target:
            errors["target"] = _("La meta debe ser distinta de la línea base.")
        if self.source == CommitmentSource.DATACON and not self.edition_id:
            errors["edition"] = _("Indique la edición de la DATACON de cuyas conclusiones surge.")
        if self.source == CommitmentSource.AGREEMENT and not self.agreement_id:
            errors["agreement"] = _("Indique el acuerdo del que surge.")
        if self.is_cancelled and not self.cancel_reason.strip():
            errors["cancel_reason"] = _("Explique por qué se cancela el compromiso.")
        if self.due_on and self.starts_year and self.due_on.year < self.starts_year:
            errors["due_on"] = _("La fecha límite no puede ser anterior al año de inicio.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_commitment",
            kwargs={"process": self.process.slug, "code": self.code},
        )

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class ProgressReport(TimeStampedModel):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="progress_reports"
    )
    reported_on = models.DateField(_("fecha de corte"))
    value = models.DecimalField(_("valor alcanzado"), max_digits=14, decimal_places=2)
    note = models.TextField(_("nota"), blank=True)
    evidence = models.TextField(
        _("evidencia"), blank=True, help_text=_("Qué documento o hecho respalda el avance.")
    )
    evidence_url = models.URLField(_("enlace a la evidencia"), blank=True)
    evidence_file = models.FileField(
        _("archivo de evidencia"),
        upload_to="politica/evidencias/",
        blank=True,
        validators=[FileCheck("material")],
    )

    class Meta:
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        ordering = ["commitment", "reported_on", "id"]
        indexes = [models.Index(fields=["commitment", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.commitment.code} {self.reported_on:%Y-%m-%d}: {self.value}"

    def clean(self) -> None:
        if not (self.evidence.strip() or self.evidence_url or self.evidence_file):
            raise ValidationError(
                {
                    "evidence": _(
                        "Todo avance necesita evidencia: una descripción, un enlace o un archivo."
                    )
                }
            )

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()


class YearAssessment(TimeStampedModel):
    """The year-end assessment the memoria asks for (seed 003)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("año"))
    summary = models.TextField(_("valoración"), help_text=_("Markdown."))
    published = models.BooleanField(_("publicada"), default=False)

    class Meta:
        verbose_name = _("valoración anual")
        verbose_name_plural = _("valoraciones anuales")
        ordering = ["process", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "year"],
                name="policy_assessment_unique_year",
                violation_error_message=_("Ya hay una valoración de ese año."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} · {self.year}"

    def public_scopes(self) -> tuple[str, ...]:
        return _policy_scopes()
