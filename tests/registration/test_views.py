"""Public registration pages: register, workshops, ticket, streaming link, query counts."""

import datetime as dt

import lxml.html
import pytest
from django.test import Client

from datacon.common.models import OutboundEmail
from datacon.editions.models import Edition
from datacon.registration.models import Registration, SessionSignup
from tests.registration.factories import (
    attendee_user,
    register,
    registration_edition,
    signup,
    workshop,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form_data(venue, **overrides):
    data = {
        "name": "Persona De Prueba",
        "mode": "in_person",
        "venue": venue.pk,
        "organisation": "Colectivo",
        "sector": "academia",
        "state": "19",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_registration_page_for_visitors_shows_notice_seats_and_account_links():
    edition, (_venue,) = registration_edition(capacity=10)
    register(edition)
    html = Client().get(f"/ediciones/{edition.slug}/registro/").content.decode()
    assert "Aviso de privacidad simplificado" in html
    assert "Aviso simplificado de prueba" in html
    assert f"/ediciones/{edition.slug}/privacidad/" in html
    assert "Crear una cuenta" in html
    tree = lxml.html.fromstring(html)
    assert tree.cssselect(".seat-card .seat-state strong")[0].text_content() == "9"


def test_registration_form_registers_and_shows_the_ticket_link():
    edition, (venue,) = registration_edition()
    user = attendee_user()
    client = _client(user)
    response = client.post(f"/ediciones/{edition.slug}/registro/", _form_data(venue))
    assert response.status_code == 302
    registration = Registration.objects.get(user=user)
    assert (registration.status, registration.name, registration.state) == (
        "confirmed",
        "Persona De Prueba",
        "19",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Su registro está confirmado" in page
    assert registration.ticket_display in page
    assert f"/cuenta/registro/{edition.slug}/boleto/" in page
    assert (
        OutboundEmail.objects.filter(purpose="registration.confirmed", to=user.email).count() == 1
    )


def test_registration_form_errors_keep_what_was_typed():
    edition, (venue,) = registration_edition()
    client = _client(attendee_user())
    response = client.post(
        f"/ediciones/{edition.slug}/registro/", _form_data(venue, sector="", consent="")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Para registrarse debe aceptar el aviso de privacidad." in html
    assert "Elija su sector." in html
    assert 'value="Persona De Prueba"' in html
    assert 'value="Colectivo"' in html
    assert Registration.objects.count() == 0


def test_registration_second_submission_gets_a_clear_message_and_changes_nothing():
    edition, (venue,) = registration_edition()
    user = attendee_user()
    client = _client(user)
    client.post(f"/ediciones/{edition.slug}/registro/", _form_data(venue))
    response = client.post(
        f"/ediciones/{edition.slug}/registro/", _form_data(venue, mode="online", name="Otro")
    )
    html = response.content.decode()
    existing = Registration.objects.get(user=user)
    assert f"Ya hay un registro con el correo {user.email} en esta edición" in html
    assert existing.ticket_display in html
    assert Registration.objects.count() == 1
    assert (existing.mode, existing.name) == ("in_person", "Persona De Prueba")


def test_registration_honeypot_refuses_quietly():
    edition, (venue,) = registration_edition()
    client = _client(attendee_user())
    response = client.post(
        f"/ediciones/{edition.slug}/registro/",
        _form_data(venue, sitio_web_confirmacion="http://spam.example"),
    )
    assert "No pudimos procesar el formulario" in response.content.decode()
    assert Registration.objects.count() == 0


def test_workshops_page_join_until_full_then_waiting_list():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    first, second = register(edition), register(edition)
    url = f"/ediciones/{edition.slug}/registro/talleres/{session.code}/"
    page = f"/ediciones/{edition.slug}/registro/talleres/"
    one, two = _client(first.user), _client(second.user)
    one.post(url, {"action": "join"})
    assert "Tiene lugar en este taller." in one.get(page).content.decode()
    response = two.post(url, {"action": "join"}, follow=True)
    html = response.content.decode()
    assert f"{session.code} está lleno: quedó en la lista de espera (lugar 1)" in html
    assert "Está en la lista de espera: lugar 1." in html
    one.post(url + "liberar/")
    assert "Tiene lugar en este taller." in two.get(page).content.decode()
    assert SessionSignup.objects.get(registration=second).status == "confirmed"


def test_workshop_join_twice_says_nothing_changed():
    edition, _venues = registration_edition()
    session = workshop(edition)
    person = register(edition)
    client = _client(person.user)
    url = f"/ediciones/{edition.slug}/registro/talleres/{session.code}/"
    client.post(url, {"action": "join"})
    html = client.post(url, {"action": "join"}, follow=True).content.decode()
    assert f"Ya estaba inscrito en {session.code}; no cambió nada." in html
    assert SessionSignup.objects.count() == 1


def test_session_page_links_to_sign_up_without_live_counts():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=7)
    html = Client().get(f"/ediciones/{edition.slug}/sesiones/{session.code}/").content.decode()
    assert "Sesión con cupo limitado: 7 lugares." in html
    assert f"/ediciones/{edition.slug}/registro/talleres/#sesion-{session.code}" in html
    assert "seat-state" not in html  # live seats only on the registration's own pages


def test_ticket_shows_a_qr_code_of_the_ticket_code_only_to_its_owner():
    edition, _venues = registration_edition()
    registration = register(edition)
    html = (
        _client(registration.user).get(f"/cuenta/registro/{edition.slug}/boleto/").content.decode()
    )
    assert "<svg" in html
    assert registration.ticket_display in html
    other = _client(attendee_user())
    assert other.get(f"/cuenta/registro/{edition.slug}/boleto/").status_code == 404
    assert Client().get(f"/cuenta/registro/{edition.slug}/boleto/").status_code == 302


def test_account_page_shows_registration_qr_and_my_data_links():
    edition, _venues = registration_edition()
    registration = register(edition)
    html = _client(registration.user).get("/cuenta/").content.decode()
    assert registration.ticket_display in html
    assert "ticket-qr-svg" in html
    for url in (
        "/cuenta/mis-datos/descargar.json",
        "/cuenta/mis-datos/descargar.csv",
        "/cuenta/mis-datos/eliminar/",
        "/cuenta/mis-datos/oposicion/",
        "/cuenta/mis-datos/corregir/",
    ):
        assert url in html


def test_streaming_link_counts_online_attendance_only_during_the_event():
    edition, _venues = registration_edition()
    registration = register(edition, mode="online")
    url = f"/registro/transmision/{registration.ticket_code}/"
    before = Client().get(url)
    assert (before.status_code, before["Location"]) == (302, "https://transmision.example/en-vivo")
    assert Registration.objects.get(pk=registration.pk).joined_online_at is None
    today = dt.date.today()
    Edition.objects.filter(pk=edition.pk).update(
        start_date=today, end_date=today, year=today.year + 50
    )
    Client().get(url)
    assert Registration.objects.get(pk=registration.pk).joined_online_at is not None


def test_cancel_from_my_registration_page():
    edition, _venues = registration_edition(capacity=1)
    mine, waiting = register(edition), register(edition)
    client = _client(mine.user)
    url = f"/cuenta/registro/{edition.slug}/cancelar/"
    # The account page links to a confirmation; opening it changes nothing.
    tree = lxml.html.fromstring(client.get(f"/cuenta/registro/{edition.slug}/").content)
    assert tree.xpath("//a[normalize-space()='Cancelar mi registro']/@href") == [url]
    tree = lxml.html.fromstring(client.get(url).content)
    assert tree.xpath("//form[@method='post']//button/text()") == ["Sí, cancelar mi registro"]
    assert tree.xpath("//a[normalize-space()='No, conservarlo']/@href") == [
        f"/cuenta/registro/{edition.slug}/"
    ]
    assert Registration.objects.get(pk=mine.pk).status == "confirmed"
    response = client.post(url, follow=True)
    assert "Su registro quedó cancelado" in response.content.decode()
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def _workshops_with(n_people: int):
    edition, _venues = registration_edition()
    sessions = [workshop(edition, capacity=2, hour=9 + i) for i in range(n_people)]
    me = register(edition)
    for i, session in enumerate(sessions):
        for _ in range(3):
            signup(register(edition, notify=False), session, notify=False)
        if i % 2:
            signup(me, session, notify=False)
    return edition, me


@pytest.mark.parametrize(
    "path", ["/ediciones/{slug}/registro/talleres/", "/cuenta/", "/ediciones/{slug}/registro/"]
)
def test_registration_pages_query_count_does_not_grow(path, count_queries):
    small, me_small = _workshops_with(2)
    large, me_large = _workshops_with(6)
    client_small, client_large = _client(me_small.user), _client(me_large.user)
    client_small.get(path.format(slug=small.slug))
    client_large.get(path.format(slug=large.slug))
    assert count_queries(lambda: client_small.get(path.format(slug=small.slug))) == count_queries(
        lambda: client_large.get(path.format(slug=large.slug))
    )


def _listed_with(n: int):
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=n)
    for i in range(n * 2):
        registration = register(
            edition,
            listed=bool(i % 2),
            notify=False,
            sector=["academia", "public"][i % 2],
            state=f"{i + 1:02d}",
        )
        signup(registration, session, notify=False)
    return edition


@pytest.mark.parametrize(
    "path",
    [
        "/ediciones/{slug}/registro/asistentes/",
        "/ediciones/{slug}/registro/cifras/",
        "/api/v1/registro/cifras/{slug}/",
    ],
)
def test_public_lists_query_count_does_not_grow(path, count_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    small, large = _listed_with(2), _listed_with(8)
    client = Client()
    assert count_queries(lambda: client.get(path.format(slug=small.slug))) == count_queries(
        lambda: client.get(path.format(slug=large.slug))
    )


def test_public_attendee_list_shows_only_those_who_asked():
    edition = _listed_with(3)
    listed = list(
        Registration.objects.filter(edition=edition, listed=True).values_list("name", flat=True)
    )
    hidden = list(
        Registration.objects.filter(edition=edition, listed=False).values_list("name", flat=True)
    )
    html = Client().get(f"/ediciones/{edition.slug}/registro/asistentes/").content.decode()
    assert [name in html for name in listed] == [True] * 3
    assert [name in html for name in hidden] == [False] * 3


def test_giving_up_a_workshop_seat_asks_first():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    person = register(edition)
    client = _client(person.user)
    sessions_page = f"/ediciones/{edition.slug}/registro/talleres/"
    leave = f"/ediciones/{edition.slug}/registro/talleres/{session.code}/liberar/"
    client.post(f"/ediciones/{edition.slug}/registro/talleres/{session.code}/", {"action": "join"})
    tree = lxml.html.fromstring(client.get(sessions_page).content)
    # The seat's card offers a link to the confirmation, not a button that gives it up.
    assert tree.xpath(
        "//li[contains(@class, 'workshop-card')]//a[normalize-space()='Dejar mi lugar']/@href"
    ) == [leave]
    assert tree.xpath("//li[contains(@class, 'workshop-card')]//form//input[@value='leave']") == []

    response = client.get(leave)
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    assert tree.xpath("string(//h1)") == "¿Liberar su lugar en este taller?"
    assert tree.xpath(f"//form[@method='post'][@action='{leave}']//button/text()") == [
        "Sí, liberar mi lugar"
    ]
    assert tree.xpath("//a[normalize-space()='No, conservar mi lugar']/@href") == [
        f"{sessions_page}#sesion-{session.code}"
    ]
    assert SessionSignup.objects.get(registration=person).status == "confirmed"

    response = client.post(leave, follow=True)
    assert f"Dejó su lugar en {session.code}." in response.content.decode()
    assert SessionSignup.objects.get(registration=person).status != "confirmed"


def test_the_old_leave_button_leads_to_the_confirmation():
    edition, _venues = registration_edition()
    session = workshop(edition)
    person = register(edition)
    client = _client(person.user)
    url = f"/ediciones/{edition.slug}/registro/talleres/{session.code}/"
    client.post(url, {"action": "join"})
    response = client.post(url, {"action": "leave"})
    assert (response.status_code, response["Location"]) == (302, url + "liberar/")
    assert SessionSignup.objects.get(registration=person).status == "confirmed"


def test_leaving_a_workshop_one_does_not_hold_changes_nothing():
    edition, _venues = registration_edition()
    session = workshop(edition)
    person = register(edition)
    client = _client(person.user)
    leave = f"/ediciones/{edition.slug}/registro/talleres/{session.code}/liberar/"
    html = client.get(leave, follow=True).content.decode()
    assert f"No estaba inscrito en {session.code}; no cambió nada." in html
