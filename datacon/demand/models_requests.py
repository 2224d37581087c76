"""Access-to-information requests: the imports that load them, the analysis runs that read
them (topics, repeated questions, candidate datasets) and the monthly figures.

Request texts are personal-data risks: `InformationRequest.text` is kept only for the
analysis and is never shown (see datacon.demand.models).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.choices import MexicanState
from datacon.demand.models import InformationNeed, Institution

# --- access-to-information requests ----------------------------------------------------------------

# The `source` of generated, fictional requests (datacon/demo/synthetic_requests.py):
# pages that show them say the figures are synthetic.
SYNTHETIC_SOURCE = "sintetica"


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

    def public_scopes(self) -> tuple[str, ...]:
        # The requests an import wrote are public (scrubbed), and so are the monthly
        # figures it refreshed: a run that loaded something changes the demand pages.
        changed = (self.created or self.updated) and not self.dry_run
        return (versions.DEMAND,) if changed and self.status != ImportStatus.RUNNING else ()


class InformationRequest(models.Model):
    """One access-to-information request, as exported by the transparency platform.

    `display_text` is the request with personal data replaced by tokens, the
    only text ever shown or exported. `text` keeps the request as filed when
    it differs (private: it held personal data), so the scrubber can be run
    again; when nothing was scrubbed it stays empty, which halves what a
    million requests weigh. `original_text` gives the request as filed.

    Requests (a million a year) and `MonthlyDemand` declare no public scopes of
    their own: they are written in bulk only by an import, an analysis or an
    institution merge, whose own records (`ImportRun`, `AnalysisRun`,
    `Institution`) declare the demand pages they change.
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

    def public_scopes(self) -> tuple[str, ...]:
        # The current run's topics, repeated questions and candidates are public.
        return (versions.DEMAND,) if self.status == AnalysisStatus.DONE else ()


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

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


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

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.DEMAND,)


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

    def public_scopes(self) -> tuple[str, ...]:
        # The public candidates list links promoted ones to their need.
        return (versions.DEMAND,)


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
