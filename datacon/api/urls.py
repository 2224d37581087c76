"""Read-only REST API (v1) and its OpenAPI document; one module per capability in routes/."""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView

from datacon.api.base import cached_api_view
from datacon.api.routes import (
    conference,
    consultation,
    demand,
    memoria,
    opendata,
    policy,
    proposals,
    registration,
)
from datacon.api.views import api_root
from datacon.common.http import public_cors
from datacon.common.versions import CONFERENCE

app_name = "api"

_modules = [conference, proposals, registration, policy, consultation, demand, opendata, memoria]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", api_root, name="root"),
    # Cached and readable from any origin like the rest of the API (it changes per release).
    path(
        "openapi.json",
        cached_api_view(SpectacularJSONAPIView.as_view(), (CONFERENCE,)),
        name="schema",
    ),
]
for _module in _modules:
    urlpatterns += _module.urlpatterns
    urlpatterns += _module.router.urls

# Everything under /api/ is public data without personal data: any web application
# may read it (CORS), whichever base class or cache a route uses.
for _pattern in urlpatterns:
    if isinstance(_pattern, URLPattern):
        _pattern.callback = public_cors(_pattern.callback)
