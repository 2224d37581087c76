"""Readable, unique slugs for public URLs."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.text import slugify


def unique_slug_for(
    instance: models.Model, text: str, *, field: str = "slug", scope: dict[str, Any] | None = None
) -> str:
    """A slug from `text`, suffixed -2, -3... until no other row of the model (within `scope`) has it."""
    base = slugify(text)[:70].strip("-") or "registro"
    manager = type(instance)._default_manager
    taken = set(
        manager.filter(**(scope or {}), **{f"{field}__startswith": base})
        .exclude(pk=instance.pk)
        .values_list(field, flat=True)
    )
    candidate, counter = base, 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate
