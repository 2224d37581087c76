"""The one search page: everything public, grouped by kind (datacon/search)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datacon.common.access import public_route
from datacon.common.bilingual import ENGLISH, page_language
from datacon.common.http import public_page
from datacon.common.query import query_int
from datacon.search.registry import search_scopes
from datacon.search.selectors import MAX_QUERY, search_everything


def _page_number(value: str | None) -> int:
    return query_int(value, default=1) or 1


@public_route
def search(request: HttpRequest) -> Any:
    # Cached under every scope a searchable kind depends on (read per request: the
    # capabilities register their kinds at start-up).
    return public_page(search_scopes())(_search)(request)


def _search(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    results = None
    if query:
        results = search_everything(
            query=query,
            kind=request.GET.get("tipo") or "",
            page=_page_number(request.GET.get("pagina")),
        )
    return render(
        request,
        "public/search.html",
        # The line under each title is built from Spanish records (edition, session type).
        {"query": query, "results": results, "english_page": page_language() == ENGLISH},
    )
