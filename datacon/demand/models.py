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


# --- access-to-information requests ----------------------------------------------------------------


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("En curso")
    DONE = "done", _("Terminada")
    REFUSED = "refused", _("Rechazada (encabezados)")
    FAILED = "failed", _("Interrumpida")


class ImportRun(models.Model):
    """One import of a request export: what was read, loaded, updated and skipped (and why)."""

    source = models.CharField(_("fuente"), max_length=20, default="pnt")
    file_name = models.CharField(_("archivo"), max_length=300)
    file_size = models.BigIntegerField(_("tamaño (bytes)"), default=0)
    file_sha256 = models.CharField(_("huella SHA-256"), max_length=64, blank=True)
    encoding = models.CharField(_("codificación"), max_length=40, blank=True)
    columns = models.JSONField(_("columnas reconocidas"), default=dict, blank=True)
    ignored_columns = models.JSONField(_("columnas ignoradas"), default=list, blank=True)
    dry_run = models.BooleanField(_("solo revisión"), default=False)
    status = models.CharField(
        _("estado"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    message = models.TextField(_("mensaje"), blank=True)
    started_at = models.DateTimeField(_("inicio"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("filas leídas"), default=0)
    created = models.PositiveIntegerField(_("nuevas"), default=0)
    updated = models.PositiveIntegerField(_("actualizadas"), default=0)
    unchanged = models.PositiveIntegerField(_("sin cambios"), default=0)
    skipped = models.PositiveIntegerField(_("omitidas"), default=0)
    skipped_rows = models.JSONField(_("filas omitidas"), default=list, blank=True)
    updated_rows = models.JSONField(_("filas actualizadas"), default=list, blank=True)
    warnings = models.JSONField(_("avisos"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("importación de solicitudes")
        verbose_name_plural = _("importaciones de solicitudes")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def loaded(self) -> int:
        return self.created + self.updated

    @property
    def skipped_rows_truncated(self) -> bool:
        return self.skipped > len(self.skipped_rows)


class InformationRequest(models.Model):
    """One access-to-information request, as exported by the transparency platform.

    `display_text` is the request with personal data replaced by tokens, the
    only text ever shown or exported. `text` keeps the request as filed when
    it differs (private: it held personal data), so the scrubber can be run
    again; when nothing was scrubbed it stays empty, which halves what a
    million requests weigh. `original_text` gives the request as filed.
    """

    source = models.CharField(_("fuente"), max_length=20, default="pnt")
    folio = models.CharField(_("folio"), max_length=40)
    filed_on = models.DateField(_("fecha de solicitud"))
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("institución"),
    )
    state = models.CharField(
        _("entidad federativa"), max_length=2, choices=MexicanState.choices, blank=True
    )
    status = models.CharField(_("estatus"), max_length=80, blank=True)
    response = models.CharField(_("respuesta"), max_length=200, blank=True)
    answered = models.BooleanField(_("con respuesta"), default=False)
    text = models.TextField(
        _("texto original (privado)"),
        blank=True,
        help_text=_("Solo cuando difiere del texto sin datos personales."),
    )
    display_text = models.TextField(_("texto sin datos personales"))
    topic_number = models.SmallIntegerField(_("tema"), null=True, blank=True)
    row_hash = models.BigIntegerField(_("huella de la fila"))

    class Meta:
        verbose_name = _("solicitud de información")
        verbose_name_plural = _("solicitudes de información")
        constraints = [
            models.UniqueConstraint(fields=["source", "folio"], name="demand_request_folio_once")
        ]
        indexes = [models.Index(fields=["institution", "filed_on"])]

    def __str__(self) -> str:
        return self.folio

    @property
    def original_text(self) -> str:
        return self.text or self.display_text


# --- analysis results --------------------------------------------------------------------------------


class AnalysisStatus(models.TextChoices):
    RUNNING = "running", _("En curso")
    DONE = "done", _("Terminado")
    FAILED = "failed", _("Interrumpido")


class AnalysisRun(models.Model):
    """One run of the topic, near-duplicate and candidate analysis. Only the current one is public."""

    started_at = models.DateTimeField(_("inicio"), default=timezone.now)
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.RUNNING
    )
    is_current = models.BooleanField(_("vigente"), default=False)
    parameters = models.JSONField(_("parámetros"), default=dict, blank=True)
    requests_analysed = models.PositiveIntegerField(_("solicitudes analizadas"), default=0)
    vocabulary_size = models.PositiveIntegerField(_("vocabulario"), default=0)
    topics_count = models.PositiveIntegerField(_("temas"), default=0)
    groups_count = models.PositiveIntegerField(_("grupos de preguntas repetidas"), default=0)
    candidates_count = models.PositiveIntegerField(_("candidatos"), default=0)
    timings = models.JSONField(_("tiempos (s)"), default=dict, blank=True)
    message = models.TextField(_("mensaje"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("análisis de solicitudes")
        verbose_name_plural = _("análisis de solicitudes")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.get_status_display()}"


class RequestTopic(models.Model):
    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="topics")
    number = models.PositiveSmallIntegerField(_("número"))
    label = models.CharField(_("nombre"), max_length=200)
    terms = models.JSONField(_("términos principales"), default=list)
    size = models.PositiveIntegerField(_("solicitudes"), default=0)
    examples = models.JSONField(_("ejemplos (sin datos personales)"), default=list)

    class Meta:
        verbose_name = _("tema de las solicitudes")
        verbose_name_plural = _("temas de las solicitudes")
        ordering = ["run", "-size", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="demand_topic_number_once")
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("public:demand_topic", kwargs={"number": self.number})


class RepeatedQuestion(models.Model):
    """Near-duplicate requests sent to the same institution again and again."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="repeated")
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="repeated_questions"
    )
    size = models.PositiveIntegerField(_("solicitudes"))
    months = models.PositiveIntegerField(_("meses distintos"))
    first_filed_on = models.DateField(_("primera"))
    last_filed_on = models.DateField(_("última"))
    topic_number = models.SmallIntegerField(_("tema"), null=True, blank=True)
    text = models.TextField(_("pregunta representativa (sin datos personales)"))
    examples = models.JSONField(_("ejemplos (sin datos personales)"), default=list)
    folios = models.JSONField(_("folios (muestra)"), default=list)

    class Meta:
        verbose_name = _("pregunta repetida")
        verbose_name_plural = _("preguntas repetidas")
        ordering = ["run", "-size", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CandidateKind(models.TextChoices):
    REPEATED = "repeated", _("Pregunta repetida")
    TOPIC = "topic", _("Tema concentrado en la institución")


class DatasetCandidate(models.Model):
    """A dataset an institution could publish proactively, ranked from its requests."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="candidates")
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="candidates"
    )
    kind = models.CharField(_("tipo"), max_length=10, choices=CandidateKind.choices)
    key = models.CharField(_("clave estable"), max_length=120, db_index=True)
    rank = models.PositiveIntegerField(_("lugar en la institución"))
    score = models.FloatField(_("puntaje"))
    title = models.CharField(_("conjunto sugerido"), max_length=200)
    terms = models.JSONField(_("términos"), default=list)
    requests = models.PositiveIntegerField(_("solicitudes"))
    repeated = models.PositiveIntegerField(_("solicitudes casi idénticas"), default=0)
    months = models.PositiveIntegerField(_("meses con solicitudes"), default=0)
    topic_number = models.SmallIntegerField(_("tema"), null=True, blank=True)
    repeated_question = models.OneToOneField(
        RepeatedQuestion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="candidate",
    )
    examples = models.JSONField(_("ejemplos (sin datos personales)"), default=list)
    promoted_need = models.ForeignKey(
        InformationNeed,
        verbose_name=_("necesidad creada"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )

    class Meta:
        verbose_name = _("conjunto de datos candidato")
        verbose_name_plural = _("conjuntos de datos candidatos")
        ordering = ["run", "-score", "id"]

    def __str__(self) -> str:
        return self.title


class DemandDimension(models.TextChoices):
    TOTAL = "total", _("Total")
    INSTITUTION = "institution", _("Institución")
    STATE = "state", _("Entidad federativa")
    TOPIC = "topic", _("Tema")


class MonthlyDemand(models.Model):
    """Requests per month, per institution, state and topic: the figures pages and exports read.

    Recomputed from the requests after each import and analysis, so pages never
    scan a million requests to draw a chart.
    """

    dimension = models.CharField(max_length=12, choices=DemandDimension.choices)
    key = models.CharField(max_length=40)
    month = models.DateField()
    requests = models.PositiveIntegerField()
    answered = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("demanda mensual")
        verbose_name_plural = _("demanda mensual")
        ordering = ["dimension", "key", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "key", "month"], name="demand_monthly_cell_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.key}:{self.month:%Y-%m}={self.requests}"


# --- reuse showcase ------------------------------------------------------------------------------------


class ReuseKind(models.TextChoices):
    APP = "app", _("Aplicación")
    MAP = "map", _("Mapa")
    STORY = "story", _("Historia o periodismo de datos")
    RESEARCH = "research", _("Investigación")
    PLATFORM = "platform", _("Plataforma o iniciativa de apertura")


class ReuseProject(TimeStampedModel):
    """A project that reuses open data, where it was presented, and which data it uses."""

    title = models.CharField(_("título"), max_length=200)
    slug = models.SlugField(_("identificador en URL"), max_length=80, unique=True, blank=True)
    kind = models.CharField(_("tipo"), max_length=10, choices=ReuseKind.choices)
    summary = models.CharField(_("resumen"), max_length=300)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    team = models.TextField(
        _("equipo"),
        blank=True,
        help_text=_("Nombres públicos u organizaciones, uno por línea."),
    )
    organisations = models.ManyToManyField(
        "people.Organisation",
        verbose_name=_("organizaciones del directorio"),
        blank=True,
        related_name="reuse_projects",
    )
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición donde se presentó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reuse_projects",
    )
    session = models.ForeignKey(
        "program.Session",
        verbose_name=_("sesión donde se presentó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reuse_projects",
    )
    is_published = models.BooleanField(_("publicado"), default=True)
    is_demo = models.BooleanField(_("registro de demostración (ficticio)"), default=False)
    source_note = models.CharField(_("fuente"), max_length=300, blank=True)
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_FIELDS = ("title", "summary", "description", "team")

    class Meta:
        verbose_name = _("proyecto de reutilización")
        verbose_name_plural = _("proyectos de reutilización")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("public:demand_project", kwargs={"slug": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        # Edition pages list the projects presented there.
        return (versions.DEMAND, versions.CONFERENCE)

    @property
    def team_members(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]

    def clean(self) -> None:
        session = self.session if self.session_id else None
        if session is None:
            return
        if self.edition_id and session.edition_id != self.edition_id:
            raise ValidationError({"session": _("La sesión pertenece a otra edición.")})
        if not self.edition_id:
            self.edition_id = session.edition_id


class ReuseLink(models.Model):
    project = models.ForeignKey(ReuseProject, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("texto del enlace"), max_length=120)
    url = models.URLField(_("dirección"), max_length=500)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("enlace")
        verbose_name_plural = _("enlaces")
        ordering = ["project", "order", "id"]

    def __str__(self) -> str:
        return self.label

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


class ReuseDataset(models.Model):
    """A dataset a project uses: an entry of the registry, an external dataset, or both."""

    project = models.ForeignKey(ReuseProject, on_delete=models.CASCADE, related_name="datasets")
    need = models.ForeignKey(
        InformationNeed,
        verbose_name=_("necesidad del registro"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    title = models.CharField(_("conjunto de datos"), max_length=200, blank=True)
    url = models.URLField(_("dirección del conjunto"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("conjunto de datos usado")
        verbose_name_plural = _("conjuntos de datos usados")
        ordering = ["project", "order", "id"]

    def __str__(self) -> str:
        need = self.need if self.need_id else None
        return self.title or (need.title if need is not None else self.url)

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND, versions.CONFERENCE)

    def clean(self) -> None:
        if not self.need_id and not self.url:
            raise ValidationError(
                _("Elija una necesidad del registro o escriba la dirección del conjunto de datos.")
            )
        if self.url and not self.title and not self.need_id:
            raise ValidationError({"title": _("Dé un nombre al conjunto de datos externo.")})
