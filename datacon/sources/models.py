"""Sources as data: where each public fact about a real edition or the policy comes from.

A `Source` is a document (press article, official page, seed document) with its
URL, title, publisher and date. A `SourcedFact` is one public statement in
Spanish (optionally in English too) about a real edition, the policy process, a
session or a milestone, with the source that supports it, the short quote
that supports it, and, when the source leaves room for doubt, an `uncertain`
flag with the reason ("dato no confirmado: ...").

The seed documents (the platform's founding sources, named in
datacon/sources/editions_record.py) are sources too, flagged `is_seed`: a record with no
sourced fact of its own is shown as coming from them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.editions.models import Edition
from datacon.policy.models import Milestone, Process
from datacon.program.models import Session


class SourcesAction(AuditAction):
    """Audit actions of the sources of the public record."""

    SOURCE_LOAD = "source.load"
    FACT_LOAD = "sourcedfact.load"


def validate_partial_date(value: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD: the precision the source gives, no more."""
    import re

    if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValidationError(_("Use AAAA, AAAA-MM o AAAA-MM-DD."))


class SourceKind(models.TextChoices):
    SEED = "seed", _("Documento semilla de la plataforma")
    PRESS = "press", _("Nota de prensa o artículo")
    OFFICIAL = "official", _("Página o documento oficial")
    DOCUMENT = "document", _("Documento publicado")
    OTHER = "other", _("Otra")


class Source(TimeStampedModel):
    key = models.SlugField(_("clave"), max_length=80, unique=True)
    kind = models.CharField(_("tipo"), max_length=10, choices=SourceKind.choices)
    title = models.CharField(_("título"), max_length=300, validators=[validate_single_line])
    publisher = models.CharField(_("quién lo publica"), max_length=200, blank=True)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    published = models.CharField(
        _("fecha de publicación"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("AAAA, AAAA-MM o AAAA-MM-DD, según lo que dé la fuente."),
    )

    class Meta:
        verbose_name = _("fuente")
        verbose_name_plural = _("fuentes")
        ordering = ["kind", "published", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_seed(self) -> bool:
        return self.kind == SourceKind.SEED

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE, versions.POLICY)


class FactCategory(models.TextChoices):
    GENERAL = "general", _("General")
    ORGANISERS = "organisers", _("Organización")
    DATES = "dates", _("Fechas")
    VENUES = "venues", _("Sedes")
    FIGURES = "figures", _("Cifras")
    SESSION = "session", _("Sesión")
    ROLE = "role", _("Papel público de una persona")
    OUTCOMES = "outcomes", _("Resultados")
    DOCUMENTS = "documents", _("Documentos")
    MILESTONE = "milestone", _("Hito de la política")
    CONTEXT = "context", _("Contexto")


class SourcedFactQuerySet(models.QuerySet["SourcedFact"]):
    def with_source(self) -> SourcedFactQuerySet:
        return self.select_related("source", "edition", "session", "milestone")


class SourcedFact(TimeStampedModel):
    key = models.SlugField(_("clave"), max_length=80, unique=True)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sourced_facts",
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("proceso de política pública"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sourced_facts",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("sesión"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sourced_facts",
        help_text=_("La sesión de la que trata el dato, si ya está en el programa."),
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("hito"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sourced_facts",
    )
    category = models.CharField(_("categoría"), max_length=12, choices=FactCategory.choices)
    on_date = models.CharField(
        _("fecha del hecho"),
        max_length=10,
        blank=True,
        validators=[validate_partial_date],
        help_text=_("AAAA, AAAA-MM o AAAA-MM-DD."),
    )
    text = models.TextField(_("dato"))
    text_en = models.TextField(_("dato en inglés"), blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("fuente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facts",
        help_text=_("Vacía: el dato proviene de los documentos semilla."),
    )
    quote = models.CharField(_("cita breve de la fuente"), max_length=300, blank=True)
    uncertain = models.BooleanField(_("dato no confirmado"), default=False)
    uncertain_why = models.CharField(_("por qué no está confirmado"), max_length=400, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    objects = SourcedFactQuerySet.as_manager()

    class Meta:
        verbose_name = _("dato con fuente")
        verbose_name_plural = _("datos con fuente")
        ordering = ["edition__year", "process", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uncertain=False) | ~models.Q(uncertain_why=""),
                name="sources_fact_uncertain_has_reason",
                violation_error_message=_("Diga por qué el dato no está confirmado."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.uncertain and not self.uncertain_why.strip():
            errors["uncertain_why"] = str(_("Diga por qué el dato no está confirmado."))
        if (
            self.session is not None
            and self.edition_id
            and self.session.edition_id != self.edition_id
        ):
            errors["session"] = str(_("La sesión pertenece a otra edición."))
        if errors:
            raise ValidationError(errors)

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE, versions.POLICY)
