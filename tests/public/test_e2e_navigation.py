"""Browser tests of the site header: the phone menu, with and without JavaScript."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_phone_menu_opens_closes_with_escape_and_returns_focus(live_server, page):
    factories.EditionFactory()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/")
    toggle = page.get_by_role("button", name="Menú")
    people_link = page.get_by_role("link", name="Personas", exact=True)
    assert toggle.is_visible() is True
    assert toggle.get_attribute("aria-expanded") == "false"
    assert people_link.is_visible() is False

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert people_link.is_visible() is True
    people_link.focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert people_link.is_visible() is False
    assert page.evaluate("document.activeElement.className") == "nav-toggle"


def test_desktop_header_shows_the_whole_menu_and_no_button(live_server, page):
    factories.EditionFactory()
    page.goto(f"{live_server.url}/")
    assert page.get_by_role("button", name="Menú").is_visible() is False
    assert page.get_by_role("link", name="Personas", exact=True).is_visible() is True


def test_phone_menu_without_javascript_is_always_open(live_server, browser):
    factories.EditionFactory()
    context = browser.new_context(
        locale="es-MX", viewport={"width": 375, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert page.locator(".nav-toggle").is_visible() is False
    assert page.get_by_role("link", name="Personas", exact=True).is_visible() is True
    context.close()
