"""The memoria of an edition: what organisers write after it, and the figures they report.

Everything else a memoria shows (sessions by type, people, organisations,
parity, materials) is computed from the conference data at read time, so the
memoria can never disagree with the program. What cannot be computed is kept
here: the narrative sections, and the figures published in a source document
(for 2021, "70 personas panelistas... más de 2 mil 500 personas asistentes"),
each with the source it comes from.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.models import TimeStampedModel
from datacon.common.write import AuditAction
from datacon.editions.models import Edition


class MemoriaAction(AuditAction):
    """Audit actions of the memoria (values kept from the audit log's history)."""

    PUBLISH = "memoria.publish"
    UNPUBLISH = "memoria.unpublish"
    SECTION_SAVE = "memoria.section.save"
    SECTION_DELETE = "memoria.section.delete"
    FIGURE_SAVE = "memoria.figure.save"
    FIGURE_DELETE = "memoria.figure.delete"


class MemoriaStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    PUBLISHED = "published", _("Publicada")


class Memoria(TimeStampedModel):
    edition = models.OneToOneField(
        Edition, verbose_name=_("edición"), on_delete=models.CASCADE, related_name="memoria"
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=MemoriaStatus.choices, default=MemoriaStatus.DRAFT
    )
    published_on = models.DateField(
        _("fecha de publicación"),
        null=True,
        blank=True,
        help_text=_("Aparece en la portada del PDF. Se fija al publicar si está vacía."),
    )
    subtitle = models.CharField(
        _("subtítulo de la portada"), max_length=200, blank=True, default=""
    )
    subtitle_en = english_of(subtitle)

    TRANSLATED_FIELDS = ("subtitle",)

    class Meta:
        verbose_name = _("memoria")
        verbose_name_plural = _("memorias")
        ordering = ["-edition__year"]

    def __str__(self) -> str:
        return str(_("Memoria de %(edition)s") % {"edition": self.edition.title})

    def get_absolute_url(self) -> str:
        return reverse("public:memoria", kwargs={"edition": self.edition.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)

    @property
    def is_published(self) -> bool:
        return self.status == MemoriaStatus.PUBLISHED


class SectionKind(models.TextChoices):
    # In reading order; the memoria shows them in this order.
    BACKGROUND = "background", _("Antecedentes")
    GOALS = "goals", _("Propuesta y objetivos")
    CRITERIA = "criteria", _("Criterios generales")
    DEVELOPMENT = "development", _("Desarrollo de la edición")
    CONCLUSIONS = "conclusions", _("Conclusiones")
    AGREEMENTS = "agreements", _("Acuerdos y siguientes pasos")
    ACKNOWLEDGEMENTS = "acknowledgements", _("Agradecimientos")


SECTION_ORDER = [kind for kind, _label in SectionKind.choices]


class MemoriaSection(TimeStampedModel):
    memoria = models.ForeignKey(
        Memoria, verbose_name=_("memoria"), on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(_("sección"), max_length=20, choices=SectionKind.choices)
    title = models.CharField(
        _("título"), max_length=200, blank=True, help_text=_("Vacío: el nombre de la sección.")
    )
    body = models.TextField(_("texto"), blank=True, help_text=_("Markdown."))
    title_en = english_of(title)
    body_en = english_of(body)

    TRANSLATED_FIELDS = ("title", "body")

    class Meta:
        verbose_name = _("sección de la memoria")
        verbose_name_plural = _("secciones de la memoria")
        ordering = ["memoria", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["memoria", "kind"],
                name="memoria_section_unique_kind",
                violation_error_message=_("La memoria ya tiene esa sección."),
            )
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def position(self) -> int:
        return SECTION_ORDER.index(self.kind) if self.kind in SECTION_ORDER else len(SECTION_ORDER)

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class FigureKey(models.TextChoices):
    SESSIONS = "sessions", _("Sesiones")
    PANELISTS = "panelists", _("Personas panelistas")
    SPEAKERS = "speakers", _("Personas ponentes")
    MODERATORS = "moderators", _("Personas moderadoras")
    CO_CONVENERS = "co_conveners", _("Organizaciones co-convocantes")
    ATTENDEES = "attendees", _("Personas asistentes")
    ATTENDEES_ONLINE = "attendees_online", _("Personas asistentes en línea")
    ATTENDEES_IN_PERSON = "attendees_in_person", _("Personas asistentes presenciales")
    REGISTERED = "registered", _("Personas registradas")
    VENUES = "venues", _("Sedes")
    PANELS = "panels", _("Paneles")
    WORKSHOPS = "workshops", _("Talleres")
    CONFERENCES = "conferences", _("Conferencias")
    PROPOSALS = "proposals", _("Propuestas recibidas")


class FigureQualifier(models.TextChoices):
    EXACT = "exact", _("exacta")
    MORE_THAN = "more_than", _("más de")
    ABOUT = "about", _("aproximadamente")


class ReportedFigure(TimeStampedModel):
    """A figure published in a document (memoria, press release), not computed here."""

    memoria = models.ForeignKey(
        Memoria, verbose_name=_("memoria"), on_delete=models.CASCADE, related_name="figures"
    )
    key = models.CharField(_("indicador"), max_length=24, choices=FigureKey.choices)
    value = models.PositiveIntegerField(_("valor"))
    qualifier = models.CharField(
        _("precisión"), max_length=12, choices=FigureQualifier.choices, default="exact"
    )
    source = models.CharField(
        _("fuente"),
        max_length=300,
        help_text=_("Documento del que proviene la cifra, p. ej. «Memoria del evento 2021»."),
    )
    source_url = models.URLField(_("enlace a la fuente"), blank=True, max_length=500)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("cifra reportada")
        verbose_name_plural = _("cifras reportadas")
        ordering = ["memoria", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["memoria", "key"],
                name="reported_figure_unique_key",
                violation_error_message=_("Esa cifra ya está registrada en la memoria."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.display_value}"

    @property
    def position(self) -> int:
        keys = [key for key, _label in FigureKey.choices]
        return keys.index(self.key) if self.key in keys else len(keys)

    @property
    def display_value(self) -> str:
        number = f"{self.value:,}"
        if self.qualifier == FigureQualifier.MORE_THAN:
            return str(_("más de %(n)s") % {"n": number})
        if self.qualifier == FigureQualifier.ABOUT:
            return str(_("aprox. %(n)s") % {"n": number})
        return number

    def clean(self) -> None:
        if not self.source.strip():
            raise ValidationError({"source": _("Indique de dónde proviene la cifra.")})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)
