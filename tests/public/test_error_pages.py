"""Error pages: in the site's frame, in the visitor's language, saying what to do next."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_not_found_page_is_spanish_inside_the_site_frame():
    response = Client().get("/esta-pagina-no-existe/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="es-MX">' in html
    assert "No encontramos esta página" in html
    assert 'href="/ediciones/"' in html


def test_not_found_page_in_english_under_en():
    response = Client().get("/en/this-page-does-not-exist/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "We could not find this page" in html


def test_csrf_failure_explains_that_nothing_was_saved(organiser_client):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ediciones/", {"q": "x"})
    assert response.status_code == 403
    assert "No se guardó nada" in response.content.decode()


def test_server_error_page_renders_without_the_database(django_assert_max_num_queries):
    # The 500 handler runs when something already failed, maybe the database:
    # it renders the site frame without a request context and without a query.
    from django.test import RequestFactory

    from datacon.common.views import server_error

    with django_assert_max_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Algo falló de nuestro lado" in html
    assert 'class="site-header"' in html
