"""Check-in at venues and sessions: fast, idempotent, clear about every refusal."""

import pytest

from datacon.registration.models import Registration, SessionSignup
from datacon.registration.services import (
    checkin_session,
    checkin_venue,
    registration_cancel,
)
from tests import factories
from tests.registration.factories import register, registration_edition, signup, workshop

pytestmark = pytest.mark.django_db


def test_checkin_venue_records_arrival_and_second_scan_says_when():
    edition, (venue,) = registration_edition()
    registration = register(edition)
    first = checkin_venue(venue=venue, code=registration.ticket_code, actor=factories.SYSTEM)
    registration.refresh_from_db()
    assert (first.kind, first.ok, first.name) == ("checked_in", True, registration.name)
    hhmm = registration.checked_in_at.astimezone(edition.tz).strftime("%H:%M")
    assert first.message == f"Entrada registrada a las {hhmm}."
    second = checkin_venue(venue=venue, code=registration.ticket_code, actor=factories.SYSTEM)
    assert (second.kind, second.ok, second.message) == (
        "already",
        True,
        f"Ya registrado a las {hhmm}.",
    )
    assert Registration.objects.get(pk=registration.pk).checked_in_at == registration.checked_in_at


def test_checkin_accepts_the_code_as_people_type_it():
    edition, (venue,) = registration_edition()
    registration = register(edition)
    code = registration.ticket_code
    typed = f" {code[:4].lower()}-{code[4:8].lower()} {code[8:]} ".replace("0", "o").replace(
        "1", "l"
    )
    assert checkin_venue(venue=venue, code=typed, actor=factories.SYSTEM).kind == "checked_in"


@pytest.mark.parametrize(
    ("code", "kind", "message"),
    [
        (
            "",
            "invalid",
            "«» no es un código de boleto: son 12 letras y números (p. ej. 7K2M-9QXA-4D3F).",
        ),
        (
            "hola",
            "invalid",
            "«hola» no es un código de boleto: son 12 letras y números (p. ej. 7K2M-9QXA-4D3F).",
        ),
        ("ZZZZ-ZZZZ-ZZZZ", "not_found", "No hay ningún registro con el código ZZZZ-ZZZZ-ZZZZ."),
    ],
)
def test_checkin_malformed_or_unknown_code_is_refused(code, kind, message):
    edition, (venue,) = registration_edition()
    register(edition)
    outcome = checkin_venue(venue=venue, code=code, actor=factories.SYSTEM)
    assert (outcome.kind, outcome.ok, outcome.message) == (kind, False, message)
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_checkin_refuses_cancelled_waiting_online_other_venue_and_other_edition():
    edition, (near, far) = registration_edition(capacity=1, venues=2)
    cancelled = register(edition, venue=near)
    registration_cancel(registration=cancelled, actor=factories.SYSTEM)
    seated = register(edition, venue=near)
    waiting = register(edition, venue=near)
    online = register(edition, mode="online")
    other_edition, (_other_venue,) = registration_edition()
    outsider = register(other_edition)
    outcomes = {
        name: checkin_venue(
            venue=near if name != "far" else far, code=r.ticket_code, actor=factories.SYSTEM
        )
        for name, r in {
            "cancelled": cancelled,
            "waiting": waiting,
            "online": online,
            "far": seated,
            "outsider": outsider,
        }.items()
    }
    assert {name: (o.kind, o.message) for name, o in outcomes.items()} == {
        "cancelled": ("cancelled", "Este registro fue cancelado; no da acceso."),
        "waiting": (
            "waiting",
            "Este registro está en lista de espera (lugar 1); aún no tiene lugar.",
        ),
        "online": (
            "wrong_place",
            "Este registro es en línea: no tiene lugar en una sede presencial.",
        ),
        "far": ("wrong_place", f"Este boleto es para la sede {near.name}."),
        "outsider": ("other_edition", f"Este boleto es de otra edición: {other_edition.title}."),
    }
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 0


def test_checkin_session_with_seat_then_again():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=2)
    registration = register(edition)
    signup(registration, session)
    first = checkin_session(session=session, code=registration.ticket_code, actor=factories.SYSTEM)
    second = checkin_session(session=session, code=registration.ticket_code, actor=factories.SYSTEM)
    assert (first.kind, second.kind) == ("checked_in", "already")
    assert SessionSignup.objects.filter(checked_in_at__isnull=False).count() == 1


def test_checkin_session_full_refuses_people_without_a_seat():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    seated, waiting, without = register(edition), register(edition), register(edition)
    signup(seated, session)
    signup(waiting, session)
    in_line = checkin_session(session=session, code=waiting.ticket_code, actor=factories.SYSTEM)
    none = checkin_session(session=session, code=without.ticket_code, actor=factories.SYSTEM)
    assert (in_line.kind, in_line.message) == (
        "no_seat",
        "La sesión está llena; esta persona está en lista de espera (lugar 1).",
    )
    assert (none.kind, none.message) == (
        "no_seat",
        "La sesión está llena y esta persona no tiene lugar.",
    )
    assert SessionSignup.objects.filter(checked_in_at__isnull=False).count() == 0


def test_checkin_session_admits_walk_ins_while_seats_are_free_and_in_open_sessions():
    edition, _venues = registration_edition()
    limited = workshop(edition, capacity=2)
    open_session = factories.SessionFactory(edition=edition)
    person = register(edition)
    at_limited = checkin_session(session=limited, code=person.ticket_code, actor=factories.SYSTEM)
    at_open = checkin_session(session=open_session, code=person.ticket_code, actor=factories.SYSTEM)
    assert (at_limited.kind, at_open.kind) == ("checked_in", "checked_in")
    assert sorted(SessionSignup.objects.values_list("session_id", "status", "walk_in")) == sorted(
        [(limited.pk, "confirmed", True), (open_session.pk, "confirmed", True)]
    )
