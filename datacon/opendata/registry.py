"""The catalogue of open datasets. Every capability registers what it publishes here.

A capability describes each table once (`Dataset`: its columns with Spanish
descriptions, and a `rows` function that yields only public data). The
opendata app turns every registered dataset into CSV, JSON, a Frictionless
data package, DCAT catalogue entries, the bulk ZIP and its README, so the
formats stay identical across the conference, the policy process, the
consultation and the demand registry.

Register from your app's `datasets.py`, imported in its AppConfig.ready():

    from datacon.opendata.registry import Column, Dataset, dataset_register

    dataset_register(Dataset(slug="gastos", title="Gastos del proceso", ...))

Rules for `rows`: no personal data (only public names of people acting in a
public role), a fixed number of queries whatever the number of rows (iterate
`.values()` or prefetch), stable order (primary key order), values already in
plain types (str, int, float, bool, date, datetime, None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from datacon.common.bilingual import ENGLISH, page_language

FieldType = Literal["string", "integer", "number", "boolean", "date", "datetime", "year"]

# Groups of datasets, used for the catalogue's themes and the ZIP's folders.
THEMES = {
    "conference": "Conferencia (ediciones, sedes, sesiones, participaciones)",
    "policy": "Proceso de política pública (grupos, reuniones, acuerdos, compromisos, gastos)",
    "consultation": "Consulta pública (párrafos, comentarios, respuestas)",
    "demand": "Demanda de datos (necesidades de información, solicitudes, reutilización)",
}
# The same groups in English (common.bilingual): the public pages on /en/ and DCAT.
THEMES_EN = {
    "conference": "Conference (editions, venues, sessions, participations)",
    "policy": "Public policy process (groups, meetings, agreements, commitments, expenses)",
    "consultation": "Public consultation (paragraphs, comments, answers)",
    "demand": "Demand for data (information needs, requests, reuse)",
}


def theme_title(theme: str) -> str:
    """A theme's title in the visitor's language."""
    titles = THEMES_EN if page_language() == ENGLISH else THEMES
    return titles.get(theme, theme)


@dataclass(frozen=True)
class Column:
    name: str
    type: FieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    # rows(edition) for one edition, rows(None) for the whole platform.
    rows: Callable[[Any], Iterable[Mapping[str, Any]]]
    scopes: tuple[str, ...]
    theme: str = "conference"
    per_edition: bool = True
    primary_key: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # Position within its theme in catalogues, packages and ZIPs: the core
    # tables (editions, sessions...) come first, then what capabilities add.
    order: int = 100
    # The English version of the catalogue's metadata (common.bilingual): shown on /en/
    # and given with a language tag next to the Spanish in DCAT.
    title_en: str = ""
    description_en: str = ""

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("title", "description")

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


_REGISTRY: dict[str, Dataset] = {}


def dataset_register(dataset: Dataset) -> Dataset:
    if dataset.theme not in THEMES:
        raise ValueError(f"Tema desconocido: {dataset.theme}")
    if dataset.slug in _REGISTRY and _REGISTRY[dataset.slug] is not dataset:
        raise ValueError(f"Ya hay un conjunto de datos con el identificador {dataset.slug}")
    _REGISTRY[dataset.slug] = dataset
    return dataset


def datasets_all() -> list[Dataset]:
    """Every registered dataset, by theme (THEMES order) and then by `order`."""
    themes = list(THEMES)
    return sorted(_REGISTRY.values(), key=lambda d: (themes.index(d.theme), d.order))


def dataset_get(slug: str) -> Dataset:
    return _REGISTRY[slug]


# Where each edition's records come from, for the catalogue's dct:provenance: the app
# that keeps the sources answers for a list of editions at once, with a statement and,
# when the sources are themselves a dataset of the catalogue, its slug (dct:source).
ProvenanceProvider = Callable[[list[Any]], Mapping[int, tuple[str, str | None]]]
_PROVENANCE: list[ProvenanceProvider] = []


def edition_provenance_register(provider: ProvenanceProvider) -> ProvenanceProvider:
    if provider not in _PROVENANCE:
        _PROVENANCE.append(provider)
    return provider


def editions_provenance(editions: list[Any]) -> dict[int, list[tuple[str, str | None]]]:
    result: dict[int, list[tuple[str, str | None]]] = {}
    for provider in _PROVENANCE:
        for edition_id, statement in provider(editions).items():
            result.setdefault(edition_id, []).append(statement)
    return result
