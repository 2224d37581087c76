"""Phone-first pages, in headless Chromium at 360 and 390 px.

* A crawl of the site (public pages and /gestion/ as an organiser, over the
  demo) finds every page wider than a 360 px screen.
* Wide tables become cards on a phone, led by the column that matters.
* The back-office menu is collapsed on a phone and opens with the keyboard.

Set DATACON_SCREENSHOTS=<folder> to keep a screenshot of each page the tests
look at (for a person to check them; the tests never compare pixels).
"""

import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from tests import factories
from tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = 360
# Pages per route: one, so the crawl stays under a couple of minutes.
PER_ROUTE = 1
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


def _phone(browser, live_server, user=None, width=PHONE):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="es-MX", viewport={"width": width, "height": 800})
    if user is not None:
        sign_in(context, live_server, user)
    page = context.new_page()
    # generous: the machine running the suite may be busy; a failure is not a timeout
    page.set_default_timeout(60_000)
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


def test_no_page_of_the_site_is_wider_than_a_360_px_phone(load_demo, live_server, browser):
    started = time.monotonic()
    load_demo(with_demo_users=False)
    organiser = factories.organiser_user()
    page = _phone(browser, live_server, organiser)
    print(f"demo loaded in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    widths, routes = _crawl_widths(page, live_server.url, ["/", "/gestion/"])
    seconds = time.monotonic() - started
    print(f"phone crawl: {len(widths)} pages of {routes} routes in {seconds:.0f} s")
    offenders = {path: width for path, width in sorted(widths.items()) if width > PHONE}
    page.context.close()
    assert len(widths) > 100
    assert offenders == {}, "Más anchas que 360 px:\n" + "\n".join(
        f"{path} ({width} px)" for path, width in offenders.items()
    )


# The cells of a card in the order a person sees them (top to bottom, left to right).
CARD_CELLS = """row => [...row.children]
    .filter(cell => cell.offsetParent !== null)
    .map(cell => ({box: cell.getBoundingClientRect(), text: cell.innerText.trim(),
                   size: parseFloat(getComputedStyle(cell).fontSize)}))
    .sort((a, b) => (a.box.top - b.box.top) || (a.box.left - b.box.left))
    .map(cell => ({text: cell.text, size: cell.size, right: cell.box.right}))"""


@pytest.mark.parametrize("width", [360, 390])
def test_wide_tables_become_cards_led_by_the_column_that_matters(
    load_demo, live_server, browser, width
):
    load_demo(with_demo_users=False)
    page = _phone(browser, live_server, width=width)
    checks = (
        ("/politica/abramos-mexico/transparencia/", "table.expenses", [r"\$[\d,]+\.\d\d"]),
        ("/politica/abramos-mexico/compromisos/", "table.commitments", [r"\d+ %"]),
        ("/demanda/candidatos/", "table.demand-table", [r"\d[\d,]*", r"\d+\.\d\d"]),
    )
    for path, table, leads in checks:
        page.goto(f"{live_server.url}{path}")
        _shot(page, f"{width}-{path.strip('/').replace('/', '-')}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        for row in page.locator(f"{table} > tbody > tr").all()[:3]:
            cells = row.evaluate(CARD_CELLS)
            first = [cell["text"] for cell in cells[: len(leads)]]
            matches = [
                bool(re.fullmatch(lead, text)) for lead, text in zip(leads, first, strict=True)
            ]
            assert matches == [True] * len(leads), (path, first)
            # the lead is larger than every other cell of the card, and the card fits
            assert min(c["size"] for c in cells[: len(leads)]) > max(
                c["size"] for c in cells[len(leads) :]
            ), path
            assert max(c["right"] for c in cells) <= width, path
    page.context.close()


def test_wide_tables_stay_tables_on_a_desktop(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/politica/abramos-mexico/transparencia/")
    assert page.locator("table.expenses").evaluate("t => getComputedStyle(t).display") == "table"
    assert page.locator("table.expenses thead").is_visible() is True


def test_back_office_menu_is_collapsed_on_a_phone_and_opens_with_the_keyboard(live_server, browser):
    factories.EditionFactory()
    page = _phone(browser, live_server, factories.organiser_user(), width=390)
    page.goto(f"{live_server.url}/gestion/")
    _shot(page, "390-gestion")
    menu = page.locator("#bo-menu")
    summary = menu.locator("summary")
    policy = page.locator(".bo-nav").get_by_role("link", name="Política nacional")
    assert summary.is_visible() is True
    assert menu.evaluate("details => details.open") is False
    assert policy.is_visible() is False
    # the page's heading is on the first screen, not under fifteen links
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 400

    summary.focus()
    page.keyboard.press("Enter")
    assert menu.evaluate("details => details.open") is True
    assert policy.is_visible() is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Inicio de gestión"
    page.keyboard.press("Escape")
    assert menu.evaluate("details => details.open") is False
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    assert policy.is_visible() is True
    page.context.close()


def test_back_office_menu_is_open_on_a_desktop_and_without_javascript(live_server, browser):
    factories.EditionFactory()
    organiser = factories.organiser_user()
    desktop = _phone(browser, live_server, organiser, width=1280)
    desktop.goto(f"{live_server.url}/gestion/")
    assert (
        desktop.locator(".bo-nav").get_by_role("link", name="Política nacional").is_visible()
        is True
    )
    desktop.context.close()

    context = browser.new_context(
        locale="es-MX", viewport={"width": 360, "height": 800}, java_script_enabled=False
    )
    sign_in(context, live_server, organiser)
    page = context.new_page()
    page.goto(f"{live_server.url}/gestion/")
    assert (
        page.locator(".bo-nav").get_by_role("link", name="Política nacional").is_visible() is True
    )
    context.close()


@pytest.mark.parametrize(("width", "open_"), [(390, False), (1280, True)])
def test_edition_configuration_menu_is_collapsed_on_a_phone_only(
    live_server, browser, width, open_
):
    """Its 15 kinds filled the first screen of every configuration page on a phone."""
    edition = factories.EditionFactory()
    page = _phone(browser, live_server, factories.organiser_user(), width=width)
    page.goto(f"{live_server.url}/gestion/ediciones/{edition.slug}/configuracion/sesiones/")
    menu = page.locator(".bo-subnav-menu")
    rooms = menu.get_by_role("link", name="Salas")
    assert (menu.evaluate("details => details.open"), rooms.is_visible()) == (open_, open_)
    if not open_:
        assert page.get_by_role("heading", level=1).bounding_box()["y"] < 800
        menu.locator("summary").focus()
        page.keyboard.press("Enter")
        assert rooms.is_visible() is True
        page.keyboard.press("Escape")
        assert menu.evaluate("details => details.open") is False
    page.context.close()
