import json

import pytest
from django.core.cache import cache

from tests import factories as core
from tests.memoria.factories import seeded_edition

pytestmark = pytest.mark.django_db


def _get(client, path: str):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    return json.loads(response.content)


def test_sessions_filter_by_edition_and_type(demo, client):
    data = _get(client, "/api/v1/sessions/?edition=2021&type=taller")
    assert data["count"] == 3
    assert [s["code"] for s in data["results"]] == ["S0202", "S0203", "S0204"]
    assert data["results"][0]["starts_at"] == "2021-05-12T11:00:00-05:00"
    assert data["results"][0]["url"].endswith("/ediciones/2021/sesiones/S0202/")


def test_sessions_paginate(demo, client):
    first = _get(client, "/api/v1/sessions/?edition=2021&page_size=5")
    assert first["count"] == 17
    assert len(first["results"]) == 5
    assert "page=2" in first["next"]
    last = _get(client, "/api/v1/sessions/?edition=2021&page_size=5&page=4")
    assert len(last["results"]) == 2
    assert last["next"] is None


def test_editions_list_detail_and_figures(demo, client):
    editions = _get(client, "/api/v1/editions/")
    assert [e["slug"] for e in editions["results"]] == ["2027-demo", "2024", "2023", "2022", "2021"]
    assert _get(client, "/api/v1/editions/2021/")["mode"] == "virtual"
    figures = _get(client, "/api/v1/editions/2021/figures/")
    assert figures["sessions_by_type"] == [
        {"name": "Ceremonia", "sessions": 2},
        {"name": "Conferencia", "sessions": 2},
        {"name": "Conversatorio", "sessions": 4},
        {"name": "Presentación", "sessions": 6},
        {"name": "Taller", "sessions": 3},
    ]
    assert {r["key"]: r["value"] for r in figures["reported"]} == {
        "panelists": 70, "co_conveners": 30, "attendees_online": 2500,
    }  # fmt: skip


def test_memorias_endpoint_lists_only_published_memorias(demo, client):
    memorias = _get(client, "/api/v1/memorias/")
    assert [m["edition"] for m in memorias["results"]] == ["2023", "2022", "2021"]
    memoria = _get(client, "/api/v1/memorias/2021/")
    assert [s["kind"] for s in memoria["sections"]][:2] == ["background", "goals"]
    assert memoria["pdf"].endswith("/ediciones/2021/memoria.pdf")


def test_unpublished_edition_is_invisible_in_the_api(client):
    draft = core.EditionFactory(status="draft")
    core.SessionFactory(edition=draft, code="S0101")
    assert client.get(f"/api/v1/editions/{draft.slug}/").status_code == 404
    assert client.get(f"/api/v1/editions/{draft.slug}/figures/").status_code == 404
    assert _get(client, f"/api/v1/sessions/?edition={draft.slug}")["count"] == 0


def test_people_expose_only_public_profile(client):
    edition = seeded_edition(sessions=1, people_per_session=2)
    people = _get(client, f"/api/v1/people/?edition={edition.slug}")
    assert people["count"] == 2
    assert set(people["results"][0]) == {
        "slug", "public_name", "position", "organisation", "bio", "photo", "website", "url",
    }  # fmt: skip
    session = _get(client, f"/api/v1/sessions/?edition={edition.slug}")["results"][0]
    assert set(session["participants"][0]) == {
        "person",
        "public_name",
        "organisation",
        "role",
        "order",
    }


def test_api_sends_etag_and_answers_304(demo, client):
    first = client.get("/api/v1/sessions/?edition=2021")
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert first["Content-Type"] == "application/json"
    again = client.get("/api/v1/sessions/?edition=2021", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_api_cache_is_never_stale(client):
    edition = seeded_edition(sessions=1)
    before = _get(client, f"/api/v1/sessions/?edition={edition.slug}")["count"]
    from datacon.program.publication import schedule_publish
    from datacon.program.services import session_create

    session_create(
        edition=edition,
        title="Nueva",
        session_type=edition.session_types.first(),
        code="S0150",
        actor=core.SYSTEM,
    )
    # Public from the version that publishes it, and at once in the API.
    assert _get(client, f"/api/v1/sessions/?edition={edition.slug}")["count"] == before
    schedule_publish(edition=edition, actor=core.SYSTEM)
    assert _get(client, f"/api/v1/sessions/?edition={edition.slug}")["count"] == before + 1


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/sessions/",
        "/api/v1/participations/",
        "/api/v1/people/",
        "/api/v1/organisations/",
        "/api/v1/materials/",
        "/api/v1/venues/",
        "/api/v1/editions/",
        "/api/v1/memorias/",
    ],
)
def test_api_list_queries_do_not_grow_with_rows(client, count_queries, path):
    seeded_edition(sessions=2, year=2040)
    first = count_queries(lambda: client.get(path + "?page_size=500"))
    seeded_edition(sessions=8, year=2041)
    cache.clear()
    assert count_queries(lambda: client.get(path + "?page_size=500")) == first


def test_figures_endpoint_queries_do_not_grow_with_sessions(client, count_queries):
    small = seeded_edition(sessions=2, year=2040)
    large = seeded_edition(sessions=9, year=2041)
    counts = []
    for edition in (small, large):
        cache.clear()
        counts.append(
            count_queries(lambda e=edition: client.get(f"/api/v1/editions/{e.slug}/figures/"))
        )
    assert counts[0] == counts[1]


def test_openapi_document_is_json_and_generates_without_warnings(client, tmp_path):
    response = client.get("/api/v1/openapi.json")
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    for path in (
        "/api/v1/sessions/",
        "/api/v1/editions/{slug}/figures/",
        "/api/v1/memorias/{edition}/",
        "/api/v1/datasets/",
    ):
        assert path in document["paths"], path
    parameters = {p["name"] for p in document["paths"]["/api/v1/sessions/"]["get"]["parameters"]}
    assert {"edition", "type", "page", "page_size"} <= parameters
    from django.core.management import call_command

    # Fails (SchemaGenerationError) on any warning, e.g. an untyped field or parameter.
    call_command(
        "spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "openapi.yaml")
    )
    assert (tmp_path / "openapi.yaml").read_text().startswith("openapi: 3.0.3")


def test_api_root_lists_endpoints(client):
    root = _get(client, "/api/v1/")
    assert root["openapi"].endswith("/api/v1/openapi.json")
    assert {"sessions", "editions", "people", "datasets", "memorias"} <= set(root["endpoints"])


def test_datasets_endpoint_documents_columns(demo, client):
    datasets = _get(client, "/api/v1/datasets/")
    sessions = next(d for d in datasets if d["slug"] == "sesiones")
    assert sessions["columns"][1]["name"] == "codigo"
    assert sessions["csv"].endswith("/datos/conferencia/sesiones.csv")
    assert client.get("/api/v1/datasets/no-existe/").status_code == 404
