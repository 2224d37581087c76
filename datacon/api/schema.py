"""Additions to the OpenAPI document that drf-spectacular cannot infer.

Every operation can answer 404 with `{"detail": "..."}`: a detail whose key
does not exist or is not public, a list page past the last one, and any
unknown address under /api/ (`datacon.common.not_found`). Declaring it
lets generated clients parse those answers instead of failing on them.

A blank-allowed URL field comes out of drf-spectacular as `oneOf: [{maxLength:
0}, {format: uri}]`; "" matches both alternatives, which `oneOf` forbids, so
every record with an empty URL broke its own schema. They become `anyOf`.

A list with filters answers 400 with `{"<parameter>": ["what is wrong"]}` when a
filter's value is not one it accepts (django-filter's form errors); the lists
that take query parameters declare it, so clients parse that answer too (found
by fuzzing the API from this document with schemathesis).

The API needs no authentication: drf-spectacular writes `security: [{}]` on
every operation, which client generators (openapi-python-client) read as
"needs credentials" and type their calls for an authenticated client only.
The hook removes it.
"""

from __future__ import annotations

from typing import Any

NOT_FOUND_SCHEMA = {
    "type": "object",
    "description": "Respuesta de error: no existe o no es público.",
    "properties": {"detail": {"type": "string", "readOnly": True}},
    "required": ["detail"],
}

INVALID_QUERY_SCHEMA = {
    "type": "object",
    "description": "Respuesta de error: un parámetro de la consulta no es válido.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
FILTER_FREE_PARAMETERS = {"page", "page_size"}


def public_api_schema(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: a 404 on every operation, a 400 on filtered
    lists, no security."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["NotFound"] = NOT_FOUND_SCHEMA
    schemas["InvalidQuery"] = INVALID_QUERY_SCHEMA
    invalid_query = {
        "description": "Un filtro de la consulta no es válido.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InvalidQuery"}}},
    }
    reference = {
        "description": "No existe o no es público.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFound"}}},
    }
    _blank_or_uri_any_of(result)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("404", reference)
                if _filters(operation):
                    operation["responses"].setdefault("400", invalid_query)
                if operation.get("security") == [{}]:
                    del operation["security"]
    return result


def _filters(operation: dict[str, Any]) -> bool:
    return any(
        parameter.get("in") == "query" and parameter.get("name") not in FILTER_FREE_PARAMETERS
        for parameter in operation.get("parameters", [])
    )


def _blank_or_uri_any_of(node: Any) -> None:
    if isinstance(node, dict):
        alternatives = node.get("oneOf")
        if (
            isinstance(alternatives, list)
            and len(alternatives) == 2
            and any(a.get("maxLength") == 0 for a in alternatives if isinstance(a, dict))
            and all(isinstance(a, dict) and a.get("type") == "string" for a in alternatives)
        ):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _blank_or_uri_any_of(value)
    elif isinstance(node, list):
        for value in node:
            _blank_or_uri_any_of(value)
