"""Fixtures of the demand tests: the bundled sample imported and analysed."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from datacon.demand.analysis.run import requests_analyse
from datacon.demand.importer import ImportReport, requests_import
from datacon.demo.synthetic_requests import SAMPLE_PATH
from tests import factories

# Lines of the sample the importer must skip, and why (see synthetic.sample_write).
SAMPLE_SKIPPED = [
    (243, "fecha inválida «31/02/2020» (se espera dd/mm/aaaa)"),
    (244, "fila duplicada: idéntica a la línea 4"),
    (245, "la fila tiene 9 columnas; el encabezado tiene 10"),
    (246, "folio vacío"),
]


@dataclass
class SampleRow:
    line: int
    folio: str
    date: str
    institution: str
    text: str
    state: str
    response: str


def sample_rows() -> list[SampleRow]:
    """The sample's valid rows, read with the csv module alone: the tests' independent oracle."""
    rows = []
    skipped = {line for line, _reason in SAMPLE_SKIPPED}
    with SAMPLE_PATH.open(encoding="cp1252", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        consumed = reader.line_num  # physical lines read so far (the header)
        for row in reader:
            line = consumed + 1
            consumed = reader.line_num
            if line in skipped:
                continue
            rows.append(
                SampleRow(
                    line=line,
                    folio=row[0].strip('"'),
                    date=row[1],
                    institution=row[2],
                    text=row[5],
                    state=row[9],
                    response=row[7],
                )
            )
    return rows


@pytest.fixture
def sample_report(db) -> ImportReport:  # type: ignore[no-untyped-def]
    return requests_import(path=SAMPLE_PATH, source="sintetica", actor=factories.SYSTEM)


@pytest.fixture
def analysed(sample_report):  # type: ignore[no-untyped-def]
    return requests_analyse(actor=factories.SYSTEM)


@pytest.fixture
def sample_copy(tmp_path) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path / "muestra.csv"
    target.write_bytes(SAMPLE_PATH.read_bytes())
    return target
