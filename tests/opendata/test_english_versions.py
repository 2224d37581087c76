"""The English versions organisers write reach data users too (issue 16.4): the
sessions and editions datasets and the API carry them next to the original,
empty where nobody wrote one (never a copy of the Spanish)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(
        status="published", title="Datos para todas", title_en="Data for everyone"
    )
    factories.SessionFactory(
        edition=edition,
        code="S0101",
        title="Datos abiertos municipales",
        title_en="Municipal open data",
        abstract="Resumen en español.",
        abstract_en="Summary in English.",
    )
    factories.SessionFactory(edition=edition, code="S0102", title="Solo en español")
    return edition


def _csv(url: str) -> list[dict[str, str]]:
    response = Client().get(url)
    assert response.status_code == 200, url
    body = b"".join(response) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_sessions_dataset_has_the_english_title_and_abstract_next_to_the_original(edition):
    rows = _csv(f"/ediciones/{edition.slug}/datos/conferencia/sesiones.csv")

    assert [(r["codigo"], r["titulo"], r["titulo_en"], r["resumen_en"]) for r in rows] == [
        ("S0101", "Datos abiertos municipales", "Municipal open data", "Summary in English."),
        ("S0102", "Solo en español", "", ""),
    ]


def test_editions_dataset_has_the_english_title(edition):
    rows = _csv(f"/ediciones/{edition.slug}/datos/conferencia/ediciones.csv")

    assert [(r["titulo"], r["titulo_en"]) for r in rows] == [
        ("Datos para todas", "Data for everyone")
    ]


def test_api_sessions_and_editions_carry_the_english_versions(edition):
    client = Client()
    sessions = client.get(f"/api/v1/sessions/?edition={edition.slug}").json()["results"]
    detail = client.get(f"/api/v1/editions/{edition.slug}/").json()

    assert [(s["code"], s["title_en"], s["abstract_en"]) for s in sessions] == [
        ("S0101", "Municipal open data", "Summary in English."),
        ("S0102", "", ""),
    ]
    assert (detail["title"], detail["title_en"]) == ("Datos para todas", "Data for everyone")
