import pytest
from django.test import Client

from datacon.program.services import session_save
from tests import factories

pytestmark = pytest.mark.django_db


def test_public_page_has_etag_and_answers_304_when_unchanged(client, edition):
    session = factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/sesiones/{session.code}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_session_change_through_service_is_visible_on_next_request_everywhere(edition):
    client = Client()
    session = factories.SessionFactory(edition=edition, title="Título original")
    pages = [
        f"/ediciones/{edition.slug}/programa/",
        f"/ediciones/{edition.slug}/sesiones/{session.code}/",
        "/buscar/?q=titulo",
    ]
    session_save(session=session, actor=None)  # fills the search document
    etags = {}
    for url in pages:
        response = client.get(url)
        assert "Título original" in response.content.decode(), url
        etags[url] = response["ETag"]
    session.title = "Título corregido"
    session_save(session=session, actor=None)
    for url in pages:
        response = client.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Título corregido" in html, url
        assert "Título original" not in html, url


def test_cached_page_is_served_from_cache_without_rendering(client, edition, count_queries):
    factories.SessionFactory(edition=edition)
    url = f"/ediciones/{edition.slug}/programa/"
    client.get(url)
    # Second request: only the version lookup (and no template rendering queries).
    assert count_queries(lambda: client.get(url)) == 1


def test_english_and_spanish_pages_are_cached_separately(client, edition):
    client.get(f"/ediciones/{edition.slug}/programa/")
    english = client.get(f"/en/ediciones/{edition.slug}/programa/").content.decode()
    assert '<html lang="en"' in english
