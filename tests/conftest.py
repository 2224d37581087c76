"""Fixtures for the whole suite: isolated caches, a browser, ready-made editions."""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.demo_snapshot import DemoSnapshots, demo_for_module

CHROMIUM = Path("/usr/bin/chromium")


# Seconds each test module took in a recent whole run (setup, call and teardown of its
# tests): the order in which workers take modules. Refresh it with
# `DATACON_RECORD_DURATIONS=1 python3 scripts/test.py --no-lint`; a stale or missing
# entry only makes the two workers finish less together, never changes a result.
MODULE_DURATIONS = Path(__file__).with_name("module_durations.json")


def pytest_configure(config: pytest.Config) -> None:
    """With workers (`-n 2`), a test module runs whole on one worker (`--dist loadfile`)
    instead of test by test on any (`load`, xdist's default for -n).

    Many modules build their data once (the demo and the route matrix's crawl,
    module-scoped fixtures, seconds each); split over two workers, both built it.
    Modules are handed out longest first (pytest_collection_modifyitems), so the
    short ones fill the end and both workers finish about together; xdist's own
    order (most tests first) left a two-minute browser module for the end.
    """
    if getattr(config.option, "dist", "no") == "load":
        config.option.dist = "loadfile"
        config.option.loadscopereorder = False
    if os.environ.get("DATACON_RECORD_DURATIONS") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_DurationRecorder(), "datacon-durations")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Longest modules first, each module's tests in their own order (a stable sort)."""
    known: dict[str, float] = {}
    if MODULE_DURATIONS.exists():
        known = json.loads(MODULE_DURATIONS.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        counts[module] = counts.get(module, 0) + 1

    def longest_first(item: pytest.Item) -> tuple[float, str]:
        module = item.nodeid.split("::", 1)[0]
        # A module not measured yet: about half a second per test, the suite's mean.
        return (-known.get(module, 0.5 * counts[module]), module)

    items.sort(key=longest_first)


class _DurationRecorder:
    """Adds up each module's seconds as reports arrive (from every worker) and writes
    MODULE_DURATIONS at the end of a run that passed."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        module = report.nodeid.split("::", 1)[0]
        self.seconds[module] = self.seconds.get(module, 0.0) + report.duration

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus != 0:
            return
        rounded = {module: round(seconds, 1) for module, seconds in sorted(self.seconds.items())}
        MODULE_DURATIONS.write_text(json.dumps(rounded, indent=1) + "\n", encoding="utf-8")


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


@pytest.fixture
def superuser_client(db) -> Client:  # type: ignore[no-untyped-def]
    """The only account that enters the Django admin (superusers' repairs)."""
    client = Client()
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
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
    # A request Chromium still had open is served by one of the live server's threads;
    # that thread closes the shared in-memory database connection when it ends. Let it
    # end now, while the live server (stopped after this, see live_server below) still
    # allows sharing the connection, instead of raising in the thread afterwards.
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(live_server, browser):  # type: ignore[no-untyped-def]
    """pytest-django's live server, stopped only after the browser is closed (fixtures
    are torn down in the reverse order of their setup)."""
    return live_server


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


# --- the write path's runtime guard ---------------------------------------------------------

_DATACON_DIR = str(Path(__file__).resolve().parent.parent / "datacon") + "/"
_WRITE_PATH_FILE = _DATACON_DIR + "common/write.py"
# The demo app's loaders and load-data generators write in bulk on purpose (the app is
# not installed in production).
_GENERATORS = "demo/"
# Modules still writing the old way when the guard came; this set only shrinks
# (see LEGACY in tests/common/test_write_guards.py for the static half).
_RUNTIME_LEGACY: set[str] = set()


def _platform_caller() -> str | None:
    """The innermost frame of our own code (datacon/) that led to this save, if any.

    A save that test code makes itself (factories, fixtures) is setup, not the
    code under test, and is allowed; one made by our code must be in a unit of work.
    """
    import sys

    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(_DATACON_DIR) and "/migrations/" not in filename:
            relative = filename.removeprefix(_DATACON_DIR)
            if (
                filename == _WRITE_PATH_FILE
                or relative in _RUNTIME_LEGACY
                or relative.startswith(_GENERATORS)
            ):
                return None
            return f"{relative}:{frame.f_lineno} ({frame.f_code.co_name})"
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def public_writes_go_through_the_unit_of_work() -> Iterator[None]:
    """Fails a test in which our code saved or deleted a record that feeds public pages
    with no unit of work open (datacon.common.write): its cache versions would not move."""
    from django.db.models.signals import pre_delete, pre_save

    from datacon.common.write import current_work

    violations: list[str] = []

    def check(sender, instance, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not hasattr(sender, "public_scopes") or current_work() is not None:
            return
        caller = _platform_caller()
        if caller is not None:
            violations.append(
                f"{sender.__name__} guardado o borrado fuera del write path en {caller}"
            )

    pre_save.connect(check, weak=False, dispatch_uid="write-path-guard-save")
    pre_delete.connect(check, weak=False, dispatch_uid="write-path-guard-delete")
    yield
    pre_save.disconnect(dispatch_uid="write-path-guard-save")
    pre_delete.disconnect(dispatch_uid="write-path-guard-delete")
    if violations:
        pytest.fail("\n".join(sorted(set(violations))), pytrace=False)


# --- the demo, loaded once per module ---------------------------------------------------------


@pytest.fixture(scope="session")
def demo_snapshots(tmp_path_factory) -> DemoSnapshots:  # type: ignore[no-untyped-def]
    """This worker's copies of the loaded demo (tests/demo_snapshot.py)."""
    return DemoSnapshots(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, demo_snapshots) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The report of the module's demo load (what the first load on an empty database did)."""
    with demo_for_module(django_db_blocker, demo_snapshots, with_demo_users=False) as report:
        yield report


@pytest.fixture(scope="module")
def demo_users_data(django_db_setup, django_db_blocker, demo_snapshots) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """As demo_data, with the demo's accounts (`demo_load(with_demo_users=True)`).
    A module uses one of the two, never both (each replaces the other's database)."""
    with demo_for_module(django_db_blocker, demo_snapshots, with_demo_users=True) as report:
        yield report


@pytest.fixture
def demo(demo_data, db) -> Any:  # type: ignore[no-untyped-def]
    """The demo data for one test (see tests/demo_snapshot.py: demo_for_module); the module's first load's report."""
    return demo_data


@pytest.fixture
def demo_users(demo_users_data, db) -> Any:  # type: ignore[no-untyped-def]
    """The demo with its accounts for one test; the module's first load's report."""
    return demo_users_data


@pytest.fixture
def load_demo(demo_snapshots) -> Any:  # type: ignore[no-untyped-def]
    """`load_demo(with_demo_users=...)` for tests outside a transaction (live-server and
    other transactional tests): the demo committed to the database, the files it wrote
    in this test's MEDIA_ROOT, and the report of the loader's run (tests/demo_snapshot.py).
    A test of the loader itself calls datacon.demo.loader.demo_load."""
    return demo_snapshots.load
