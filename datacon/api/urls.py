"""Read-only REST API (v1) and its OpenAPI document; one module per capability in routes/."""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularJSONAPIView

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

app_name = "api"

_modules = [conference, proposals, registration, policy, consultation, demand, opendata, memoria]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", api_root, name="root"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
]
for _module in _modules:
    urlpatterns += _module.urlpatterns
    urlpatterns += [path("", include(_module.router.urls))]
