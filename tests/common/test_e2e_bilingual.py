"""Browser test of an English page with Spanish fallback (common/bilingual.py)."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_english_session_page_with_spanish_fallback(live_server, page, width):
    session = factories.SessionFactory(
        title="Datos del agua",
        title_en="Water data",
        abstract="Calidad del agua potable en los municipios.",
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/en/ediciones/{session.edition.slug}/sesiones/{session.code}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Water data"
    # The abstract exists only in Spanish: a visible note, and the text marked for a Spanish voice.
    note = page.locator(".lang-note")
    assert (note.is_visible(), note.inner_text()) == (True, "Only available in Spanish")
    spanish = page.locator("[lang='es-MX']", has_text="Calidad del agua potable")
    assert spanish.count() == 1
    assert spanish.is_visible() is True
    # No horizontal scrolling, even on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    # The language switch leads to the same page in Spanish, where nothing is marked.
    page.get_by_role("link", name="Español").click()
    page.wait_for_url(f"**/ediciones/{session.edition.slug}/sesiones/{session.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Datos del agua"
    assert page.locator(".lang-note").count() == 0
