"""Every registered dataset as CSV and JSON, as a Frictionless data package, and as a ZIP.

CSV: written by the platform's one CSV writer (`datacon.common.csvout`: UTF-8
with a byte-order mark, declared as "utf-8-sig" in the data package; RFC 4180;
formula cells neutralised; one format for dates and numbers). Column names and
order are part of the published schema: they only grow, they are never renamed.

JSON: {"conjunto": slug, "titulo": ..., "licencia": ..., "edicion": ...,
"campos": [...], "registros": [{...}, ...]} with the same names and values.

Everything is deterministic: the same data gives the same bytes (the static
archive relies on it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from datacon.common import csvout
from datacon.common.urls import public_base
from datacon.common.versions import public_versions_read
from datacon.editions.models import Edition
from datacon.opendata.registry import THEMES, Dataset, datasets_all
from datacon.opendata.selectors import platform_operator

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Atribución 4.0 Internacional",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
THEME_FOLDERS = {
    "conference": "conferencia",
    "policy": "politica",
    "consultation": "consulta",
    "demand": "demanda",
}
CSV_CONTENT_TYPE = csvout.CONTENT_TYPE
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date ZIP can store: no build time in the file


def theme_folder(theme: str) -> str:
    return THEME_FOLDERS.get(theme, theme)


def datasets_for(edition: Edition | None) -> list[Dataset]:
    """The datasets of one edition (those that can be cut by edition), or all of them."""
    return [d for d in datasets_all() if edition is None or d.per_edition]


def dataset_for(slug: str, edition: Edition | None) -> Dataset | None:
    return next((d for d in datasets_for(edition) if d.slug == slug), None)


def dataset_rows(dataset: Dataset, edition: Edition | None) -> list[dict[str, Any]]:
    names = dataset.column_names
    # Only declared columns leave the platform, whatever a rows() function yields.
    return [{name: row.get(name) for name in names} for row in dataset.rows(edition)]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def csv_bytes(dataset: Dataset, rows: Iterable[Mapping[str, Any]]) -> bytes:
    return csvout.dict_csv_bytes(dataset.column_names, rows)


def json_bytes(
    dataset: Dataset, rows: Iterable[Mapping[str, Any]], edition: Edition | None
) -> bytes:
    document = {
        "conjunto": dataset.slug,
        "titulo": dataset.title,
        "descripcion": dataset.description,
        "licencia": LICENCE["name"],
        "licencia_url": LICENCE["path"],
        "edicion": edition.slug if edition else None,
        "campos": [
            {"nombre": c.name, "tipo": c.type, "descripcion": c.description}
            for c in dataset.columns
        ],
        "registros": [{k: _plain(v) for k, v in row.items()} for row in rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _field(column: Any) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.type == "datetime":
        field["format"] = "any"
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(dataset: Dataset) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in dataset.columns],
        "missingValues": [""],
    }
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    foreign = dataset.extra.get("foreignKeys")
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resource_path(dataset: Dataset, fmt: str = "csv") -> str:
    return f"{theme_folder(dataset.theme)}/{dataset.slug}.{fmt}"


@dataclass(frozen=True)
class ExportFile:
    path: str  # relative to the package folder
    content: bytes


def package_name(edition: Edition | None) -> str:
    return f"datacon-{edition.slug}" if edition else "datacon"


def _scopes(datasets: list[Dataset]) -> tuple[str, ...]:
    return tuple(sorted({scope for d in datasets for scope in d.scopes}))


def data_changed_at(datasets: list[Dataset]) -> str | None:
    _key, changed = public_versions_read(_scopes(datasets))
    return changed.replace(microsecond=0).isoformat() if changed else None


def package_files(edition: Edition | None) -> list[ExportFile]:
    """CSV and JSON of every dataset, the datapackage.json and the README, sorted by path."""
    datasets = datasets_for(edition)
    files: list[ExportFile] = []
    resources = []
    for dataset in datasets:
        rows = dataset_rows(dataset, edition)
        csv_content = csv_bytes(dataset, rows)
        files.append(ExportFile(resource_path(dataset, "csv"), csv_content))
        files.append(ExportFile(resource_path(dataset, "json"), json_bytes(dataset, rows, edition)))
        resources.append((dataset, csv_content))
    descriptor = datapackage_descriptor(edition=edition, resources=resources)
    files.append(
        ExportFile(
            "datapackage.json",
            (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        )
    )
    files.append(
        ExportFile("README.md", readme_text(edition=edition, datasets=datasets).encode("utf-8"))
    )
    return sorted(files, key=lambda f: f.path)


def datapackage_descriptor(
    *, edition: Edition | None, resources: list[tuple[Dataset, bytes]]
) -> dict[str, Any]:
    base = public_base()
    datasets = [d for d, _content in resources]
    if edition is not None:
        title = f"{edition.title}: datos abiertos"
        description = (
            f"Registros públicos de {edition.title} en la plataforma DATACON: edición, sedes, "
            "sesiones, participaciones (solo nombres públicos), organizaciones, metadatos de "
            "materiales y cifras agregadas."
        )
        homepage = base + reverse("public:opendata_edition", kwargs={"edition": edition.slug})
    else:
        title = "DATACON: datos abiertos de la plataforma"
        description = (
            "Todos los registros públicos de la plataforma DATACON: las ediciones de la "
            "Conferencia Nacional de Datos Abiertos y cada conjunto de datos que publican sus "
            "procesos."
        )
        homepage = base + reverse("public:opendata_home")
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(edition),
        "title": title,
        "description": description,
        "homepage": homepage,
        "licenses": [LICENCE],
        "sources": [{"title": "Plataforma DATACON", "path": base + "/"}],
        "keywords": ["DATACON", "datos abiertos", "México", "conferencia"],
        "language": "es",
    }
    changed = data_changed_at(datasets)
    if changed:
        descriptor["created"] = changed
    # As in the DCAT catalogue: an edition's data is published by its organiser; the
    # platform's operator publishes the rest and answers for all of it today.
    operator = platform_operator()
    contributors: list[dict[str, str]] = []
    if edition is not None and edition.organiser:
        contributors.append({"title": edition.organiser.name, "role": "publisher"})
    # (Its contact e-mail is in the DCAT catalogue; packages carry no "email" keys at all,
    # so the privacy scans can keep treating one as a leak.)
    operator_entry = {
        "title": operator.name,
        "role": "maintainer" if contributors else "publisher",
        "path": operator.website or base + "/",
    }
    descriptor["contributors"] = [*contributors, operator_entry]
    descriptor["resources"] = [
        {
            "profile": "tabular-data-resource",
            "name": dataset.slug,
            "path": resource_path(dataset, "csv"),
            "title": dataset.title,
            "description": dataset.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": csvout.ENCODING,
            "bytes": len(content),
            "hash": hashlib.md5(content, usedforsecurity=False).hexdigest(),
            "licenses": [LICENCE],
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": table_schema(dataset),
        }
        for dataset, content in resources
    ]
    return descriptor


def readme_text(*, edition: Edition | None, datasets: list[Dataset]) -> str:
    return render_to_string(
        "public/opendata/README.md",
        {
            "edition": edition,
            "groups": [
                (
                    THEMES.get(theme, theme),
                    theme_folder(theme),
                    [d for d in datasets if d.theme == theme],
                )
                for theme in dict.fromkeys(d.theme for d in datasets)
            ],
            "licence": LICENCE,
            "public_url": public_base(),
            "changed": data_changed_at(datasets),
        },
    )


def zip_bytes(files: Iterable[ExportFile], *, folder: str) -> bytes:
    """A ZIP whose bytes depend only on the files: fixed dates, sorted names, fixed modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(f"{folder}/{item.path}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, item.content)
    return buffer.getvalue()
