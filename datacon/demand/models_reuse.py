"""The reuse showcase: projects that reuse open data, their links and the datasets they use."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.demand.models import InformationNeed, Sector

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
    project = models.ForeignKey(
        ReuseProject,
        verbose_name=_("proyecto de reúso"),
        on_delete=models.CASCADE,
        related_name="links",
    )
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

    project = models.ForeignKey(
        ReuseProject,
        verbose_name=_("proyecto de reúso"),
        on_delete=models.CASCADE,
        related_name="datasets",
    )
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
