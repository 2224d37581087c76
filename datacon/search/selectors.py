"""The one search: every public kind, grouped with counts, the same on SQLite and PostgreSQL.

A fixed number of queries whatever the data: the index freshness check (two), the
counts per kind (one) and the hits (one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connections, router

from datacon.common.bilingual import ENGLISH, SPANISH, page_language
from datacon.common.text import search_normalise
from datacon.search.backends import Hit, backend_for
from datacon.search.index import index_refresh
from datacon.search.models import SearchDocument
from datacon.search.registry import search_source, search_sources
from datacon.search.words import stem

PER_KIND = 5  # hits shown per kind on the summary
PER_PAGE = 20  # hits per page when one kind is chosen
MAX_QUERY = 200
EXCERPT = 220


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    context: str
    excerpt: str
    # The language of title and excerpt when it is not the page's (the English site
    # showing a record nobody translated): templates mark it with lang="…".
    lang: str = ""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list[Result] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    kind: str  # "" when every kind is shown
    total: int
    groups: list[Group]  # kinds with hits, in registry order
    page: int = 1
    pages: int = 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search_everything(*, query: str, kind: str = "", page: int = 1) -> SearchResults:
    query = query.strip()[:MAX_QUERY]
    kind = kind if search_source(kind) is not None else ""
    index_refresh()
    connection = connections[router.db_for_read(SearchDocument)]
    backend = backend_for(connection)
    counts = backend.counts(connection, query)
    total = sum(counts.values())
    groups = [
        Group(kind=source.kind, label=str(source.label), count=counts[source.kind])
        for source in search_sources()
        if counts.get(source.kind)
    ]
    pages = 1
    if kind and counts.get(kind):
        pages = max(1, -(-counts[kind] // PER_PAGE))
        page = min(max(1, page), pages)
        hits = backend.page(connection, query, kind, (page - 1) * PER_PAGE, PER_PAGE)
        groups = [group for group in groups if group.kind == kind]
    elif total:
        page = 1
        hits = backend.best_of_each(connection, query, PER_KIND)
    else:
        page, hits = 1, []
    by_kind = {group.kind: group for group in groups}
    for hit in hits:
        if hit.kind in by_kind:
            by_kind[hit.kind].results.append(_result(hit, query))
    return SearchResults(query=query, kind=kind, total=total, groups=groups, page=page, pages=pages)


def _result(hit: Hit, query: str) -> Result:
    """What the visitor reads: on the English site the English version when organisers
    wrote one, otherwise the Spanish text marked as such (datacon/common/bilingual.py)."""
    if page_language() == ENGLISH:
        if hit.title_en:
            body = hit.body_en or hit.body
            return Result(
                title=hit.title_en, url=hit.url, context=hit.context, excerpt=excerpt(body, query)
            )
        return Result(
            title=hit.title,
            url=hit.url,
            context=hit.context,
            excerpt=excerpt(hit.body, query),
            lang=SPANISH,
        )
    return Result(
        title=hit.title, url=hit.url, context=hit.context, excerpt=excerpt(hit.body, query)
    )


_TOKEN = re.compile(r"\w+")


def excerpt(body: str, query: str) -> str:
    """A few lines of the body around the first word of the query it contains."""
    text = " ".join((body or "").split())
    if len(text) <= EXCERPT:
        return text
    wanted = {stem(word) for word in search_normalise(query).split()}
    start = 0
    for match in _TOKEN.finditer(text):
        if stem(search_normalise(match.group())) in wanted:
            start = max(0, match.start() - EXCERPT // 3)
            break
    piece = text[start : start + EXCERPT]
    if start > 0:
        piece = "…" + piece.split(" ", 1)[-1]
    return piece.rsplit(" ", 1)[0] + "…"
