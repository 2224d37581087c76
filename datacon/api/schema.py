"""Additions to the OpenAPI document that drf-spectacular cannot infer.

Every operation can answer 404 with `{"detail": "..."}`: a detail whose key
does not exist or is not public, a list page past the last one, and any
unknown address under /api/ (`datacon.common.views.not_found`). Declaring it
lets generated clients parse those answers instead of failing on them.
"""

from __future__ import annotations

from typing import Any

NOT_FOUND_SCHEMA = {
    "type": "object",
    "description": "Respuesta de error: no existe o no es público.",
    "properties": {"detail": {"type": "string", "readOnly": True}},
    "required": ["detail"],
}


def declare_not_found(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: a 404 response on every operation."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["NotFound"] = NOT_FOUND_SCHEMA
    reference = {
        "description": "No existe o no es público.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NotFound"}}},
    }
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("404", reference)
    return result
