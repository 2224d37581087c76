"""The API's entry point: what there is, where the OpenAPI document and the data dictionary are."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

from datacon.common.http import public_page
from datacon.common.urls import absolute_url
from datacon.common.versions import CONFERENCE


@public_page([CONFERENCE], cors=True)
def api_root(request: HttpRequest) -> JsonResponse:
    base = absolute_url("/api/v1/")
    from datacon.api import urls  # the module list lives there; imported late (it imports us)

    prefixes = sorted(
        prefix for module in urls._modules for prefix, _viewset, _name in module.router.registry
    )
    endpoints = {prefix: f"{base}{prefix}/" for prefix in prefixes}
    response = JsonResponse(
        {
            "name": "DATACON API",
            "description": "API pública de solo lectura con los registros abiertos de la plataforma DATACON.",
            "licence": "CC-BY-4.0",
            "openapi": base + "openapi.json",
            "data_dictionary": absolute_url("/datos/"),
            "endpoints": endpoints,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return response
