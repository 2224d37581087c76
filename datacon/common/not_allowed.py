"""The one answer to a request with a method an address does not take (405).

Views refuse with `require_POST` (or a class-based view's
`http_method_not_allowed`): an empty `HttpResponseNotAllowed`, which a browser
shows as a blank page when someone opens a POST-only address (a bookmarked
"liberar mi lugar", a link copied from the address bar). This middleware gives
that response a body: the site's page in the visitor's language, explaining
that the action is done with its form and linking back; an API or JSON client
gets `{"detail": ...}` like the API's own errors. Status 405 and the `Allow`
header stay.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from datacon.common.http import cors_allow
from datacon.common.not_found import API_PREFIX


class MethodNotAllowedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return method_not_allowed(request, allow=response["Allow"])
        return response


def _wants_json(request: HttpRequest) -> bool:
    if request.path_info.startswith(API_PREFIX):
        return True
    preferred = request.get_preferred_type(["text/html", "application/json"])
    return preferred == "application/json"


def _back_url(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("public:home")


def method_not_allowed(request: HttpRequest, *, allow: str) -> HttpResponseBase:
    """The 405 answer for `request`, keeping the `Allow` header of the refusal."""
    response: HttpResponseBase
    if _wants_json(request):
        from rest_framework.exceptions import MethodNotAllowed

        detail = str(MethodNotAllowed(request.method or "").detail)
        response = JsonResponse({"detail": detail}, status=405)
        if request.path_info.startswith(API_PREFIX):
            cors_allow(response)
    else:
        methods = [method.strip() for method in allow.split(",") if method.strip()]
        response = render(
            request,
            "405.html",
            {"back_url": _back_url(request), "needs_form": "POST" in methods},
            status=405,
        )
        response["Cache-Control"] = "no-store"
    response["Allow"] = allow
    return response
