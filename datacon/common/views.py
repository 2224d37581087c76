"""Operational endpoints."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults

from datacon.common.http import cors_allow

API_PREFIX = "/api/"


def healthz(request: HttpRequest) -> JsonResponse:
    # For load balancers: answers only when the database answers.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 handler, with the one variable the site frame reads.

    The default handler renders 500.html with an empty context; base.html
    reads `featured_edition` (normally from a context processor, which may be
    what failed, e.g. with the database down), so it is given as None here and
    the page is rendered without touching the database.
    """
    html = loader.get_template("500.html").render({"featured_edition": None, "edition": None})
    return HttpResponseServerError(html)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: the HTML page, except under /api/, where a client gets JSON.

    An unknown API address answers like the API's own 404s (`{"detail": ...}`,
    with CORS), so a client generated from the OpenAPI document can parse it.
    """
    if request.path_info.startswith(API_PREFIX):
        from rest_framework.exceptions import NotFound

        response = JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
        cors_allow(response)
        return response
    return defaults.page_not_found(request, exception)  # type: ignore[arg-type]
