"""Phone-first pages, in headless Chromium at 360 and 390 px.

* A crawl of the site (public pages and /gestion/ as an organiser, over the
  demo) finds every page wider than a 360 px screen.
* Wide tables become cards on a phone, led by the column that matters.
* The back-office menu is collapsed on a phone and opens with the keyboard.

Set DATACON_SCREENSHOTS=<folder> to keep a screenshot of each page the tests
look at (for a person to check them; the tests never compare pixels).
"""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from django.urls import Resolver404, resolve

from datacon.demo.loader import demo_load
from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = 360
# Pages per route: two at most, so the crawl stays under a couple of minutes.
PER_ROUTE = 2
# Not pages: files, feeds, the API and the Django admin (a superuser's repair tool).
NOT_PAGES = (
    ".csv",
    ".json",
    ".jsonld",
    ".xml",
    ".ics",
    ".pdf",
    ".zip",
    ".txt",
    ".svg",
    ".png",
    ".jpg",
    ".xlsx",
    ".rdf",
    ".ttl",
    ".geojson",
)
SKIP_PREFIXES = ("/admin/", "/api/", "/cuentas/logout", "/media/", "/static/", "/en/")


def _sign_in(context, live_server, user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _phone(browser, live_server, user=None, width=PHONE):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="es-MX", viewport={"width": width, "height": 800})
    if user is not None:
        _sign_in(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("DATACON_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _crawl_widths(page, base: str, starts: list[str]) -> tuple[dict[str, int], int]:  # type: ignore[no-untyped-def]
    """Visit up to PER_ROUTE pages of each route reached by links; their widths."""
    queue = list(starts)
    seen = set(starts)
    visits: dict[str, int] = {}
    widths: dict[str, int] = {}
    while queue:
        path = queue.pop(0)
        name = _route(path)
        if name is None or visits.get(name, 0) >= PER_ROUTE:
            continue
        visits[name] = visits.get(name, 0) + 1
        try:
            response = page.goto(base + path, wait_until="domcontentloaded")
        except PlaywrightError:  # a download, not a page
            continue
        if response is None or response.status != 200:
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(link)
            target = parts.path
            if parts.netloc != urlsplit(base).netloc or target in seen:
                continue
            if target.endswith(NOT_PAGES) or target.startswith(SKIP_PREFIXES):
                continue
            seen.add(target)
            queue.append(target)
    return widths, len(visits)


def test_no_page_of_the_site_is_wider_than_a_360_px_phone(live_server, browser):
    started = time.monotonic()
    demo_load(with_demo_users=False)
    organiser = factories.organiser_user()
    page = _phone(browser, live_server, organiser)
    print(f"demo loaded in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    widths, routes = _crawl_widths(page, live_server.url, ["/", "/gestion/"])
    seconds = time.monotonic() - started
    print(f"phone crawl: {len(widths)} pages of {routes} routes in {seconds:.0f} s")
    offenders = {path: width for path, width in sorted(widths.items()) if width > PHONE}
    assert len(widths) > 100
    assert offenders == {}
    page.context.close()
