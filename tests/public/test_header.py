"""The site header: semantic navigation, one list item per link."""

import lxml.html
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _main_nav_items(client: Client) -> list[str]:
    tree = lxml.html.fromstring(client.get("/").content)
    (nav,) = tree.xpath("//header//nav[contains(@class, 'main-nav')]")
    return [" ".join(li.text_content().split()) for li in nav.xpath("./ul/li")]


def test_account_and_back_office_links_are_separate_items(organiser_client):
    items = _main_nav_items(organiser_client)
    assert items[-2:] == ["Mi cuenta", "Gestión"]


def test_a_visitor_sees_one_item_to_sign_in():
    items = _main_nav_items(Client())
    assert items[-1] == "Entrar"
    assert "Mi cuenta" not in items
