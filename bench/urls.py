"""The site's URLs plus the bare "ceiling" view (bench settings only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from datacon.urls import urlpatterns as site_urlpatterns

_bodies: dict[int, bytes] = {}


def ceiling(request: HttpRequest, size: int) -> HttpResponse:
    """The fastest a Django view can answer with a body of `size` bytes: no query, no cache."""
    body = _bodies.get(size)
    if body is None:
        line = b"<p>" + b"x" * 75 + b"</p>\n"
        body = _bodies[size] = (line * (size // len(line) + 1))[:size]
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/ceiling/<int:size>/", ceiling), *site_urlpatterns]
