"""Fixtures for the whole suite: isolated caches, a browser, ready-made editions."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(autouse=True)
def isolated_cache(settings) -> None:  # type: ignore[no-untyped-def]
    """Each test gets its own cache namespace.

    Test databases restart their version counters at zero, so two tests (or two
    xdist workers sharing one Redis) would otherwise read each other's pages.
    """
    caches = {name: dict(config) for name, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def spanish_by_default() -> Iterator[None]:
    """Requests to /en/ activate English in the worker thread; start each test in Spanish."""
    from django.utils import translation

    translation.activate("es-mx")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def edition(db):  # type: ignore[no-untyped-def]
    return factories.EditionFactory()


@pytest.fixture
def organiser_user(db):  # type: ignore[no-untyped-def]
    return factories.organiser_user()


@pytest.fixture
def organiser_client(organiser_user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(organiser_user)
    return client


class QueryCounter:
    """Counts the queries a callable runs."""

    def __call__(self, action) -> int:  # type: ignore[no-untyped-def]
        # Django keeps at most 9,000 logged queries per connection and nothing
        # empties the log between captures (the capture unhooks the reset), so a
        # long earlier capture in the same worker left it near the cap and the
        # oldest queries of this one fell out of the count. Start from empty.
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            action()
        return len(captured.captured_queries)


@pytest.fixture
def count_queries() -> QueryCounter:
    return QueryCounter()


@pytest.fixture(scope="session")
def browser() -> Iterator:  # type: ignore[type-arg]
    """Headless Debian Chromium driven by Playwright (no downloaded browser)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    assert CHROMIUM.exists(), (
        "Falta /usr/bin/chromium: ejecute scripts/test.py como root o instale chromium."
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:  # type: ignore[no-untyped-def, type-arg]
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def postgres_only_skip(request) -> None:  # type: ignore[no-untyped-def]
    """Tests marked `postgres_only` (row locks across connections) run only on PostgreSQL;
    the PostgreSQL pass of CI (.ci/run) runs them."""
    if request.node.get_closest_marker("postgres_only") is None:
        return
    from django.db import connection as default_connection

    if default_connection.vendor != "postgresql":
        pytest.skip("Necesita PostgreSQL: bloqueos de fila entre conexiones simultáneas.")
