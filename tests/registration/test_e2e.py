"""Tried as a new user would, in headless Chromium: create an account (with consent),
register for the demo edition, take the last workshop seat, see the waiting list work,
check in from a phone-sized window, download the data and delete the account."""

import base64
import json
import re

import icalendar
import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from datacon.common.models import OutboundEmail
from datacon.demo.loader import DEMO_ORGANISER_EMAIL, DEMO_ORGANISER_PASSWORD
from datacon.registration.models import Registration, SessionSignup
from tests.registration.factories import attendee_user, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_EMAIL = "persona.nueva@correo-privado.example"
NEW_PASSWORD = "una-clave-larga-segura-2027"


def _login(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/cuentas/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_new_person_registers_takes_a_workshop_seat_checks_in_and_deletes_the_account(
    load_demo, live_server, page, browser, settings
):
    load_demo(with_demo_users=True)
    base = live_server.url
    # E-mails link to the public address (as scripts/demo.py sets it from where it serves).
    settings.DATACON_PUBLIC_URL = base

    # 1. Create an account: the short notice is on the form and consent is explicit.
    page.goto(f"{base}/ediciones/2027-demo/registro/")
    page.get_by_role("link", name="Crear una cuenta").click()
    assert (
        page.locator(".privacy-short").inner_text().startswith("Aviso de privacidad simplificado")
    )
    page.fill("input[name=email]", NEW_EMAIL)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.locator("main button[type=submit]").click()
    # Waits for the answer to the submission (page.content() mid-navigation reads "").
    expect(page.locator("main")).to_contain_text(
        "Para crear la cuenta debe aceptar el aviso de privacidad."
    )
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.get_by_label(re.compile("He leído y acepto")).check()
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    verification = OutboundEmail.objects.get(
        to=NEW_EMAIL, purpose="account.email_confirmation_signup"
    )
    link = re.search(r"https?://\S+/cuentas/confirm-email/\S+/", verification.body_text).group(0)
    page.goto(link)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert EmailAddress.objects.get(email=NEW_EMAIL).verified is True
    _login(page, base, NEW_EMAIL, NEW_PASSWORD)

    # 2. Register for the demo edition.
    page.goto(f"{base}/ediciones/2027-demo/registro/")
    page.fill("input[name=name]", "Persona Nueva De Prueba")
    page.get_by_label("Presencial").check()
    page.get_by_label("Sector").select_option("academia")
    page.get_by_label("Entidad federativa").select_option("21")
    page.get_by_label(re.compile("He leído y acepto")).check()
    page.get_by_role("button", name="Registrarme").click()
    page.wait_for_load_state()
    assert "Su registro está confirmado" in page.locator(".messages").inner_text()
    mine = Registration.objects.get(user__email=NEW_EMAIL)
    assert page.locator(".registration-mine .code").inner_text() == mine.ticket_display

    # The confirmation e-mail carries a valid iCalendar file.
    confirmation = OutboundEmail.objects.get(to=NEW_EMAIL, purpose="registration.confirmed")
    (attachment,) = confirmation.attachments
    calendar = icalendar.Calendar.from_ical(base64.b64decode(attachment["content_b64"]))
    assert len(calendar.walk("VEVENT")) == 2
    assert mine.ticket_display in confirmation.body_text

    # 3. The workshop has 3 seats, 2 taken by fictional demo accounts: take the last one.
    page.goto(f"{base}/ediciones/2027-demo/registro/talleres/")
    assert "1 lugar libre" in page.locator(".workshop-card").inner_text()
    page.get_by_role("button", name="Apartar mi lugar").click()
    page.wait_for_load_state()
    assert "Tiene lugar en este taller." in page.locator(".workshop-card").inner_text()

    # Someone else now only gets the waiting list, and is promoted when a seat frees up.
    late = register(mine.edition, user=attendee_user(username="tarde"))
    other = browser.new_context(locale="es-MX")
    other_page = other.new_page()
    _login(other_page, base, late.user.email, "clave-de-prueba-123")
    other_page.goto(f"{base}/ediciones/2027-demo/registro/talleres/")
    assert "Lleno" in other_page.locator(".workshop-card").inner_text()
    other_page.get_by_role("button", name="Entrar a la lista de espera").click()
    other_page.wait_for_load_state()
    assert (
        "Está en la lista de espera: lugar 1." in other_page.locator(".workshop-card").inner_text()
    )
    page.get_by_role("link", name="Dejar mi lugar").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Sí, liberar mi lugar").click()
    page.wait_for_load_state()
    other_page.reload()
    assert "Tiene lugar en este taller." in other_page.locator(".workshop-card").inner_text()
    assert (
        OutboundEmail.objects.filter(
            to=late.user.email, purpose="registration.signup_promoted"
        ).count()
        == 1
    )
    other.close()

    # 4. Check-in from a phone-sized window, by typed code; twice is harmless.
    # (The demo's fictional attendees are already checked in: their constancias show.)
    earlier = Registration.objects.filter(venue=mine.venue, checked_in_at__isnull=False).count()
    phone = browser.new_context(locale="es-MX", viewport={"width": 375, "height": 740})
    staff = phone.new_page()
    _login(staff, base, DEMO_ORGANISER_EMAIL, DEMO_ORGANISER_PASSWORD)
    staff.goto(f"{base}/gestion/registro/2027-demo/acceso/")
    staff.locator(".checkin-places a").first.click()
    staff.wait_for_load_state()
    assert staff.evaluate("document.documentElement.scrollWidth") <= 375
    code_box = staff.get_by_label("Código del boleto")
    code_box.fill(mine.ticket_display.lower())
    staff.get_by_role("button", name="Registrar entrada").click()
    result = staff.locator("[data-checkin-result]")
    result.wait_for(state="visible")
    assert result.inner_text().startswith("Entrada registrada a las")
    assert "Persona Nueva De Prueba" in result.inner_text()
    # Locator assertions, not wait_for_function: the site's CSP forbids the eval it relies on.
    expect(staff.locator("[data-count=checked_in]")).to_have_text(str(earlier + 1))
    code_box.fill(mine.ticket_code)
    staff.get_by_role("button", name="Registrar entrada").click()
    expect(result).to_have_text(re.compile(r"^Ya registrado a las"))
    code_box.fill("no-es-un-boleto")
    staff.get_by_role("button", name="Registrar entrada").click()
    expect(result).to_have_class(re.compile(r"\bis-error\b"))
    phone.close()
    assert Registration.objects.get(pk=mine.pk).checked_in_at is not None

    # 5. Download my data, then delete the account.
    page.goto(f"{base}/cuenta/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar mis datos (JSON)").click()
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert data["providers"]["account"]["tables"]["cuenta"][0]["correo"] == NEW_EMAIL
    assert (
        data["providers"]["registration"]["tables"]["registros"][0]["ticket_code"]
        == mine.ticket_code
    )
    page.get_by_role("link", name="Eliminar mi cuenta").click()
    page.get_by_label(re.compile("Entiendo que mi cuenta se elimina")).check()
    page.get_by_label("Su contraseña").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Eliminar mi cuenta para siempre").click()
    page.wait_for_load_state()
    assert "Eliminamos su cuenta." in page.locator(".messages").inner_text()
    anonymous = Registration.objects.get(pk=mine.pk)
    assert (anonymous.user_id, anonymous.email, anonymous.name) == (None, "", "")
    assert (anonymous.status, anonymous.checked_in_at is not None) == ("confirmed", True)
    assert SessionSignup.objects.filter(registration=mine, status="confirmed").count() == 0
