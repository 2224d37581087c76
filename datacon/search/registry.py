"""What each capability makes searchable, registered from its AppConfig.ready():

    from datacon.search.registry import SearchSource, search_source_register

    def need_documents() -> Iterator[SearchItem]:
        for need in needs_public():                       # the PUBLIC selector, always
            yield SearchItem(key=str(need.pk), title=need.title, url=need.get_absolute_url(),
                             body=need.description, title_en=need.title_en)

    search_source_register(SearchSource(
        kind="need", label=_("Necesidades de datos"), scopes=(versions.DEMAND,),
        documents=need_documents, order=60,
    ))

Rules: `documents()` reads only through the capability's public selectors (no
unconfirmed person, no hidden comment, no draft ever reaches the index) and runs a
fixed number of queries. `scopes` are the public-data scopes whose change can
change those documents: when any of their versions moves, the kind is rebuilt
before the next search answers (datacon/search/index.py), and the search page is
cached under all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchItem:
    key: str
    title: str
    url: str
    body: str = ""
    context: str = ""  # a short line under the title ("DATACON 2024 · Taller")
    # The English version organisers wrote (datacon/common/bilingual.py), "" when none:
    # indexed too, so an English query finds it, and shown on the English site.
    title_en: str = ""
    body_en: str = ""


@dataclass(frozen=True)
class SearchSource:
    kind: str
    label: str | Promise  # plural, shown as the group's heading
    scopes: tuple[str, ...]
    documents: Callable[[], Iterable[SearchItem]]
    order: int = 100
    # For a kind whose scopes move far more often than its documents (every comment and
    # support moves "consultation:all"; only answers and moderation change answers): a
    # cheap fingerprint of the documents (a fixed number of queries) decides when to
    # rebuild instead of the scope versions. `scopes` still key the page cache.
    fingerprint: Callable[[], str] | None = None


_SOURCES: dict[str, SearchSource] = {}


def search_source_register(source: SearchSource) -> None:
    _SOURCES[source.kind] = source


def search_sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.kind))


def search_source(kind: str) -> SearchSource | None:
    return _SOURCES.get(kind)


def search_scopes() -> tuple[str, ...]:
    """Every scope any searchable kind depends on (the search page's cache scopes)."""
    return tuple(sorted({scope for source in _SOURCES.values() for scope in source.scopes}))


def path_maker(name: str, *samples: str | int) -> Callable[..., str]:
    """`reverse()` once, then a path per row by substitution (thousands of rows per rebuild).

    `samples` are placeholder arguments unlikely to occur in the path ("x-slug", 987001);
    the returned function takes the real arguments in the same order."""
    from django.urls import reverse

    pattern = reverse(name, args=samples)

    def make(*values: object) -> str:
        path = pattern
        for sample, value in zip(samples, values, strict=True):
            path = path.replace(str(sample), str(value), 1)
        return path

    return make
