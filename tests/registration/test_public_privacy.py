"""No public page, API response or public export shows an attendee's e-mail or name,
unless the attendee chose to be listed (and then only name and organisation)."""

import json

import pytest
from django.test import Client

from datacon.opendata.registry import dataset_get
from datacon.registration.services import checkin_venue
from tests import factories
from tests.registration.factories import register, registration_edition, signup, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendees():
    edition, (venue,) = registration_edition(capacity=2)
    session = workshop(edition, capacity=1)
    hidden = register(
        edition,
        name="Zoraida Privadísima Quintanar",
        organisation="Colectivo Secretísimo",
        accessibility_needs="Intérprete de señas, confidencial",
    )
    listed = register(
        edition, name="Leonor Pública Listada", organisation="Red Abierta Listada", listed=True
    )
    waiting = register(edition, name="Wenceslao Enespera Oculto", organisation="Fila Oculta")
    online = register(edition, mode="online", name="Olga Enlínea Reservada")
    signup(hidden, session)
    signup(listed, session)
    checkin_venue(venue=venue, code=hidden.ticket_code, actor=factories.SYSTEM)
    return {
        "edition": edition,
        "session": session,
        "hidden": hidden,
        "listed": listed,
        "waiting": waiting,
        "online": online,
    }


def _public_texts(edition, session) -> dict[str, str]:
    client = Client()
    paths = [
        "/",
        "/ediciones/",
        f"/ediciones/{edition.slug}/",
        f"/ediciones/{edition.slug}/programa/",
        f"/ediciones/{edition.slug}/sesiones/{session.code}/",
        f"/ediciones/{edition.slug}/registro/",
        f"/ediciones/{edition.slug}/registro/talleres/",
        f"/ediciones/{edition.slug}/registro/cifras/",
        f"/ediciones/{edition.slug}/registro/asistentes/",
        f"/ediciones/{edition.slug}/privacidad/",
        "/personas/",
        "/organizaciones/",
        "/buscar/?q=Zoraida",
        "/buscar/?q=Leonor",
        "/api/v1/registro/cifras/",
        f"/api/v1/registro/cifras/{edition.slug}/",
        "/api/v1/openapi.json",
    ]
    texts = {}
    for path in paths:
        for prefix in ("", "/en"):
            if prefix and path.startswith("/api/"):
                continue
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            texts[prefix + path] = response.content.decode()
    dataset = dataset_get("asistencia")
    texts["dataset:edition"] = json.dumps(list(dataset.rows(edition)), ensure_ascii=False)
    texts["dataset:all"] = json.dumps(list(dataset.rows(None)), ensure_ascii=False)
    return texts


def test_public_pages_apis_and_exports_never_show_unlisted_attendees(attendees):
    texts = _public_texts(attendees["edition"], attendees["session"])
    secrets = []
    for key in ("hidden", "waiting", "online"):
        registration = attendees[key]
        secrets += [registration.email, registration.name, registration.user.first_name]
        if registration.organisation:
            secrets.append(registration.organisation)
    secrets += [attendees["hidden"].accessibility_needs, attendees["listed"].email]
    leaks = sorted(
        (where, secret) for where, text in texts.items() for secret in secrets if secret in text
    )
    assert leaks == []


def test_listed_attendee_appears_only_with_name_and_organisation(attendees):
    texts = _public_texts(attendees["edition"], attendees["session"])
    listed = attendees["listed"]
    edition = attendees["edition"]
    where = sorted(path for path, text in texts.items() if listed.name in text)
    assert where == [
        f"/ediciones/{edition.slug}/registro/asistentes/",
        f"/en/ediciones/{edition.slug}/registro/asistentes/",
    ]
    page = texts[f"/ediciones/{edition.slug}/registro/asistentes/"]
    assert "Red Abierta Listada" in page
    assert listed.email not in page
    assert listed.ticket_code not in page


def test_public_figures_and_dataset_carry_counts_only(attendees):
    rows = list(dataset_get("asistencia").rows(attendees["edition"]))
    assert {tuple(sorted(row)) for row in rows} == {
        (
            "asistentes",
            "clave",
            "cupo",
            "dimension",
            "edicion",
            "etiqueta",
            "lista_de_espera",
            "no_asistieron",
            "registradas",
        )
    }
    by_mode = {row["clave"]: row for row in rows if row["dimension"] == "modalidad"}
    assert (by_mode["in_person"]["registradas"], by_mode["in_person"]["asistentes"]) == (2, 1)
    assert by_mode["in_person"]["lista_de_espera"] == 1
    assert by_mode["online"]["registradas"] == 1
