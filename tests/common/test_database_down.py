"""The database unreachable for a moment (PostgreSQL restarting): 503 with Retry-After and a
page in both languages that needs no database, never 500 (issue 13.11).

The outage is real: the request's database connection points at a closed port (PostgreSQL)
or at a file that cannot be opened (SQLite), so every query fails as it would during a restart.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connections
from django.test import Client

from tests import factories
from tests.common.redis_faults import closed_port

pytestmark = pytest.mark.django_db


@contextmanager
def database_unreachable() -> Iterator[None]:
    original = connections["default"]
    settings = copy.deepcopy(original.settings_dict)
    if original.vendor == "postgresql":
        settings["HOST"], settings["PORT"] = "127.0.0.1", closed_port()
    else:
        settings["NAME"] = "/nonexistent-datacon-folder/datacon.sqlite3"
    unreachable = original.__class__(settings, alias="default")
    connections["default"] = unreachable
    try:
        yield
    finally:
        connections["default"] = original
        unreachable.close()


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def test_public_page_answers_503_with_retry_after_in_both_languages():
    client = _client()
    with database_unreachable():
        response = client.get("/ediciones/")
    html = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "5")
    assert response["Cache-Control"] == "no-store"
    assert "Volvemos en unos segundos" in html
    assert "Back in a few seconds" in html
    assert 'class="site-header"' in html


def test_signed_in_write_answers_503_and_the_health_check_too():
    client = _client(factories.organiser_user())
    with database_unreachable():
        page = client.get("/gestion/")
        write = client.post("/cuenta/mis-datos/corregir/", {"first_name": "Ana"})
        health = client.get("/healthz")
        api = client.get("/api/v1/editions/")
    assert [page.status_code, write.status_code, health.status_code, api.status_code] == [
        503,
        503,
        503,
        503,
    ]


def test_other_errors_are_still_500():
    from django.test import RequestFactory

    from datacon.common.views import server_error

    try:
        raise ValueError("un error del código")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")
