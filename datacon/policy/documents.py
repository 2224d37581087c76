"""Reads of the policy's documents: their public versions, paragraphs and what changed
between two versions (see datacon.policy.paragraphs for the paragraph identities)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max
from django.http import Http404

from datacon.policy import paragraphs as text
from datacon.policy.models import (
    Document,
    DocumentVersion,
    Paragraph,
    Process,
)

# --- documents -------------------------------------------------------------------------------------------


def documents_public(*, process: Process) -> list[Document]:
    return list(
        process.documents.annotate(
            latest_number=Max("versions__number"),
            version_total=Count("versions"),
            latest_at=Max("versions__published_at"),
        ).order_by("order", "title")
    )


def document_get_public(*, process: Process, slug: str) -> Document:
    document = process.documents.filter(slug=slug).first()
    if document is None:
        raise Http404("Documento no encontrado")
    return document


def document_versions(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.annotate(paragraph_total=Count("paragraphs")).order_by("-number"))


def version_get(*, document: Document, number: int | None = None) -> DocumentVersion:
    versions = document.versions.order_by("-number")
    version = versions.filter(number=number).first() if number else versions.first()
    if version is None:
        raise Http404("Versión no encontrada")
    return version


def version_paragraphs(*, version: DocumentVersion) -> list[Paragraph]:
    return list(
        Paragraph.objects.filter(version=version).select_related("identity").order_by("position")
    )


def _diff_sides(version: DocumentVersion) -> list[text.DiffSide]:
    return [
        text.DiffSide(
            identity_id=identity_id,
            anchor=anchor,
            kind=kind,
            number=number,
            plain_text=plain_text,
            html=html,
        )
        for identity_id, anchor, kind, number, plain_text, html in Paragraph.objects.filter(
            version=version
        )
        .order_by("position")
        .values_list("identity_id", "identity__anchor", "kind", "number", "plain_text", "html")
    ]


@dataclass
class VersionComparison:
    old: DocumentVersion
    new: DocumentVersion
    rows: list[text.DiffRow]

    def total(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def added(self) -> int:
        return self.total("added")

    @property
    def removed(self) -> int:
        return self.total("removed")

    @property
    def changed(self) -> int:
        return self.total("changed")

    @property
    def unchanged(self) -> int:
        return self.total("unchanged")


def versions_compare(*, old: DocumentVersion, new: DocumentVersion) -> VersionComparison:
    return VersionComparison(
        old=old, new=new, rows=text.version_diff(_diff_sides(old), _diff_sides(new))
    )
