"""Factories and helpers for the demand tests (core factories come from tests.factories)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import factory

from datacon.demand.models import (
    DataStandard,
    InformationNeed,
    Institution,
    NeedStatus,
    ReuseProject,
)
from datacon.demand.text import name_key
from datacon.demo.synthetic_requests import LAYOUTS
from tests.factories import UserFactory  # noqa: F401  (re-exported for the demand tests)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Institución de Prueba {n}")
    key = factory.LazyAttribute(lambda i: name_key(i.name))
    slug = factory.Sequence(lambda n: f"institucion-de-prueba-{n}")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InformationNeed

    title = factory.Sequence(lambda n: f"Conjunto de datos necesario {n}")
    slug = factory.Sequence(lambda n: f"conjunto-necesario-{n}")
    description = "Datos por municipio y por mes."
    sector = "health"
    status = NeedStatus.PROPOSED


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataStandard

    name = factory.Sequence(lambda n: f"Estándar {n}")
    slug = factory.Sequence(lambda n: f"estandar-{n}")
    data_format = "CSV (UTF-8)"
    update_frequency = "monthly"
    fields = [{"name": "clave", "type": "texto", "description": "Clave", "required": True}]


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReuseProject

    title = factory.Sequence(lambda n: f"Proyecto de reutilización {n}")
    slug = factory.Sequence(lambda n: f"proyecto-{n}")
    kind = "app"
    sector = "health"
    summary = "Una aplicación que usa datos abiertos."


def write_export(
    path: Path,
    rows: list[dict[str, Any]],
    *,
    layout: str = "2019",
    encoding: str = "cp1252",
    headers: list[str] | None = None,
    delimiter: str = ",",
) -> Path:
    """Write an export with the given rows (keys: folio, date, institution, text, status,
    response, state); missing keys are empty."""
    header = headers or LAYOUTS[layout]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        if layout == "2019":
            values = [
                row.get("folio", ""),
                row.get("date", "01/02/2021"),
                row.get("institution", "Secretaría de Prueba"),
                row.get("status", "Terminada"),
                "Electrónica",
                row.get("text", "Solicito información."),
                "",
                row.get("response", "Entrega de información en medio electrónico"),
                "",
                row.get("state", "Jalisco"),
            ]
        else:
            values = [
                row.get("folio", ""),
                row.get("date", "01/02/2021"),
                row.get("institution", "Secretaría de Prueba"),
                row.get("status", "Terminada"),
                row.get("text", "Solicito información."),
                row.get("response", "Entrega de información"),
                row.get("state", "Jalisco"),
                "Electrónica",
            ]
        writer.writerow(values)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
