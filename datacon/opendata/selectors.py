"""Reads of the opendata app's own records."""

from __future__ import annotations

from datacon.opendata.models import OPERATOR_KEY, PlatformOperator


def platform_operator() -> PlatformOperator:
    """The operator organisers recorded, or the one the settings declare (unsaved)."""
    return PlatformOperator.objects.filter(key=OPERATOR_KEY).first() or (
        PlatformOperator.from_settings()
    )
