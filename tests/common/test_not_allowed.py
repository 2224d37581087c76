"""A plain visit to a POST-only address: a 405 page, not a blank one."""

import json

import lxml.html
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SUPPORT_URL = "/consultas/una-consulta/comentarios/1/apoyo/"


def _signed_in() -> Client:
    """Who may reach an action is checked first (an anonymous visitor is sent to
    log in); the 405 page is for those who may, opening it by hand."""
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    return client


def test_opening_a_post_only_address_shows_the_spanish_405_page():
    response = _signed_in().get(
        SUPPORT_URL, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    tree = lxml.html.fromstring(response.content)
    assert tree.get("lang") == "es-MX"
    assert tree.xpath("string(//main//h1)") == "Esta dirección no se abre directamente"
    assert "solo funciona con el botón de su formulario" in tree.xpath("string(//main)")
    assert tree.xpath("//main//a[@class='button']/@href") == ["/"]


def test_the_page_links_back_to_the_page_the_visitor_came_from(organiser_client):
    response = organiser_client.get(
        "/ediciones/2021/registro/talleres/T1/", HTTP_REFERER="http://testserver/cuenta/"
    )
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//main//a[@class='button']/@href") == ["http://testserver/cuenta/"]


def test_a_link_back_to_another_site_is_not_offered():
    response = _signed_in().get(SUPPORT_URL, HTTP_REFERER="https://elsewhere.example/")
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("//main//a[@class='button']/@href") == ["/"]


def test_the_page_speaks_english_under_en():
    response = _signed_in().get("/en" + SUPPORT_URL)
    assert response.status_code == 405
    tree = lxml.html.fromstring(response.content)
    assert tree.get("lang") == "en"
    assert tree.xpath("string(//main//h1)") == "This address is not opened directly"


def test_a_json_client_gets_json_with_the_allow_header():
    response = _signed_in().get(SUPPORT_URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": 'Método "GET" no permitido.'}
