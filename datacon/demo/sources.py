"""Demo data: the sourced public record of DATACON 2021-2024 and the policy (datacon/sources/data/*.yaml)."""

from __future__ import annotations

from datacon.sources.loader import sources_load


def demo_load() -> dict[str, int]:
    return sources_load()
