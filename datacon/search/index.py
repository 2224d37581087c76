"""Keeping the index fresh: rebuild a kind when a public scope it depends on changed.

Why at read time rather than in the unit of work's commit hook: every public write
already bumps the versions of the scopes it feeds (datacon/common/write.py), in the
same transaction as the data. Comparing those versions with the ones a kind was
built from is two small queries per search, catches every writer (services, bulk
imports, the demo and load-data generators, another process or server) and costs
writers nothing: an organiser saving a session does not wait for an index rebuild,
and a burst of a thousand writes costs one rebuild, not a thousand. The first search
after a change pays for the rebuild of the changed kinds only; `search_rebuild`
(run after deploys and data loads) builds everything ahead of time.

Versions are read before the documents, as everywhere else: at worst a rebuild
indexes data newer than its signature and is redone once, harmlessly.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils import translation

from datacon.common.models import PublicVersion
from datacon.search.models import SearchDocument, SearchIndexState
from datacon.search.registry import SearchSource, search_sources
from datacon.search.words import index_text

BATCH = 500
_MARKUP = re.compile(r"\]\([^)]*\)|[*_#>`|\[\]]+")


def plain(text: str) -> str:
    """Markdown without its marks, on one line (cheap: excerpts only need the words)."""
    return " ".join(_MARKUP.sub(" ", text or "").split())


def _signatures(sources: list[SearchSource]) -> dict[str, str]:
    scopes = {scope for source in sources if not source.fingerprint for scope in source.scopes}
    found = dict(PublicVersion.objects.filter(scope__in=scopes).values_list("scope", "version"))
    return {
        source.kind: source.fingerprint()
        if source.fingerprint
        else ".".join(f"{s}={found.get(s, 0)}" for s in sorted(source.scopes))
        for source in sources
    }


def stale_kinds() -> list[SearchSource]:
    """The kinds whose documents were built from older public data (a fixed few queries)."""
    sources = search_sources()
    wanted = _signatures(sources)
    built = dict(SearchIndexState.objects.values_list("kind", "signature"))
    return [source for source in sources if built.get(source.kind) != wanted[source.kind]]


def index_refresh() -> list[str]:
    """Rebuild the stale kinds; the kinds rebuilt."""
    stale = stale_kinds()
    for source in stale:
        kind_rebuild(source)
    return [source.kind for source in stale]


def index_rebuild_all() -> int:
    """Everything from scratch (the `search_rebuild` command); the documents indexed."""
    total = 0
    with transaction.atomic():
        SearchDocument.objects.exclude(kind__in=[s.kind for s in search_sources()]).delete()
        SearchIndexState.objects.exclude(kind__in=[s.kind for s in search_sources()]).delete()
    for source in search_sources():
        total += kind_rebuild(source)
    return total


def kind_rebuild(source: SearchSource) -> int:
    signature = _signatures([source])[source.kind]
    # Documents are written in the site's language, whoever's request rebuilt them.
    with translation.override(settings.LANGUAGE_CODE):
        documents = _documents(source)
    with transaction.atomic():
        # One rebuild at a time per kind (PostgreSQL); SQLite writers are serial anyway.
        SearchIndexState.objects.select_for_update().filter(kind=source.kind).first()
        SearchDocument.objects.filter(kind=source.kind).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH, ignore_conflicts=True)
        SearchIndexState.objects.update_or_create(
            kind=source.kind, defaults={"signature": signature}
        )
    return len(documents)


def _documents(source: SearchSource) -> list[SearchDocument]:
    return [
        SearchDocument(
            kind=source.kind,
            key=item.key,
            title=item.title[:500],
            context=item.context[:300],
            body=plain(item.body),
            title_en=item.title_en[:500],
            body_en=plain(item.body_en),
            url=item.url,
            normalised=index_text(item.title, item.body, item.title_en, item.body_en),
        )
        for item in source.documents()
    ]
