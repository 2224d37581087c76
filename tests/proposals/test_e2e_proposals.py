"""Browser tests (headless Debian Chromium): a proponent submits; an organiser places sessions."""

import re

import pytest
from django.core import mail

from datacon.demo.loader import DEMO_ORGANISER_EMAIL, DEMO_ORGANISER_PASSWORD
from datacon.program.models import ScheduleVersion
from datacon.proposals.models import Proposal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "una-clave-larga-de-prueba-2027"


def _form_submit(page, field):
    """The submit button of the form holding `field` (allauth pages, with or without the site frame)."""
    return page.locator(f"form:has([name={field}]) button[type=submit]").first


def test_proponent_signs_up_submits_fixes_an_error_and_edits(load_demo, live_server, page):
    load_demo(with_demo_users=True)
    page.goto(f"{live_server.url}/ediciones/2027-demo/convocatoria/")
    page.get_by_role("link", name="Crear una cuenta para proponer").click()
    page.locator("input[name=email]").fill("nueva@example.org")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    for box in page.locator("form:has([name=password1]) input[type=checkbox]").all():
        box.check()  # whatever consent the sign-up form asks for
    _form_submit(page, "password1").click()
    page.wait_for_load_state()
    body = next(m.body for m in mail.outbox if "nueva@example.org" in m.to)
    link = re.search(r"https?://\S+?(/\S*confirm-email/\S+?/?)(?:\s|$)", body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.locator("form[action*=confirm-email] button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cuentas/login/?next=/ediciones/2027-demo/convocatoria/enviar/")
    page.locator("input[name=login]").fill("nueva@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    _form_submit(page, "login").click()
    page.wait_for_url("**/ediciones/2027-demo/convocatoria/enviar/")

    page.get_by_label("Título").fill("Datos del agua para todas")
    page.get_by_label("Resumen").fill("Cómo publicar la calidad del agua.")
    page.get_by_label("Tipo de sesión").select_option(label="Panel (60 min)")
    page.get_by_label("Gobiernos e instituciones públicas").check()
    page.get_by_label("Su nombre, como debe aparecer en el programa").fill("Nueva Proponente")
    page.get_by_role("button", name="Enviar la propuesta").click()
    # The required question was left empty: a clear message, and nothing typed is lost.
    summary = page.locator("#resumen-errores")
    assert "Responda esta pregunta." in summary.inner_text()
    assert page.get_by_label("Título").input_value() == "Datos del agua para todas"
    assert page.get_by_label("Gobiernos e instituciones públicas").is_checked()
    page.get_by_label("Nivel de la sesión").select_option("Intermedio")
    page.get_by_role("button", name="Enviar la propuesta").click()
    page.wait_for_url(re.compile(r".*/cuenta/propuestas/\d+/$"))
    assert page.locator("h1").inner_text() == "Datos del agua para todas"
    assert "Enviada" in page.locator(".proposal-status").inner_text()

    page.get_by_role("link", name="Editar la propuesta").click()
    page.get_by_label("Título").fill("Datos del agua, para todas y todos")
    page.get_by_role("button", name="Guardar los cambios").click()
    page.wait_for_url(re.compile(r".*/cuenta/propuestas/\d+/$"))
    assert page.locator("h1").inner_text() == "Datos del agua, para todas y todos"
    assert (
        Proposal.objects.get(title="Datos del agua, para todas y todos").submitter.email
        == "nueva@example.org"
    )


def test_organiser_places_a_session_sees_the_double_booking_and_publishes(
    load_demo, live_server, page
):
    load_demo(with_demo_users=True)
    page.goto(f"{live_server.url}/cuentas/login/?next=/gestion/ediciones/2027-demo/programa/")
    page.locator("input[name=login]").fill(DEMO_ORGANISER_EMAIL)
    page.locator("input[name=password]").fill(DEMO_ORGANISER_PASSWORD)
    _form_submit(page, "login").click()
    page.wait_for_url("**/gestion/ediciones/2027-demo/programa/")
    link = page.get_by_role("link", name=re.compile("Colocar: Conversatorio"))
    link.focus()
    page.keyboard.press("Enter")  # the builder works from the keyboard
    page.wait_for_url(re.compile(r".*/programa/sesiones/\d+/.*"))

    page.get_by_label("Día").select_option(index=0)
    page.get_by_label("Hora de inicio").fill("10:00")
    page.get_by_label("Sede y sala").select_option(label="Sala de talleres (demostración) (40)")
    page.get_by_role("button", name="Colocar la sesión").click()
    warning = page.locator(".warning-summary")
    assert "Proponente Demo estaría en dos lugares a la vez" in warning.inner_text()
    assert page.get_by_label("Hora de inicio").input_value() == "10:00"
    page.get_by_label("Colocar de todos modos, con las advertencias").check()
    page.get_by_role("button", name="Colocar la sesión").click()
    page.wait_for_url(re.compile(r".*/gestion/ediciones/2027-demo/programa/\?dia=.*"))
    session = page.locator(
        "a.grid-session", has_text="Conversatorio: datos abiertos desde lo local"
    )
    assert "aviso" in session.inner_text()
    assert "estaría en dos lugares a la vez" in page.locator(".conflicts").inner_text()

    # The demo published three versions (the first talk, the workshop, its speaker).
    next_version = ScheduleVersion.objects.filter(edition__slug="2027-demo").count() + 1
    assert next_version == 4
    page.get_by_role("link", name="Revisar y publicar").click()
    page.get_by_label("Publicar aunque haya paneles sin paridad").check()
    page.get_by_role("button", name="Publicar").click()
    page.wait_for_url("**/gestion/ediciones/2027-demo/programa/")
    message = page.locator(".messages").inner_text()
    assert f"Se publicó la versión {next_version} del programa" in message

    page.goto(f"{live_server.url}/ediciones/2027-demo/programa/")
    cards = page.locator(".session-card").all_inner_texts()
    assert any("Conversatorio: datos abiertos desde lo local" in text for text in cards)
    page.goto(f"{live_server.url}/ediciones/2027-demo/programa/cambios/")
    assert f"Versión {next_version}" in page.locator("main").inner_text()


def test_invited_co_speaker_confirms_from_the_emailed_link(live_server, page):
    # The link is the key (no login), and the form must pass Django's CSRF
    # origin check in a real browser: a "no-referrer" policy made Chromium send
    # "Origin: null" and every answer was refused with a 403.
    from tests.proposals import factories as pf

    call = pf.open_call()
    owner = pf.verified_user()
    proposal = pf.submit(
        call,
        owner,
        people=[pf.person("Ana", owner.email), pf.person("Beto", "beto@example.org")],
    )
    beto = proposal.people.get(email="beto@example.org")
    page.goto(f"{live_server.url}/propuestas/invitacion/{beto.invitation_token}/")
    page.get_by_label("Organización").fill("Colectivo B")
    page.get_by_role("button", name="Confirmo mi participación").click()
    page.wait_for_load_state()
    assert (
        page.locator(".messages").inner_text()
        == "Gracias: confirmó su participación en la propuesta."
    )
    beto.refresh_from_db()
    assert (beto.invitation_status, beto.organisation) == ("confirmed", "Colectivo B")
