"""Which data to open: information needs, access-to-information requests, and reuse.

Three bodies of records that answer one question, which data should be opened first:

* the **registry of information needs** (`InformationNeed`): datasets that
  organisations and citizens ask for, who holds them, who supports them, how
  organisers and working groups triage them, the standard they should follow
  (`DataStandard`), their history (`NeedEvent`) and where they came up
  (`NeedMention`: sessions today, meetings and consultation paragraphs later);
* the **demand read from access-to-information requests** (`InformationRequest`,
  imported from the national transparency platform's exports by `ImportRun`s,
  and analysed by `AnalysisRun`s into topics, repeated questions and candidate
  datasets per institution);
* the **reuse showcase** (`ReuseProject`): apps, maps, stories and research that
  reuse open data, linked both ways with the registry.

Request texts are personal-data risks: `InformationRequest.text` is kept only
for the analysis and is never shown; pages, the API and exports use
`display_text`, which went through `datacon.demand.scrub`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.choices import Licence, MexicanState
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction


class GovernmentLevel(models.TextChoices):
    FEDERAL = "federal", _("Federal")
    STATE = "state", _("Estatal")
    MUNICIPAL = "municipal", _("Municipal")
    AUTONOMOUS = "autonomous", _("Organismo autónomo")
    SEVERAL = "several", _("Varios órdenes de gobierno")


class Sector(models.TextChoices):
    HUMAN_RIGHTS = "human_rights", _("Derechos humanos")
    HEALTH = "health", _("Salud")
    EDUCATION = "education", _("Educación")
    SECURITY = "security", _("Seguridad y justicia")
    ENVIRONMENT = "environment", _("Medio ambiente y territorio")
    PUBLIC_SPENDING = "spending", _("Presupuesto y gasto público")
    PROCUREMENT = "procurement", _("Contrataciones públicas")
    INFRASTRUCTURE = "infrastructure", _("Infraestructura y obra pública")
    SOCIAL = "social", _("Programas sociales")
    GENDER = "gender", _("Igualdad de género")
    ECONOMY = "economy", _("Economía y empleo")
    MOBILITY = "mobility", _("Movilidad y transporte")
    GOVERNMENT = "government", _("Gobierno, partidos y comunicación social")
    OTHER = "other", _("Otro")


# --- institutions that hold information -------------------------------------------------------


class Institution(TimeStampedModel):
    """A body that holds information: a "sujeto obligado" of the transparency law.

    Imports map the institution column of every request to one of these by its
    normalised name (`key`); organisers merge spellings with `InstitutionAlias`.
    """

    name = models.CharField(_("nombre"), max_length=300, validators=[validate_single_line])
    key = models.CharField(_("nombre normalizado"), max_length=300, unique=True, editable=False)
    acronym = models.CharField(
        _("siglas"), max_length=40, blank=True, validators=[validate_single_line]
    )
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    level = models.CharField(
        _("orden de gobierno"), max_length=12, choices=GovernmentLevel.choices, blank=True
    )
    state = models.CharField(
        _("entidad federativa"), max_length=2, choices=MexicanState.choices, blank=True
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organización en el directorio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demand_institutions",
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("name", "acronym")

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("public:demand_institution", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


class InstitutionAlias(models.Model):
    """Another spelling of an institution's name (exports change names between years)."""

    key = models.CharField(_("nombre normalizado"), max_length=300, unique=True)
    name = models.CharField(
        _("nombre como aparece"), max_length=300, validators=[validate_single_line]
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("institución")
    )

    class Meta:
        verbose_name = _("otro nombre de institución")
        verbose_name_plural = _("otros nombres de instituciones")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


# --- standards -------------------------------------------------------------------------------


class UpdateFrequency(models.TextChoices):
    REALTIME = "realtime", _("En tiempo real")
    DAILY = "daily", _("Diaria")
    WEEKLY = "weekly", _("Semanal")
    MONTHLY = "monthly", _("Mensual")
    QUARTERLY = "quarterly", _("Trimestral")
    YEARLY = "yearly", _("Anual")
    ON_CHANGE = "on_change", _("Cada vez que cambia")


class DataStandard(TimeStampedModel):
    """How a dataset should be published: its fields, format, update frequency and licence.

    One standard can serve several needs (e.g. the same contracts standard for
    every state), so it is a record of its own, attached to needs in triage.
    """

    name = models.CharField(_("nombre"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    fields = models.JSONField(
        _("campos"),
        default=list,
        blank=True,
        help_text=_("Lista de campos: nombre, tipo, descripción y si es obligatorio."),
    )
    data_format = models.CharField(
        _("formato"), max_length=120, help_text=_("Por ejemplo: CSV (UTF-8) y JSON.")
    )
    update_frequency = models.CharField(
        _("frecuencia de actualización"), max_length=12, choices=UpdateFrequency.choices
    )
    licence = models.CharField(
        _("licencia"), max_length=24, choices=Licence.choices, default=Licence.CC_BY_4
    )
    reference_url = models.URLField(_("documento de referencia"), blank=True, max_length=500)
    is_demo = models.BooleanField(_("registro de demostración (ficticio)"), default=False)

    class Meta:
        verbose_name = _("estándar de publicación")
        verbose_name_plural = _("estándares de publicación")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("public:demand_standard", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)

    def clean(self) -> None:
        if not isinstance(self.fields, list):
            raise ValidationError({"fields": _("Los campos deben ser una lista.")})
        for position, item in enumerate(self.fields, start=1):
            if not isinstance(item, dict) or not str(item.get("name", "")).strip():
                raise ValidationError(
                    {"fields": _("El campo %(n)s necesita un nombre.") % {"n": position}}
                )


# --- the registry of information needs ---------------------------------------------------------


class NeedStatus(models.TextChoices):
    PROPOSED = "proposed", _("Propuesta")
    ACCEPTED = "accepted", _("Aceptada como de alto valor")
    IN_PROGRESS = "in_progress", _("En proceso de apertura")
    OPENED = "opened", _("Abierta")
    DUPLICATE = "duplicate", _("Duplicada")
    REFUSED = "refused", _("No aceptada")


# Statuses that need a written reason, so the public sees why.
STATUSES_NEEDING_REASON = (NeedStatus.REFUSED, NeedStatus.DUPLICATE)
# Entries that still count as open demand (shown first, supported, exported as such).
ACTIVE_STATUSES = (
    NeedStatus.PROPOSED,
    NeedStatus.ACCEPTED,
    NeedStatus.IN_PROGRESS,
    NeedStatus.OPENED,
)


class NeedOrigin(models.TextChoices):
    PROPOSAL = "proposal", _("Propuesta en la plataforma")
    REQUESTS = "requests", _("Análisis de solicitudes de información")
    EVENT = "event", _("Sesión, reunión o consulta")
    DOCUMENT = "document", _("Documentos de la DATACON")


class InformationNeed(TimeStampedModel):
    """A dataset someone needs opened: what, why, for which rights, held by whom."""

    title = models.CharField(_("conjunto de datos que se necesita"), max_length=200)
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    description = models.TextField(
        _("qué datos"),
        help_text=_("Qué información debería contener, con qué detalle y cobertura."),
    )
    justification = models.TextField(
        _("para qué"), blank=True, help_text=_("Para qué se usaría y qué cambiaría con ella.")
    )
    rights = models.TextField(
        _("derechos o problema público"),
        blank=True,
        help_text=_("Qué derechos o qué problema público ayudaría a atender."),
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    level = models.CharField(
        _("orden de gobierno"), max_length=12, choices=GovernmentLevel.choices, blank=True
    )
    holders = models.ManyToManyField(
        Institution,
        verbose_name=_("instituciones que la tienen"),
        blank=True,
        related_name="needs",
    )
    holders_suggested = models.TextField(
        _("instituciones según quien propone"),
        blank=True,
        help_text=_("Nombres escritos por quien propone; el equipo los vincula al directorio."),
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta que propone (privado)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demand_needs",
    )
    proposer_public_name = models.CharField(
        _("firma pública"),
        max_length=160,
        blank=True,
        validators=[validate_single_line],
        help_text=_("Nombre u organización que quien propone decidió mostrar."),
    )
    origin = models.CharField(
        _("origen"), max_length=12, choices=NeedOrigin.choices, default=NeedOrigin.PROPOSAL
    )
    origin_key = models.CharField(
        _("clave del candidato de origen"), max_length=120, blank=True, db_index=True
    )
    evidence = models.TextField(
        _("evidencia"),
        blank=True,
        help_text=_("Cifras y ejemplos que la respaldan (p. ej. solicitudes repetidas)."),
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.PROPOSED
    )
    status_reason = models.TextField(_("motivo del estado"), blank=True)
    status_changed_at = models.DateTimeField(_("cambio de estado"), default=timezone.now)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicada de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    standard = models.ForeignKey(
        DataStandard,
        verbose_name=_("estándar que debe seguir"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    opened_url = models.URLField(_("dónde se publicó"), blank=True, max_length=500)
    is_hidden = models.BooleanField(_("oculta por moderación"), default=False)
    hidden_reason = models.CharField(_("motivo de moderación"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("registro de demostración (ficticio)"), default=False)
    source_note = models.CharField(
        _("fuente"), max_length=300, blank=True, help_text=_("Documento del que proviene.")
    )
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("title", "description", "justification", "rights", "holders_suggested")

    class Meta:
        verbose_name = _("necesidad de información")
        verbose_name_plural = _("necesidades de información")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("triage_informationneed", _("Puede clasificar necesidades de información")),
        ]
        indexes = [models.Index(fields=["status", "is_hidden"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:demand_need", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        # Session and edition pages show the needs that came up there.
        return (versions.DEMAND, versions.CONFERENCE)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.status in STATUSES_NEEDING_REASON and not self.status_reason.strip():
            errors["status_reason"] = _("Explique el motivo: se muestra públicamente.")
        if self.status == NeedStatus.DUPLICATE:
            if self.duplicate_of_id is None:
                errors["duplicate_of"] = _("Indique de qué necesidad es duplicada.")
            elif self.duplicate_of_id == self.pk:
                errors["duplicate_of"] = _("Una necesidad no puede ser duplicada de sí misma.")
        elif self.duplicate_of_id is not None:
            errors["duplicate_of"] = _("Solo una necesidad duplicada apunta a otra.")
        if self.status == NeedStatus.OPENED and not self.opened_url:
            errors["opened_url"] = _("Indique dónde se publicaron los datos.")
        if errors:
            raise ValidationError(errors)


class NeedSupport(models.Model):
    """One account supports one need (at most once)."""

    need = models.ForeignKey(InformationNeed, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demand_supports"
    )
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("apoyo a una necesidad")
        verbose_name_plural = _("apoyos a necesidades")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="demand_support_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.need_id}:{self.user_id}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


class NeedEventKind(models.TextChoices):
    CREATED = "created", _("Necesidad registrada")
    PROMOTED = "promoted", _("Propuesta a partir de solicitudes de información")
    EDITED = "edited", _("Descripción actualizada")
    STATUS = "status", _("Cambio de estado")
    STANDARD = "standard", _("Estándar asignado")
    HOLDERS = "holders", _("Instituciones actualizadas")
    MENTION = "mention", _("Vinculada a donde se discutió")
    SUPPORTS_MERGED = "merged", _("Apoyos sumados de una duplicada")
    HIDDEN = "hidden", _("Ocultada por moderación")
    SHOWN = "shown", _("Visible de nuevo")


PUBLIC_EVENT_KINDS = (
    NeedEventKind.CREATED,
    NeedEventKind.PROMOTED,
    NeedEventKind.EDITED,
    NeedEventKind.STATUS,
    NeedEventKind.STANDARD,
    NeedEventKind.HOLDERS,
    NeedEventKind.MENTION,
    NeedEventKind.SUPPORTS_MERGED,
)


class NeedEvent(models.Model):
    """The public history of a need (who did it stays in the audit log, not here)."""

    need = models.ForeignKey(InformationNeed, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("fecha"), default=timezone.now)
    kind = models.CharField(_("tipo"), max_length=12, choices=NeedEventKind.choices)
    from_status = models.CharField(
        _("estado anterior"), max_length=12, choices=NeedStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("estado nuevo"), max_length=12, choices=NeedStatus.choices, blank=True
    )
    note = models.TextField(_("nota"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("evento de una necesidad")
        verbose_name_plural = _("historial de necesidades")
        ordering = ["need", "at", "id"]

    def __str__(self) -> str:
        return f"{self.need_id} · {self.get_kind_display()}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


class NeedMention(models.Model):
    """Where a need came up: a session today; a meeting or a consultation paragraph later.

    A generic link (content type + id) so the policy and consultation records
    can be linked without a schema change: each linkable model registers how
    to show itself publicly in `datacon.demand.mentions`.
    """

    need = models.ForeignKey(InformationNeed, on_delete=models.CASCADE, related_name="mentions")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("qué se dijo"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("mención")
        verbose_name_plural = _("menciones")
        ordering = ["need", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "content_type", "object_id"], name="demand_mention_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.need_id} → {self.content_type_id}:{self.object_id}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND, versions.CONFERENCE)


class DemandAction(AuditAction):
    """Audit actions of the demand capability beyond plain create/update/delete."""

    NEED_PROPOSE = "informationneed.propose"
    NEED_CREATE = "informationneed.create"
    NEED_STATUS = "informationneed.status"
    NEED_STANDARD = "informationneed.standard"
    NEED_HOLDERS = "informationneed.holders"
    NEED_HIDE = "informationneed.hide"
    NEED_SHOW = "informationneed.show"
    NEED_PROMOTE = "informationneed.promote"
    NEED_DUPLICATES_REPOINT = "informationneed.duplicates_repoint"
    SUPPORTS_MERGE = "needsupport.merge"
    CANDIDATE_PROMOTE = "datasetcandidate.promote"
    INSTITUTION_MERGE = "institution.merge"
    REQUESTS_IMPORT = "informationrequest.import"
    REQUESTS_IMPORT_CHUNK = "informationrequest.import_chunk"
    REQUESTS_ANALYSE = "informationrequest.analyse"
    ANALYSIS_STORE = "analysisrun.store"
    ANALYSIS_FAIL = "analysisrun.fail"
    MONTHLY_REFRESH = "monthlydemand.refresh"
    PERSONAL_DATA_ERASE = "demand.personal_data.erase"


# Requests, their analysis and the reuse showcase live in their own modules; every
# model is still importable from here.
from datacon.demand.models_requests import AnalysisRun as AnalysisRun  # noqa: E402
from datacon.demand.models_requests import AnalysisStatus as AnalysisStatus  # noqa: E402
from datacon.demand.models_requests import CandidateKind as CandidateKind  # noqa: E402
from datacon.demand.models_requests import DatasetCandidate as DatasetCandidate  # noqa: E402
from datacon.demand.models_requests import DemandDimension as DemandDimension  # noqa: E402
from datacon.demand.models_requests import ImportRun as ImportRun  # noqa: E402
from datacon.demand.models_requests import ImportStatus as ImportStatus  # noqa: E402
from datacon.demand.models_requests import InformationRequest as InformationRequest  # noqa: E402
from datacon.demand.models_requests import MonthlyDemand as MonthlyDemand  # noqa: E402
from datacon.demand.models_requests import RepeatedQuestion as RepeatedQuestion  # noqa: E402
from datacon.demand.models_requests import RequestTopic as RequestTopic  # noqa: E402
from datacon.demand.models_reuse import ReuseDataset as ReuseDataset  # noqa: E402
from datacon.demand.models_reuse import ReuseKind as ReuseKind  # noqa: E402
from datacon.demand.models_reuse import ReuseLink as ReuseLink  # noqa: E402
from datacon.demand.models_reuse import ReuseProject as ReuseProject  # noqa: E402
