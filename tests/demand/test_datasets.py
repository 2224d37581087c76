import csv
import datetime as dt
import io

import pytest
from frictionless import Resource, Schema

from datacon.demand.models import InformationNeed
from datacon.opendata.registry import datasets_all

pytestmark = pytest.mark.django_db

DEMAND_SLUGS = {
    "necesidades-de-informacion",
    "necesidades-historial",
    "necesidades-menciones",
    "estandares-de-publicacion",
    "instituciones-sujetos-obligados",
    "solicitudes-de-informacion",
    "demanda-mensual",
    "temas-de-solicitudes",
    "preguntas-repetidas",
    "conjuntos-candidatos",
    "proyectos-de-reutilizacion",
    "proyectos-conjuntos-usados",
}
PLAIN_TYPES = (str, int, float, bool, dt.date, dt.datetime, type(None))


def _demand_datasets():
    return [dataset for dataset in datasets_all() if dataset.theme == "demand"]


def test_every_demand_dataset_is_registered():
    assert {dataset.slug for dataset in _demand_datasets()} == DEMAND_SLUGS


@pytest.mark.parametrize("slug", sorted(DEMAND_SLUGS))
def test_dataset_rows_have_exactly_the_declared_columns_in_plain_types(demo, slug):
    dataset = next(d for d in _demand_datasets() if d.slug == slug)
    rows = list(dataset.rows(None))
    assert rows, slug
    for row in rows:
        assert list(row) == dataset.column_names
        assert all(isinstance(value, PLAIN_TYPES) for value in row.values())
        for column in dataset.columns:
            if column.required:
                assert row[column.name] not in (None, ""), (slug, column.name)
            if column.enum and row[column.name] not in (None, ""):
                assert row[column.name] in column.enum, (slug, column.name, row[column.name])


@pytest.mark.parametrize("slug", sorted(DEMAND_SLUGS))
def test_csv_download_validates_against_its_table_schema(demo, client, slug):
    dataset = next(d for d in _demand_datasets() if d.slug == slug)
    response = client.get(f"/demanda/datos/{slug}.csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    text = body.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    assert header == dataset.column_names
    schema = Schema.from_descriptor(
        {
            "fields": [
                {"name": c.name, "type": c.type, "constraints": {"required": c.required}}
                for c in dataset.columns
            ]
        }
    )
    report = Resource(data=list(csv.reader(io.StringIO(text))), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_project_datasets_filter_by_edition(demo):
    from datacon.editions.models import Edition

    dataset = next(d for d in _demand_datasets() if d.slug == "proyectos-de-reutilizacion")
    rows = list(dataset.rows(Edition.objects.get(year=2021)))
    assert [row["slug"] for row in rows] == [
        "contrataciones-abiertas",
        "infraestructura-abierta",
        "publicidad-abierta",
    ]
    assert {row["sesion"] for row in rows} == {"S0103", "S0104", "S0105"}


def test_needs_dataset_has_no_account_data(demo):
    dataset = next(d for d in _demand_datasets() if d.slug == "necesidades-de-informacion")
    assert not {"proposer", "proponente", "correo", "email"} & set(dataset.column_names)
    assert len(list(dataset.rows(None))) == InformationNeed.objects.filter(is_hidden=False).count()
