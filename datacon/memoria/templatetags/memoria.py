"""Small template helpers for the memoria and the open-data pages."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    if not mapping:
        return None
    return mapping.get(key)


_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(value: Any) -> SafeString:
    """JSON for a <script type="application/ld+json"> block: no "</script>" can close it early."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)
    return mark_safe(text.translate(_JSON_ESCAPES))
