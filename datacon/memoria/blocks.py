"""Blocks of figures other capabilities contribute to the memoria.

The memoria computes what the conference core knows (sessions, people,
organisations, parity). Registration knows attendance, proposals know the
call for proposals. Each registers a provider from its AppConfig.ready():

    from datacon.memoria.blocks import FigureBlock, MemoriaBlockProvider, memoria_block_register

    def attendance_block(edition):
        figures = attendance_figures(edition=edition)
        if not figures.rows:
            return None
        return FigureBlock(
            title="Asistencia por sede y modalidad",
            columns=("Sede", "Modalidad", "Registradas", "Asistentes"),
            rows=[(r.venue, r.mode, r.registered, r.attended) for r in figures.rows],
            chart_columns=(2, 3),
            source="Registro de asistencia de la plataforma",
        )

    memoria_block_register(MemoriaBlockProvider(
        key="attendance", scopes=(versions.REGISTRATION,), build=attendance_block, order=10,
    ))

Rules: `build(edition)` returns aggregates only (never a person), runs a fixed
number of queries, and returns None when it has nothing to show. `scopes`
are added to the memoria page's cache scopes, so the page is never stale.
A block appears on the memoria page, in its PDF, in the static archive and
in the "cifras" open dataset (one row per cell).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

Cell = str | int | float | None


@dataclass(frozen=True)
class FigureBlock:
    title: str
    columns: tuple[str, ...]  # first column labels the row; the others hold numbers
    rows: Sequence[tuple[Cell, ...]]
    # Indexes of numeric columns drawn as bars (empty: table only).
    chart_columns: tuple[int, ...] = ()
    source: str = ""
    note: str = ""
    key: str = ""  # filled from the provider

    @property
    def numeric_columns(self) -> list[int]:
        return [
            index
            for index in range(1, len(self.columns))
            if all(isinstance(row[index], int | float) or row[index] is None for row in self.rows)
        ]


@dataclass(frozen=True)
class MemoriaBlockProvider:
    key: str
    build: Callable[[Any], FigureBlock | None]
    scopes: tuple[str, ...] = ()
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)


_PROVIDERS: dict[str, MemoriaBlockProvider] = {}


def memoria_block_register(provider: MemoriaBlockProvider) -> MemoriaBlockProvider:
    _PROVIDERS[provider.key] = provider
    return provider


def memoria_block_unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def memoria_block_providers() -> list[MemoriaBlockProvider]:
    return sorted(_PROVIDERS.values(), key=lambda provider: (provider.order, provider.key))


def memoria_block_scopes() -> tuple[str, ...]:
    return tuple(sorted({scope for p in _PROVIDERS.values() for scope in p.scopes}))


_shared: ContextVar[dict[str, Any] | None] = ContextVar("memoria_block_shared", default=None)


def memoria_block_shared(key: str, compute: Callable[[], T]) -> T:
    """A value several blocks of one capability read (e.g. the attendance figures of
    the two registration blocks), computed once per `memoria_blocks` call; outside
    one, computed every time."""
    shared = _shared.get()
    if shared is None:
        return compute()
    if key not in shared:
        shared[key] = compute()
    return shared[key]  # type: ignore[no-any-return]


def memoria_blocks(*, edition: Any) -> list[FigureBlock]:
    token = _shared.set({})
    try:
        return _build_blocks(edition)
    finally:
        _shared.reset(token)


def _build_blocks(edition: Any) -> list[FigureBlock]:
    blocks = []
    for provider in memoria_block_providers():
        block = provider.build(edition)
        if block is not None and block.rows:
            blocks.append(
                FigureBlock(
                    title=block.title,
                    columns=block.columns,
                    rows=list(block.rows),
                    chart_columns=block.chart_columns,
                    source=block.source,
                    note=block.note,
                    key=provider.key,
                )
            )
    return blocks
