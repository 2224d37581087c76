"""Who publishes what (issue 14.6): each edition's data is published by that edition's
organiser, platform-wide data by the platform's operator (a record organisers edit, or the
settings until they do), and every dataset's contact point has an e-mail."""

from __future__ import annotations

import json

import pytest
import rdflib
from django.conf import settings

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.opendata.models import PlatformOperator
from datacon.opendata.selectors import platform_operator

pytestmark = pytest.mark.django_db

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")


def _catalogue(client) -> rdflib.Graph:  # type: ignore[no-untyped-def]
    return rdflib.Graph().parse(data=client.get("/datos/catalogo.ttl").content, format="turtle")


def _publisher_name(graph: rdflib.Graph, dataset: rdflib.URIRef) -> str:
    return str(graph.value(graph.value(dataset, DCT.publisher), FOAF.name))


def test_each_edition_is_published_by_its_organiser_and_the_rest_by_the_operator(demo, client):  # type: ignore[no-untyped-def]
    graph = _catalogue(client)
    base = settings.DATACON_PUBLIC_URL
    organisers = {
        edition.slug: edition.organiser.name
        for edition in Edition.objects.select_related("organiser").filter(
            status__in=["published", "archived"]
        )
    }
    assert organisers["2021"].startswith("Instituto Nacional de Transparencia")
    assert organisers["2027-demo"] == "Comité organizador de demostración (ficticio)"
    for slug, name in organisers.items():
        assert _publisher_name(graph, rdflib.URIRef(f"{base}/ediciones/{slug}/datos/")) == name
    catalogue = rdflib.URIRef(f"{base}/datos/catalogo")
    sessions = rdflib.URIRef(f"{base}/datos/conjuntos/sesiones/")
    assert _publisher_name(graph, catalogue) == "Plataforma DATACON"
    assert _publisher_name(graph, sessions) == "Plataforma DATACON"
    datasets = list(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    assert len(datasets) > 10
    for dataset in datasets:
        contact = graph.value(dataset, DCAT.contactPoint)
        assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:datos@datacon.local", dataset


def test_organisers_record_the_operator_and_every_output_follows(demo, client, organiser_user):  # type: ignore[no-untyped-def]
    assert platform_operator().pk is None  # from the settings until recorded
    with unit_of_work(Actor.of(organiser_user)) as work:  # what the admin does
        work.save(
            PlatformOperator(
                name="Secretaría de Datos de Ejemplo", email="datos@ejemplo.gob.mx",
                website="https://datos.ejemplo.gob.mx/",
            )
        )  # fmt: skip
    graph = _catalogue(client)
    base = settings.DATACON_PUBLIC_URL
    assert _publisher_name(graph, rdflib.URIRef(f"{base}/datos/catalogo")) == (
        "Secretaría de Datos de Ejemplo"
    )
    contact = graph.value(rdflib.URIRef(f"{base}/datos/conjuntos/sesiones/"), DCAT.contactPoint)
    assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:datos@ejemplo.gob.mx"
    package = json.loads(client.get("/ediciones/2021/datos/datapackage.json").content)
    assert [(c["title"], c["role"]) for c in package["contributors"]] == [
        (Edition.objects.get(slug="2021").organiser.name, "publisher"),
        ("Secretaría de Datos de Ejemplo", "maintainer"),
    ]
    whole = json.loads(client.get("/datos/datapackage.json").content)
    assert whole["contributors"] == [
        {
            "title": "Secretaría de Datos de Ejemplo",
            "role": "publisher",
            "path": "https://datos.ejemplo.gob.mx/",
        }
    ]


def test_a_superuser_repairs_the_one_operator_in_the_admin(superuser_client):  # type: ignore[no-untyped-def]
    response = superuser_client.post(
        "/admin/opendata/platformoperator/add/",
        {"name": "Operadora", "email": "datos@operadora.example", "website": ""},
    )
    assert response.status_code == 302
    assert platform_operator().email == "datos@operadora.example"
    assert superuser_client.get("/admin/opendata/platformoperator/add/").status_code == 403
