"""What the editions capability makes searchable: public editions (datacon/search/registry.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.editions.selectors import editions_public
from datacon.search.registry import SearchItem, SearchSource, search_source_register


def edition_documents() -> Iterator[SearchItem]:
    for edition in editions_public().order_by("id"):
        yield SearchItem(
            key=str(edition.pk),
            title=edition.title,
            url=reverse("public:edition", args=[edition.slug]),
            body=" ".join(part for part in (edition.theme, edition.summary) if part),
            context=str(edition.year),
            title_en=edition.title_en,
            body_en=" ".join(part for part in (edition.theme_en, edition.summary_en) if part),
        )


def register() -> None:
    search_source_register(
        SearchSource("edition", _("Ediciones"), (versions.CONFERENCE,), edition_documents, order=10)
    )
