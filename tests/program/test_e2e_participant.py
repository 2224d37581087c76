"""Browser test of a participant's own page, in headless Debian Chromium at 360 px: a
co-speaker confirms their participation, writes their bio, and the public person page
shows it at once; before confirming they are on no public page."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Beatriz Coponente Zubiría"


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_co_speaker_confirms_and_writes_a_bio_that_shows_in_public(live_server, browser):
    edition = factories.EditionFactory(year=2024)
    session = factories.SessionFactory(edition=edition, code="S0101", title="Panel abierto")
    user = factories.UserFactory(email="beatriz@example.org")
    person = factories.PersonFactory(public_name=NAME, slug="beatriz-coponente", user=user)
    factories.ParticipationFactory(
        session=session, person=person, role="speaker", status="pending", consent_basis=""
    )
    public = f"{live_server.url}/personas/beatriz-coponente/"
    assert Client().get("/personas/beatriz-coponente/").status_code == 404

    context = browser.new_context(locale="es-MX", viewport={"width": 360, "height": 800})
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/cuenta/")
    page.get_by_role("link", name="Ver mis participaciones").click()
    page.wait_for_url("**/cuenta/participaciones/")
    assert _fits(page)
    expect(page.get_by_role("heading", name="S0101 · Panel abierto")).to_be_visible()
    page.get_by_role("button", name="Confirmo mi participación").click()
    expect(page.get_by_text("Gracias: confirmó su participación.")).to_be_visible()

    page.get_by_role("link", name="Editar mi perfil").click()
    page.wait_for_url("**/cuenta/participaciones/perfil/")
    assert _fits(page)
    page.get_by_role("textbox", name="Semblanza").fill(
        "Investiga el uso de **datos abiertos** locales."
    )
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url("**/cuenta/participaciones/")

    page.goto(public)
    expect(page.locator("h1")).to_have_text(NAME)
    expect(page.locator(".prose")).to_contain_text("Investiga el uso de datos abiertos locales.")
    context.close()
