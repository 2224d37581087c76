"""The sourced facts as open data: sources in their own columns; the catalogue's provenance."""

import csv
import io

import pytest
import rdflib
from django.conf import settings
from django.test import Client

from datacon.sources.models import SourcedFact

pytestmark = pytest.mark.django_db

SOURCE_COLUMNS = [
    "fuente_clave",
    "fuente_tipo",
    "fuente_titulo",
    "fuente_editor",
    "fuente_fecha",
    "fuente_url",
    "fuente_cita",
]


def _csv(client: Client, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_facts_csv_has_source_columns_and_reads_back(demo, client: Client):
    rows = _csv(client, "/datos/conferencia/hechos-con-fuente.csv")
    assert list(rows[0])[-7:] == SOURCE_COLUMNS
    assert len(rows) == SourcedFact.objects.count() == 68
    closing = next(row for row in rows if row["clave"] == "2021-sesion-02")
    assert closing["edicion"] == "2021"
    assert closing["sesion"] == "S0207"
    assert closing["fuente_editor"] == "El Financiero"
    assert closing["fuente_fecha"] == "2021-05-15"
    assert closing["fuente_url"] == (
        "https://www.elfinanciero.com.mx/nacional/2021/05/15/"
        "se-debe-construir-una-agenda-estrategica-de-datos-abiertos-inai/"
    )
    assert closing["no_confirmado"] == "true"
    assert "truncado" in closing["motivo_no_confirmado"]
    dof = next(row for row in rows if row["hito_fecha"] == "2023-11-10")
    assert dof["proceso"] == "abramos-mexico"
    assert dof["fuente_titulo"] == "Política Nacional de Datos Abiertos – Portal de Transparencia"
    # A quote with commas and quotation marks survives the round trip.
    quoted = next(row for row in rows if row["clave"] == "2021-dato-08")
    assert (
        quoted["fuente_cita"]
        == "Simposio “Hacia una política nacional de datos abiertos en México”"
    )


def test_edition_cut_holds_only_that_editions_facts(demo, client: Client):
    rows = _csv(client, "/ediciones/2022/datos/conferencia/hechos-con-fuente.csv")
    assert {row["edicion"] for row in rows} == {"2022"}
    assert len(rows) == SourcedFact.objects.filter(edition__year=2022).count()
    demo_rows = _csv(client, "/ediciones/2027-demo/datos/conferencia/hechos-con-fuente.csv")
    assert demo_rows == []


def test_catalogue_says_where_each_editions_records_come_from(demo, client: Client):
    graph = rdflib.Graph().parse(data=client.get("/datos/catalogo.ttl").content, format="turtle")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    base = settings.DATACON_PUBLIC_URL
    real = rdflib.URIRef(f"{base}/ediciones/2022/datos/")
    statement = graph.value(real, dct.provenance)
    label = str(graph.value(statement, rdflib.RDFS.label))
    assert "Nota conceptual de la DATACON 2022" in label
    assert graph.value(real, dct.source) == rdflib.URIRef(
        f"{base}/datos/conjuntos/hechos-con-fuente/"
    )
    fictional = rdflib.URIRef(f"{base}/ediciones/2027-demo/datos/")
    fictional_label = str(graph.value(graph.value(fictional, dct.provenance), rdflib.RDFS.label))
    assert fictional_label.startswith("Edición ficticia de demostración")
    assert graph.value(fictional, dct.source) is None
