"""The site's 404 handler: the HTML page, except under /api/, where a client gets JSON."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from datacon.common.http import cors_allow

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """An unknown API address answers like the API's own 404s (`{"detail": ...}`, with
    CORS), so a client generated from the OpenAPI document can parse it; every other
    address gets the site's page."""
    if request.path_info.startswith(API_PREFIX):
        from rest_framework.exceptions import NotFound

        response = JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
        cors_allow(response)
        return response
    return defaults.page_not_found(request, exception)
