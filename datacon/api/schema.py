"""Additions to the OpenAPI document that drf-spectacular cannot infer.

Every operation can answer 404 with `{"detail": "..."}`: a detail whose key
does not exist or is not public, a list page past the last one, and any
unknown address under /api/ (`datacon.common.not_found`). Declaring it
lets generated clients parse those answers instead of failing on them.

A blank-allowed URL field comes out of drf-spectacular as `oneOf: [{maxLength:
0}, {format: uri}]`; "" matches both alternatives, which `oneOf` forbids, so
every record with an empty URL broke its own schema. They become `anyOf`.

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


def public_api_schema(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: a 404 on every operation, no security."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["NotFound"] = NOT_FOUND_SCHEMA
    reference = {
        "description": "No existe o no es público.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFound"}}},
    }
    _blank_or_uri_any_of(result)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("404", reference)
                if operation.get("security") == [{}]:
                    del operation["security"]
    return result


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
