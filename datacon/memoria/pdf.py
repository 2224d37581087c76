"""The memoria as a PDF, typeset by WeasyPrint from an HTML template.

The PDF has a cover, a table of contents with page numbers (CSS
target-counter) and numbered pages. WeasyPrint never fetches anything from
the network here: the URL fetcher serves the project's own static files and
refuses everything else, so a broken or slow material link cannot break or
delay the PDF (links stay clickable, they are just not followed). The output
is deterministic: the same data gives the same bytes.

The PDF is tagged (PDF/UA-1): a structure tree that follows the reading
order of the HTML (headings, lists, tables with their header cells, figures),
/MarkInfo Marked, the document language from <html lang> (es-MX or en), the
title of <title> shown in the viewer's window (DisplayDocTitle), and every
chart a /Figure whose alternative text is its title and the figures in words.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from datacon.memoria import charts

STATIC_SCHEME = "datacon-static:"
# Tagged PDF for assistive technology (ISO 14289-1), supported by WeasyPrint since v63.
PDF_VARIANT = "pdf/ua-1"


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(STATIC_SCHEME):
                found = finders.find(url.removeprefix(STATIC_SCHEME).lstrip("/"))
                if found:
                    path = Path(str(found))
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, body=path.read_bytes(), headers={"Content-Type": mime}
                    )
            # Everything else (remote images, material links, missing files): nothing.
            return URLFetcherResponse(url, body=b"", headers={"Content-Type": "text/plain"})

    return StaticOnlyFetcher(allowed_protocols=None)


def memoria_pdf_bytes(*, context: dict[str, Any], base_url: str) -> bytes:
    import weasyprint

    html = charts.titles_with_descriptions(render_to_string("public/memoria/pdf.html", context))
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)  # type: ignore[no-any-return]
