"""Operational endpoints."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader


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
