"""Browser test of a contribution to the record, in headless Debian Chromium: a person
proposes a video link with its source on a phone, the edition's organiser accepts it
in the back office, and the edition's page shows it with the credit the person chose."""

import pytest
from playwright.sync_api import expect

from datacon.contributions.models import Contribution, ContributionStatus
from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories
from tests.browser import signed_in_page
from tests.contributions.factories import past_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_propose_review_and_publish_with_credit(live_server, browser):
    edition = past_edition(year=2022)
    contributor = factories.UserFactory()
    organiser = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=organiser, duty=EditionDuty.ORGANISER)

    # A person proposes on a 360 px phone.
    phone = signed_in_page(browser, live_server, contributor, 360)
    phone.goto(f"{live_server.url}/ediciones/{edition.slug}/")
    phone.get_by_role("link", name="Aportar al registro").click()
    phone.wait_for_url(f"**/ediciones/{edition.slug}/aportar/")
    assert _fits(phone)
    phone.get_by_label("¿Qué aporta?").select_option("video")
    phone.get_by_label("¿Sobre qué es?").fill("Inauguración")
    phone.get_by_label("Su aportación").fill(
        "El video completo de la inauguración sigue publicado."
    )
    phone.get_by_label("Dirección (URL) de la fuente").fill("no es una dirección")
    phone.get_by_label("Título de la fuente").fill("Inauguración de DATACON 2022")
    phone.get_by_label("Quiero que mi nombre aparezca").check()
    phone.get_by_label("Nombre con el que quiere aparecer").fill("Ana Pérez")
    phone.get_by_role("button", name="Enviar la aportación").click()
    expect(phone.get_by_role("alert")).to_contain_text("Revise los campos marcados.")
    # What was typed is still there; only the address needs fixing.
    expect(phone.get_by_label("¿Sobre qué es?")).to_have_value("Inauguración")
    expect(phone.get_by_label("Nombre con el que quiere aparecer")).to_have_value("Ana Pérez")
    expect(phone.get_by_label("Quiero que mi nombre aparezca")).to_be_checked()
    phone.get_by_label("Dirección (URL) de la fuente").fill("https://example.org/datacon-2022")
    phone.get_by_role("button", name="Enviar la aportación").click()
    phone.wait_for_url("**/cuenta/aportaciones/")
    expect(phone.locator(".contribution-list")).to_contain_text("Por revisar")
    assert _fits(phone)
    contribution = Contribution.objects.get()
    assert (contribution.created_by_id, contribution.credit_name) == (contributor.pk, "Ana Pérez")

    # The edition's organiser accepts it in the back office.
    desk = signed_in_page(browser, live_server, organiser, 1280)
    desk.goto(f"{live_server.url}/gestion/")
    desk.get_by_role("link", name="Aportaciones al registro").click()
    desk.get_by_role("link", name=edition.title).click()
    desk.wait_for_url(f"**/gestion/ediciones/{edition.slug}/aportaciones/")
    panel = desk.locator("article.contribution")
    expect(panel).to_contain_text("El video completo de la inauguración")
    expect(panel).to_contain_text("Ana Pérez")
    panel.get_by_role("button", name="Aceptar y publicar").click()
    expect(desk.locator(".messages")).to_contain_text("Aportación aceptada")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.ACCEPTED

    # Anyone sees it on the edition's page, with its source and the chosen credit.
    visitor = browser.new_context(locale="es-MX", viewport={"width": 360, "height": 800})
    public = visitor.new_page()
    public.goto(f"{live_server.url}/ediciones/{edition.slug}/")
    section = public.locator("section.edition-contributions")
    expect(section).to_contain_text("El video completo de la inauguración sigue publicado.")
    expect(section).to_contain_text("Aportó: Ana Pérez")
    expect(section.get_by_role("link", name="Inauguración de DATACON 2022")).to_have_attribute(
        "href", "https://example.org/datacon-2022"
    )
    assert _fits(public)
    # The contributor's account shows the decision.
    phone.goto(f"{live_server.url}/cuenta/")
    expect(phone.locator("#account-contributions-title")).to_be_visible()
    expect(phone.locator(".contribution-list")).to_contain_text("Aceptada")
    for context in (phone.context, desk.context, visitor):
        context.close()
