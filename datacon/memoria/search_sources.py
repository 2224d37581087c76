"""What the memoria makes searchable: the published memorias of public editions."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.editions.models import PUBLIC_EDITION_STATUSES
from datacon.memoria.models import Memoria, MemoriaStatus
from datacon.search.registry import SearchItem, SearchSource, search_source_register


def memoria_documents() -> Iterator[SearchItem]:
    memorias = (
        Memoria.objects.filter(
            status=MemoriaStatus.PUBLISHED, edition__status__in=PUBLIC_EDITION_STATUSES
        )
        .select_related("edition")
        .prefetch_related("sections")
        .order_by("id")
    )
    for memoria in memorias:
        sections = " ".join(f"{s.heading} {s.body}" for s in memoria.sections.all())
        english = " ".join(
            f"{s.title_en} {s.body_en}" for s in memoria.sections.all() if s.title_en or s.body_en
        )
        yield SearchItem(
            key=str(memoria.pk),
            title=str(memoria),
            url=reverse("public:memoria", args=[memoria.edition.slug]),
            body=" ".join(part for part in (memoria.subtitle, sections) if part),
            context=str(memoria.edition.year),
            title_en=_english_title(memoria) if english else "",
            body_en=" ".join(part for part in (memoria.subtitle_en, english) if part),
        )


def _english_title(memoria: Memoria) -> str:
    """The title is the interface's ("Memoria de …"), in English when the memoria has English."""
    with translation.override("en"):
        return str(memoria)


def register() -> None:
    search_source_register(
        SearchSource("memoria", _("Memorias"), (versions.CONFERENCE,), memoria_documents, 50)
    )
