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
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.editions.models import Edition, validate_timezone
from datacon.people.models import Organisation, Person


def policy_scopes() -> tuple[str, ...]:
    return (versions.POLICY,)


def person_and_organisation(person: Person | None, organisation: Organisation | None) -> str:
    if person is not None and organisation is not None:
        return f"{person.public_name} ({organisation.short_name})"
    if person is not None:
        return person.public_name
    return str(organisation) if organisation is not None else ""


def same_process_errors(record: Any, field: str, process_id: int | None) -> dict[str, Any]:
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

    title_en = english_of(title)
    summary_en = english_of(summary)

    TRANSLATED_FIELDS = ("title", "summary")

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
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="goals"
    )
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
        return policy_scopes()


class EditionRelation(models.TextChoices):
    ORIGIN = "origin", _("Dio origen al proceso")
    INPUT = "input", _("Aportó insumos al proceso")
    FOLLOW_UP = "follow_up", _("Dio seguimiento a la política")


class ProcessEdition(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="edition_links"
    )
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
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="stages"
    )
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
        return policy_scopes()

    def state_on(self, day: dt.date) -> str:
        if day < self.starts_on:
            return StageState.UPCOMING
        if self.ends_on is not None and day > self.ends_on:
            return StageState.DONE
        return StageState.CURRENT


class Milestone(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="milestones"
    )
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
        return policy_scopes()


class GroupKind(models.TextChoices):
    STEERING = "steering", _("Grupo impulsor")
    TECHNICAL = "technical", _("Grupo técnico")
    SPECIALISED = "specialised", _("Grupo especializado")
    OTHER = "other", _("Otro")


class Group(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="groups"
    )
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
        return policy_scopes()


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinación")
    MEMBER = "member", _("Integrante")
    TECHNICAL_LIAISON = "technical_liaison", _("Enlace técnico")
    SECRETARIAT = "secretariat", _("Secretaría técnica")
    OBSERVER = "observer", _("Observación")


class Membership(TimeStampedModel):
    group = models.ForeignKey(
        Group,
        verbose_name=_("grupo de trabajo"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
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
        return person_and_organisation(self.person, self.organisation)

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
        return policy_scopes()


class PolicyAction(AuditAction):
    """Audit actions of the policy process beyond plain create/update/delete."""

    MEMBERSHIP_END = "membership.end"
    AGREEMENT_PENDING = "agreement.status.pending"
    AGREEMENT_IN_PROGRESS = "agreement.status.in_progress"
    AGREEMENT_DONE = "agreement.status.done"
    AGREEMENT_CANCELLED = "agreement.status.cancelled"
    VERSION_PUBLISH = "documentversion.publish"
    VERSION_PARAGRAPHS = "documentversion.paragraphs"
    PARAGRAPH_IDENTITIES = "paragraphidentity.create_many"
    PARAGRAPHS = "paragraph.create_many"


# Sub-domains in their own modules (meetings, documents, accountability); every
# model is still importable from here.
from datacon.policy.models_accountability import Commitment as Commitment  # noqa: E402
from datacon.policy.models_accountability import CommitmentSource as CommitmentSource  # noqa: E402
from datacon.policy.models_accountability import Contact as Contact  # noqa: E402
from datacon.policy.models_accountability import Expense as Expense  # noqa: E402
from datacon.policy.models_accountability import ExpenseConcept as ExpenseConcept  # noqa: E402
from datacon.policy.models_accountability import ProgressReport as ProgressReport  # noqa: E402
from datacon.policy.models_accountability import YearAssessment as YearAssessment  # noqa: E402
from datacon.policy.models_documents import Document as Document  # noqa: E402
from datacon.policy.models_documents import DocumentKind as DocumentKind  # noqa: E402
from datacon.policy.models_documents import DocumentVersion as DocumentVersion  # noqa: E402
from datacon.policy.models_documents import Paragraph as Paragraph  # noqa: E402
from datacon.policy.models_documents import ParagraphIdentity as ParagraphIdentity  # noqa: E402
from datacon.policy.models_documents import ParagraphKind as ParagraphKind  # noqa: E402
from datacon.policy.models_meetings import OPEN_AGREEMENT_STATUSES as OPEN_AGREEMENT_STATUSES  # noqa: E402
from datacon.policy.models_meetings import Agreement as Agreement  # noqa: E402
from datacon.policy.models_meetings import AgreementStatus as AgreementStatus  # noqa: E402
from datacon.policy.models_meetings import Attendance as Attendance  # noqa: E402
from datacon.policy.models_meetings import AttendanceStatus as AttendanceStatus  # noqa: E402
from datacon.policy.models_meetings import Meeting as Meeting  # noqa: E402
from datacon.policy.models_meetings import MeetingAttachment as MeetingAttachment  # noqa: E402
from datacon.policy.models_meetings import MeetingKind as MeetingKind  # noqa: E402
from datacon.policy.models_meetings import MeetingStatus as MeetingStatus  # noqa: E402
