"""Documents of the policy process: versions that are never edited, and their paragraphs
with identities that survive new versions (see datacon.policy.paragraphs)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.policy.models import (
    Process,
    policy_scopes,
)


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("Estrategia")
    METHODOLOGY = "methodology", _("Metodología")
    DRAFT = "draft", _("Borrador de la política")
    ANNEX = "annex", _("Anexo")
    POLICY = "policy", _("Política aprobada")
    REPORT = "report", _("Informe")
    OTHER = "other", _("Otro")


class Document(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("título"), max_length=250)
    slug = models.SlugField(_("identificador en URL"), max_length=80, blank=True)
    kind = models.CharField(_("tipo"), max_length=12, choices=DocumentKind.choices)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    title_en = english_of(title)
    description_en = english_of(description)

    TRANSLATED_FIELDS = ("title", "description")

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
        return policy_scopes()


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
        # The pages of consultations on any version of this document say whether a
        # newer version exists.
        consulted = (
            DocumentVersion.objects.filter(
                document_id=self.document_id, consultations__isnull=False
            )
            .values_list("consultations__pk", flat=True)
            .distinct()
        )
        return (*policy_scopes(), *(versions.consultation_scope(pk) for pk in consulted))


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
