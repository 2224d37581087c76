"""CORS on public data (issue 14.1): on the first response, on every cached one and on
304s; never on signed-in requests, personal data or pages not declared as open data.
The page cache replays only the headers of its allow-list."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from datacon.common.http import PASSED_HEADERS, public_page
from datacon.common.versions import CONFERENCE
from tests import factories

pytestmark = pytest.mark.django_db

CORS = "Access-Control-Allow-Origin"


@pytest.fixture
def data(edition):  # type: ignore[no-untyped-def]
    session = factories.SessionFactory(edition=edition)
    factories.ParticipationFactory(session=session)
    return edition, session


def _open_data_urls(edition, session) -> list[str]:  # type: ignore[no-untyped-def]
    slug = edition.slug
    return [
        "/datos/",
        "/datos/conferencia/sesiones.csv",
        "/datos/conferencia/sesiones.json",
        "/datos/datapackage.json",
        "/datos/catalogo.ttl",
        "/datos/catalogo.jsonld",
        f"/ediciones/{slug}/datos/",
        f"/ediciones/{slug}/datos/datapackage.json",
        f"/ediciones/{slug}/datos/conferencia/sesiones.csv",
        f"/ediciones/{slug}/schedule.xml",
        f"/ediciones/{slug}/schedule.json",
        f"/ediciones/{slug}/calendario.ics",
        f"/ediciones/{slug}/sesiones/{session.code}/calendario.ics",
        f"/ediciones/{slug}/mi-seleccion.ics?sesiones={session.code}",
        "/api/v1/",
        "/api/v1/sessions/",
        f"/api/v1/editions/{slug}/",
        "/api/v1/openapi.json",
        "/api/v1/demanda/necesidades/",  # routes outside the page cache too
        "/api/v1/politica/procesos/",
        "/api/v1/consultas/consultas/",
        "/demanda/datos/necesidades-de-informacion.csv",
    ]


def test_open_data_carries_cors_first_cached_and_304(data):  # type: ignore[no-untyped-def]
    edition, session = data
    client = Client()
    for url in _open_data_urls(edition, session):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first[CORS] == "*", url
        assert "ETag" in first["Access-Control-Expose-Headers"], url
        cached = client.get(url)
        assert cached[CORS] == "*", url
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert zipped[CORS] == "*", url
        if "ETag" in first:
            again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304, url
            assert again[CORS] == "*", url


def test_no_cors_for_signed_in_requests_personal_data_or_ordinary_pages(data):  # type: ignore[no-untyped-def]
    edition, _session = data
    user = factories.UserFactory()
    signed_in = Client()
    signed_in.force_login(user)
    for url in ["/datos/conferencia/sesiones.csv", "/api/v1/sessions/", "/datos/"]:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert not response.has_header(CORS), url
    for url in ["/cuenta/", "/cuenta/mis-datos/descargar.csv", "/cuenta/mis-datos/descargar.json"]:
        assert not signed_in.get(url).has_header(CORS), url
    anonymous = Client()
    for url in [f"/ediciones/{edition.slug}/programa/", f"/ediciones/{edition.slug}/", "/"]:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert not response.has_header(CORS), url
        assert not anonymous.get(url).has_header(CORS), url  # nor from the cache


def test_unknown_api_address_answers_json_404_with_cors(client):  # type: ignore[no-untyped-def]
    for url in ["/api/v1/no-existe/", "/api/v2/", "/api/v1/sessions/no/existe/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json", url
        assert json.loads(response.content) == {"detail": "No encontrado."}, url
        assert response[CORS] == "*", url
    missing = client.get("/api/v1/editions/1999/")
    assert missing.status_code == 404
    assert missing[CORS] == "*"
    assert client.get("/api/v1/sessions").status_code == 301  # APPEND_SLASH still works
    assert b"<html" in client.get("/no-existe/").content  # the site keeps its HTML page


def test_the_cache_replays_only_allowed_headers(settings):  # type: ignore[no-untyped-def]
    def view(request):  # type: ignore[no-untyped-def]
        response = HttpResponse("x" * 2000, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="x.txt"'
        response["X-Secret-Debug"] = "only the first response"
        response[CORS] = "*"  # not declared: the cache removes it
        return response

    from django.contrib.auth.models import AnonymousUser

    cached_view = public_page([CONFERENCE])(view)
    request = RequestFactory().get("/x")
    request.user = AnonymousUser()
    first = cached_view(request)
    second = cached_view(request)
    for response in (first, second):
        assert response["Content-Disposition"] == 'inline; filename="x.txt"'
        assert not response.has_header(CORS)
    assert not second.has_header("X-Secret-Debug")
    assert PASSED_HEADERS == (
        "Content-Type",
        "Content-Disposition",
        "Content-Language",
        "Link",
    )
    declared = public_page([CONFERENCE], cors=True)(view)
    assert declared(request)[CORS] == "*"
    assert declared(request)[CORS] == "*"
