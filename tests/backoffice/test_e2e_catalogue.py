"""Browser test: the platform's record screens on a phone. The menu of record kinds
(about 30, under their headings) is collapsed so the list comes first, opens with the
keyboard, and the list fits the screen; on a desktop the menu stays open."""

import pytest
from django.test import Client

from tests import factories
from tests.policy.factories import ExpenseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _signed_in_page(browser, live_server, user, width):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="es-MX", viewport={"width": width, "height": 800})
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


@pytest.mark.parametrize(("width", "open_"), [(390, False), (1280, True)])
def test_the_record_menu_is_collapsed_on_a_phone_only(live_server, browser, width, open_):
    ExpenseFactory(description="Servidores del portal")
    page = _signed_in_page(browser, live_server, factories.organiser_user(), width)
    page.goto(f"{live_server.url}/gestion/registros/gastos/")
    menu = page.locator(".bo-catalogue-menu .bo-subnav-menu")
    people = menu.get_by_role("link", name="Personas (perfiles públicos)")
    assert (menu.evaluate("details => details.open"), people.is_visible()) == (open_, open_)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    if not open_:
        assert page.get_by_role("heading", level=1).bounding_box()["y"] < 800
        assert page.get_by_text("Servidores del portal").is_visible() is True
        menu.locator("summary").focus()
        page.keyboard.press("Enter")
        assert people.is_visible() is True
    page.context.close()
