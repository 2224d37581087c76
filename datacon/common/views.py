"""Operational endpoints, and the page for an unexpected error."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.template import loader
from django.templatetags.static import static
from django.views.static import serve

# While PostgreSQL restarts (or a connection drops) a request fails with one of
# these; a moment later the same request succeeds.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def healthz(request: HttpRequest) -> JsonResponse:
    # For load balancers: answers only when the database answers (503 otherwise).
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, with the one variable the site frame reads.

    The default handler renders 500.html with an empty context; base.html
    reads `featured_edition` (normally from a context processor, which may be
    what failed, e.g. with the database down), so it is given as None here and
    the page is rendered without touching the database.

    When what failed is the database being unreachable (PostgreSQL restarting,
    a dropped connection), the answer is 503 with Retry-After: nothing is
    broken, the person (or a proxy, or a script) should simply try again. Django
    calls this handler for an exception raised anywhere (a view, a middleware,
    the session save), while the exception is being handled.
    """
    context = {"featured_edition": None, "edition": None}
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        html = loader.get_template("503.html").render(context)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    html = loader.get_template("500.html").render(context)
    return HttpResponseServerError(html)


def media_file(request: HttpRequest, path: str, document_root: str) -> HttpResponseBase:
    """Uploaded files from the local folder (a reverse proxy may serve /media/ instead)."""
    return serve(request, path, document_root=document_root)


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """/favicon.ico, asked for by browsers and feed readers whatever the page links.

    Answers with a permanent redirect to the site's SVG icon (the one base.html
    links), served by the static files like any other asset.
    """
    response = HttpResponsePermanentRedirect(static("public/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
