"""Browser test: an organiser gives a person the check-in duty for one edition from the
back office (on a phone), and that person then opens the edition's check-in page."""

import pytest
from playwright.sync_api import expect

from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories
from tests.browser import signed_in_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_grant_the_checkin_duty_and_the_person_reaches_the_checkin_page(live_server, browser):
    edition = factories.EditionFactory(title="DATACON Prueba")
    organiser = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=organiser, duty=EditionDuty.ORGANISER)
    staff = factories.UserFactory(email="puerta.norte@example.org")
    checkin_url = f"{live_server.url}/gestion/registro/{edition.slug}/acceso/"

    door = signed_in_page(browser, live_server, staff, 360)
    assert door.goto(checkin_url).status == 403

    desk = signed_in_page(browser, live_server, organiser, 360)
    desk.goto(f"{live_server.url}/gestion/")
    desk.get_by_text("Menú de gestión").click()  # on a phone the menu opens first
    desk.get_by_role("link", name="Funciones por edición").click()
    desk.get_by_role("link", name="DATACON Prueba").click()
    desk.wait_for_url(f"**/gestion/ediciones/{edition.slug}/funciones/")
    desk.get_by_label("Correo de la cuenta").fill("nadie@example.org")
    desk.get_by_role("combobox", name="Función").select_option("checkin")
    desk.get_by_label("Nota (opcional)").fill("Puerta norte")
    desk.get_by_role("button", name="Otorgar la función").click()
    expect(desk.get_by_role("alert")).to_contain_text("Revise los campos marcados.")
    expect(desk.locator("form.stacked")).to_contain_text("No hay ninguna cuenta con ese correo")
    expect(desk.get_by_label("Nota (opcional)")).to_have_value("Puerta norte")
    expect(desk.get_by_role("combobox", name="Función")).to_have_value("checkin")
    desk.get_by_label("Correo de la cuenta").fill("puerta.norte@example.org")
    desk.get_by_role("button", name="Otorgar la función").click()
    expect(desk.locator(".role-list")).to_contain_text("puerta.norte@example.org")
    expect(desk.locator(".role-history")).to_contain_text("Otorgada")
    assert _fits(desk)

    assert door.goto(checkin_url).status == 200
    expect(door.get_by_role("heading", level=1)).to_be_visible()

    # Revoked, the door closes again.
    card = desk.locator(".role-card", has_text="puerta.norte@example.org")
    card.locator("summary").click()
    card.get_by_role("button", name="Sí, revocar").click()
    expect(desk.locator(".role-history")).to_contain_text("Revocada")
    assert door.goto(checkin_url).status == 403
