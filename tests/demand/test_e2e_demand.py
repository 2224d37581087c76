"""Browser test of the demand flow a new user follows, in headless Debian Chromium.

The demo's sample is imported and analysed; an organiser promotes a repeated
question into the registry in one click; a signed-in person supports it; the
registry's CSV shows it with its support.
"""

import csv
import io

import pytest
from playwright.sync_api import expect

from datacon.demand.models import InformationNeed
from tests import factories
from tests.browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_promote_a_repeated_question_support_it_and_find_it_in_the_csv(
    load_demo, live_server, browser
):
    load_demo(with_demo_users=False)
    organiser = factories.organiser_user()
    staff = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    page.set_default_timeout(15_000)
    sign_in(page.context, live_server, organiser)

    page.goto(f"{live_server.url}/demanda/solicitudes/")
    assert "243" in page.locator(".figures").inner_text()
    page.get_by_role("link", name="Preguntas repetidas", exact=True).click()
    page.wait_for_url("**/demanda/preguntas-repetidas/")
    first = page.locator(".repeated-item").first
    question = first.locator("blockquote").inner_text()
    first.get_by_role("button", name="Promover al registro").click()
    page.wait_for_url("**/gestion/demanda/necesidades/*/")
    expect(page.locator(".messages")).to_contain_text("está ahora en el registro")
    need = InformationNeed.objects.get(origin="requests")
    assert need.holders.count() == 1

    member_context = browser.new_context(locale="es-MX", viewport={"width": 375, "height": 800})
    member = member_context.new_page()
    member.set_default_timeout(15_000)
    sign_in(member.context, live_server, factories.UserFactory())
    member.goto(f"{live_server.url}/demanda/necesidades/{need.slug}/")
    assert question[:40] in member.locator("section[aria-labelledby=what-title]").inner_text()
    member.get_by_role("button", name="Apoyar: yo también la necesito").click()
    expect(member.locator(".need-aside")).to_contain_text("Usted apoya esta necesidad.")
    assert member.locator(".need-support-count strong").inner_text() == "1"

    response = member.request.get(f"{live_server.url}/demanda/datos/necesidades-de-informacion.csv")
    rows = list(csv.DictReader(io.StringIO(response.text().lstrip("\ufeff"))))
    promoted = next(row for row in rows if row["slug"] == need.slug)
    assert (promoted["apoyos"], promoted["origen"], promoted["estado"]) == (
        "1",
        "requests",
        "proposed",
    )
    staff.close()
    member_context.close()


def test_need_page_support_button_works_with_the_keyboard(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    sign_in(page.context, live_server, factories.UserFactory())
    page.goto(f"{live_server.url}/demanda/necesidades/demo-calidad-agua-por-colonia/")
    button = page.get_by_role("button", name="Apoyar: yo también la necesito")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".need-aside")).to_contain_text("Usted apoya esta necesidad.")


def test_demand_pages_fit_a_phone(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.set_viewport_size({"width": 375, "height": 800})
    for path in (
        "/demanda/",
        "/demanda/solicitudes/",
        "/demanda/necesidades/contrataciones-publicas-datos-abiertos/",
    ):
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
