"""The memoria of each edition (page and PDF) and the comparison across editions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datacon.common.http import public_page
from datacon.common.urls import absolute_url, public_base
from datacon.common.versions import CONFERENCE
from datacon.editions import selectors as editions
from datacon.memoria import selectors as memoria
from datacon.memoria.blocks import memoria_block_scopes
from datacon.memoria.pdf import memoria_pdf_bytes


def _memoria_page(view: Callable[..., HttpResponse], *, cors: bool = False) -> Callable[..., Any]:
    """Cache under the conference scope plus the scopes of every contributed block
    (read per request: capabilities register their blocks at start-up)."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        scopes = (CONFERENCE, *memoria_block_scopes())
        return public_page(scopes, cors=cors)(view)(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _context(request: HttpRequest, edition: str, *, preview: bool = False) -> dict[str, Any]:
    current = editions.edition_get_public(slug=edition)
    return {
        "edition": current,
        "data": memoria.memoria_data(edition=current, preview=preview),
        "public_url": public_base(),
    }


@_memoria_page
def memoria_page(request: HttpRequest, edition: str) -> HttpResponse:
    return render(request, "public/memoria/memoria.html", _context(request, edition))


@partial(_memoria_page, cors=True)  # the PDF is one of the edition's open distributions
def memoria_pdf(request: HttpRequest, edition: str) -> HttpResponse:
    context = _context(request, edition)
    pdf = memoria_pdf_bytes(context=context, base_url=absolute_url("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="memoria-datacon-{edition}.pdf"'
    return response


@public_page([CONFERENCE])
def memoria_compare(request: HttpRequest) -> HttpResponse:
    from datacon.memoria.comparison import (
        comparison_charts,
        comparison_measures,
        editions_compared,
    )

    summaries = editions_compared()
    measures = comparison_measures(summaries)
    return render(
        request,
        "public/memoria/compare.html",
        {
            "summaries": summaries,
            "measures": measures,
            "charts": comparison_charts(summaries, measures),
        },
    )
