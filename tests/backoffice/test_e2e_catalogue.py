"""Browser test: the platform's record screens at desktop and phone width. On a kind's
page the menu of record kinds (about 30, under their headings) is closed so the list
comes first (it started below the fold on a desktop), opens with the keyboard, and the
list fits the screen; on the index the kinds are the page and stay open."""

import pytest

from tests import factories
from tests.browser import signed_in_page
from tests.policy.factories import ExpenseFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_kinds_list_comes_first_and_the_index_shows_every_kind(live_server, browser, width):
    ExpenseFactory(description="Servidores del portal")
    page = signed_in_page(browser, live_server, factories.organiser_user(), width)
    page.goto(f"{live_server.url}/gestion/registros/gastos/")
    menu = page.locator(".bo-catalogue-menu .bo-subnav-menu")
    people = menu.get_by_role("link", name="Personas (perfiles públicos)")
    assert (menu.evaluate("details => details.open"), people.is_visible()) == (False, False)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 800
    assert page.get_by_text("Servidores del portal").is_visible() is True
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    assert people.is_visible() is True
    page.goto(f"{live_server.url}/gestion/registros/")
    assert page.get_by_role("link", name="Personas (perfiles públicos)").is_visible() is True
    page.context.close()
