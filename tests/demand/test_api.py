import pytest

from datacon.common.actor import Actor
from datacon.demand.analysis.run import requests_analyse
from datacon.demand.importer import requests_import
from datacon.demand.models import InformationNeed, InformationRequest
from datacon.demand.services import need_support
from datacon.demo.synthetic_requests import export_write, generate_rows
from tests import factories
from tests.demand.test_public_pages import _registry

pytestmark = pytest.mark.django_db

RESOURCES = [
    "necesidades",
    "estandares",
    "instituciones",
    "solicitudes",
    "demanda-mensual",
    "temas",
    "preguntas-repetidas",
    "candidatos",
    "proyectos",
]


@pytest.mark.parametrize("resource", RESOURCES)
def test_api_lists_are_paginated_json(demo, client, resource):
    data = client.get(f"/api/v1/demanda/{resource}/").json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] > 0


def test_api_need_shows_supports_and_no_account(demo, client):
    need = InformationNeed.objects.get(slug="demo-padron-beneficiarios-por-municipio")
    data = client.get(f"/api/v1/demanda/necesidades/{need.slug}/").json()
    assert data["supports"] == 3
    assert data["status"] == "in_progress"
    assert "proposer" not in data
    assert data["url"] == "/demanda/necesidades/demo-padron-beneficiarios-por-municipio/"


def test_api_filters(demo, client):
    accepted = client.get("/api/v1/demanda/necesidades/?status=accepted").json()
    assert {n["slug"] for n in accepted["results"]} == set(
        InformationNeed.objects.filter(status="accepted").values_list("slug", flat=True)
    )
    requests = client.get(
        "/api/v1/demanda/solicitudes/?institution=comision-de-agua-de-muestra&desde=2022-01-01"
    ).json()
    assert (
        requests["count"]
        == InformationRequest.objects.filter(
            institution__slug="comision-de-agua-de-muestra", filed_on__gte="2022-01-01"
        ).count()
    )
    projects = client.get("/api/v1/demanda/proyectos/?edition=2021&kind=platform").json()
    assert [p["slug"] for p in projects["results"]] == [
        "contrataciones-abiertas",
        "infraestructura-abierta",
        "publicidad-abierta",
    ]


def test_api_requests_expose_only_the_scrubbed_text(demo, client):
    data = client.get("/api/v1/demanda/solicitudes/?folio=0001200000005").json()
    (item,) = data["results"]
    assert "[correo]" in item["text"]
    assert "@" not in item["text"]
    assert set(item) == {
        "id", "source", "folio", "filed_on", "institution", "state", "status", "response", "answered",
        "topic_number", "text",
    }  # fmt: skip


def test_api_hidden_needs_are_not_listed(client):
    hidden = InformationNeed.objects.create(
        title="Oculta", slug="oculta", description="x", sector="other", is_hidden=True
    )
    listed = client.get("/api/v1/demanda/necesidades/?page_size=500").json()["results"]
    assert [need for need in listed if need["slug"] == hidden.slug] == []
    assert client.get(f"/api/v1/demanda/necesidades/{hidden.slug}/").status_code == 404


def test_openapi_lists_the_demand_endpoints(client):
    import yaml

    response = client.get("/api/v1/openapi.json")
    schema = yaml.safe_load(response.content)
    assert {f"/api/v1/demanda/{r}/" for r in RESOURCES} <= set(schema["paths"])


@pytest.mark.parametrize("resource", ["necesidades", "estandares", "instituciones", "proyectos"])
def test_api_registry_lists_run_fixed_queries(client, count_queries, resource):
    _registry(2)
    small = count_queries(lambda: client.get(f"/api/v1/demanda/{resource}/"))
    _registry(6)
    for need in InformationNeed.objects.all()[:3]:
        need_support(need=need, actor=Actor.of(factories.UserFactory()))
    assert count_queries(lambda: client.get(f"/api/v1/demanda/{resource}/")) == small


@pytest.mark.parametrize(
    "resource",
    [
        "solicitudes",
        "demanda-mensual",
        "temas",
        "preguntas-repetidas",
        "candidatos",
        "instituciones",
    ],
)
def test_api_request_lists_run_fixed_queries(client, count_queries, analysed, tmp_path, resource):
    small = count_queries(lambda: client.get(f"/api/v1/demanda/{resource}/"))
    more = tmp_path / "mas.csv"
    with more.open("w", encoding="cp1252", newline="") as stream:
        export_write(stream, generate_rows(150, seed=9, folio_prefix="9900"))
    requests_import(path=more, source="sintetica", actor=factories.SYSTEM)
    requests_analyse(actor=factories.SYSTEM)
    assert count_queries(lambda: client.get(f"/api/v1/demanda/{resource}/")) == small
