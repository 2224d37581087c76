"""The open-data panel and the static archive are for back-office readers, not any staff."""

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_staff_account_without_a_back_office_role_gets_403():
    edition = factories.EditionFactory()
    client = _client(factories.UserFactory(is_staff=True))
    assert client.get("/gestion/datos/").status_code == 403
    assert client.get(f"/gestion/datos/{edition.slug}/archivo.zip").status_code == 403


def test_back_office_readers_open_the_panel():
    assert _client(factories.read_only_staff_user()).get("/gestion/datos/").status_code == 200
    assert _client(factories.organiser_user()).get("/gestion/datos/").status_code == 200
