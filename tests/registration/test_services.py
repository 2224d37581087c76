"""Registration services: seats, waiting lists, duplicates, cancellation, rectification."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail
from datacon.people.models_privacy import Consent
from datacon.registration.models import (
    Registration,
    RegistrationSettings,
    SessionSeats,
    SessionSignup,
)
from datacon.registration.selectors import signup_position, waiting_position
from datacon.registration.services import (
    registration_cancel,
    registration_update,
    session_seats_save,
    session_signup,
    session_signup_cancel,
    waitlists_promote,
)
from tests import factories
from tests.registration.factories import (
    attendee_user,
    published_notice,
    register,
    registration_edition,
    signup,
    workshop,
)

pytestmark = pytest.mark.django_db


def test_registration_create_confirms_when_a_seat_is_free():
    edition, (venue,) = registration_edition(capacity=2)
    registration = register(edition)
    assert registration.status == "confirmed"
    assert registration.venue == venue
    assert len(registration.ticket_code) == 12
    assert registration.confirmed_at is not None
    assert list(OutboundEmail.objects.values_list("purpose", flat=True)) == [
        "registration.confirmed"
    ]


def test_registration_create_waits_in_order_when_the_venue_is_full():
    edition, _venues = registration_edition(capacity=1)
    first = register(edition)
    second = register(edition)
    third = register(edition)
    assert [first.status, second.status, third.status] == ["confirmed", "waiting", "waiting"]
    assert [waiting_position(registration=r) for r in (second, third)] == [1, 2]
    assert OutboundEmail.objects.filter(purpose="registration.waiting").count() == 2


def test_registration_create_records_consent_with_the_notice_version():
    edition, _venues = registration_edition()
    newer = published_notice(edition, short_text="Segunda versión del aviso.")
    registration = register(edition)
    consent = Consent.objects.get(pk=registration.consent_id)
    assert (consent.purpose, consent.notice_id, consent.notice.version) == (
        "registration",
        newer.pk,
        2,
    )


def test_registration_second_time_same_account_is_refused_and_changes_nothing():
    edition, _venues = registration_edition()
    user = attendee_user()
    first = register(edition, user=user)
    with pytest.raises(ValidationError) as error:
        register(edition, user=user, mode="online")
    assert error.value.code == "duplicate"
    assert user.email in error.value.messages[0]
    assert first.ticket_display in error.value.messages[0]
    assert Registration.objects.filter(edition=edition).count() == 1
    assert Registration.objects.get().mode == "in_person"


def test_registration_same_email_from_another_account_is_refused():
    edition, _venues = registration_edition()
    first = register(edition)
    other = attendee_user(email=first.email.upper())
    with pytest.raises(ValidationError) as error:
        register(edition, user=other)
    assert error.value.code == "duplicate"
    assert Registration.objects.filter(edition=edition).count() == 1


def test_registration_again_after_cancelling_gets_a_new_ticket():
    edition, _venues = registration_edition()
    user = attendee_user()
    first = register(edition, user=user)
    registration_cancel(registration=first, actor=Actor.of(user))
    second = register(edition, user=user)
    assert second.status == "confirmed"
    assert second.ticket_code != first.ticket_code


def test_registration_without_consent_is_refused():
    edition, _venues = registration_edition()
    from datacon.registration.services import registration_create

    user = attendee_user()
    with pytest.raises(ValidationError) as error:
        registration_create(
            edition=edition,
            user=user,
            mode="online",
            name="Alguien",
            sector="academia",
            state="09",
            consent_given=False,
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["consent"] == [
        "Para registrarse debe aceptar el aviso de privacidad."
    ]
    assert Registration.objects.count() == 0


def test_registration_required_and_hidden_fields_follow_the_organisers_choice():
    edition, _venues = registration_edition(
        organisation_field="required", accessibility_field="off"
    )
    with pytest.raises(ValidationError) as error:
        register(edition, organisation="")
    assert error.value.message_dict == {"organisation": ["Indique su organización."]}
    registration = register(edition, organisation="Colectivo X", accessibility_needs="rampa")
    assert (registration.organisation, registration.accessibility_needs) == ("Colectivo X", "")


def test_registration_refused_when_closed_or_without_notice():
    edition, _venues = registration_edition()
    RegistrationSettings.objects.filter(edition=edition).update(is_open=False)
    with pytest.raises(ValidationError) as closed:
        register(edition)
    assert closed.value.messages == ["El registro de esta edición está cerrado."]
    RegistrationSettings.objects.filter(edition=edition).update(
        is_open=True, opens_at=timezone.now() + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as not_yet:
        register(edition)
    assert not_yet.value.messages == ["El registro de esta edición aún no abre."]
    other, _venues = registration_edition()
    other.privacy_notices.all().delete()
    with pytest.raises(ValidationError) as no_notice:
        register(other)
    assert no_notice.value.code == "no_notice"
    assert Registration.objects.count() == 0


def test_registration_cancel_promotes_the_first_waiting_and_tells_them():
    edition, _venues = registration_edition(capacity=1)
    first = register(edition)
    second = register(edition)
    third = register(edition)
    registration, changed = registration_cancel(registration=first, actor=factories.SYSTEM)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (changed, registration.status) == (True, "cancelled")
    assert (second.status, third.status) == ("confirmed", "waiting")
    assert waiting_position(registration=third) == 1
    promoted = OutboundEmail.objects.get(purpose="registration.promoted")
    assert promoted.to == second.email
    assert (
        OutboundEmail.objects.filter(purpose="registration.cancelled", to=first.email).count() == 1
    )


def test_registration_cancel_twice_is_harmless():
    edition, _venues = registration_edition(capacity=1)
    first = register(edition)
    register(edition)
    registration_cancel(registration=first, actor=factories.SYSTEM)
    emails = OutboundEmail.objects.count()
    _registration, changed = registration_cancel(registration=first, actor=factories.SYSTEM)
    assert changed is False
    assert OutboundEmail.objects.count() == emails
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_registration_cancel_frees_its_workshop_seats():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    first, second = register(edition), register(edition)
    signup(first, session)
    waiting = signup(second, session)
    registration_cancel(registration=first, actor=factories.SYSTEM)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert OutboundEmail.objects.filter(purpose="registration.signup_promoted").count() == 1


def test_registration_update_to_a_full_venue_is_refused_and_keeps_the_seat():
    edition, (near, far) = registration_edition(capacity=1, venues=2)
    mine = register(edition, venue=near)
    register(edition, venue=far)
    with pytest.raises(ValidationError) as error:
        registration_update(
            registration=mine,
            actor=factories.SYSTEM,
            name="Nuevo nombre",
            mode="in_person",
            venue=far,
            sector="academia",
            state="09",
        )
    assert error.value.message_dict == {
        "venue": ["No hay lugares libres ahí; su registro actual se mantiene sin cambios."]
    }
    mine.refresh_from_db()
    assert (mine.status, mine.venue_id, mine.name) == ("confirmed", near.pk, mine.name)


def test_registration_update_moving_online_frees_the_seat_for_the_next_person():
    edition, (_venue,) = registration_edition(capacity=1)
    mine = register(edition)
    waiting = register(edition)
    registration_update(
        registration=mine,
        actor=factories.SYSTEM,
        name="Persona corregida",
        mode="online",
        sector="academia",
        state="21",
    )
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.mode, mine.venue_id, mine.status, mine.name, mine.state) == (
        "online",
        None,
        "confirmed",
        "Persona corregida",
        "21",
    )
    assert waiting.status == "confirmed"


def test_session_signup_fills_seats_then_waits_in_order():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=3)
    people = [register(edition) for _ in range(5)]
    signups = [signup(person, session) for person in people]
    assert [s.status for s in signups] == ["confirmed"] * 3 + ["waiting"] * 2
    assert [signup_position(signup=s) for s in signups[3:]] == [1, 2]
    assert OutboundEmail.objects.filter(purpose="registration.signup_waiting").count() == 2


def test_session_signup_cancel_promotes_the_first_waiting_and_tells_them():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    first, second, third = (register(edition) for _ in range(3))
    seat = signup(first, session)
    later = signup(second, session)
    last = signup(third, session)
    session_signup_cancel(signup=seat, actor=factories.SYSTEM)
    later.refresh_from_db()
    last.refresh_from_db()
    assert (later.status, last.status) == ("confirmed", "waiting")
    assert signup_position(signup=last) == 1
    assert OutboundEmail.objects.get(purpose="registration.signup_promoted").to == second.email


def test_session_signup_twice_changes_nothing():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=2)
    person = register(edition)
    first, created = session_signup(registration=person, session=session, actor=factories.SYSTEM)
    again, created_again = session_signup(
        registration=person, session=session, actor=factories.SYSTEM
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert SessionSignup.objects.count() == 1


def test_session_signup_needs_a_confirmed_registration():
    edition, _venues = registration_edition(capacity=1)
    session = workshop(edition)
    register(edition)
    waiting = register(edition)
    with pytest.raises(ValidationError) as error:
        signup(waiting, session)
    assert error.value.messages == [
        "Para inscribirse a un taller necesita un registro confirmado a la edición."
    ]


def test_session_signup_at_the_same_time_as_another_is_refused():
    edition, _venues = registration_edition()
    morning = workshop(edition, hour=11)
    clash = workshop(edition, hour=12)
    person = register(edition)
    signup(person, morning)
    with pytest.raises(ValidationError) as error:
        signup(person, clash)
    assert error.value.messages == [
        f"Ya está inscrito en {morning.code} · {morning.title}, a la misma hora."
    ]


def test_session_signup_refused_when_closed_or_started():
    edition, _venues = registration_edition()
    session = workshop(edition)
    SessionSeats.objects.filter(session=session).update(signups_open=False)
    person = register(edition)
    with pytest.raises(ValidationError) as closed:
        signup(person, session)
    assert closed.value.messages == ["La inscripción a esta sesión está cerrada."]


def test_session_seats_growing_promotes_people_waiting():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    people = [register(edition) for _ in range(3)]
    signups = [signup(person, session) for person in people]
    seats = SessionSeats.objects.get(session=session)
    seats.capacity = 2
    session_seats_save(seats=seats, actor=factories.SYSTEM)
    assert [SessionSignup.objects.get(pk=s.pk).status for s in signups] == [
        "confirmed",
        "confirmed",
        "waiting",
    ]


def test_waitlists_promote_fills_a_venue_whose_capacity_grew():
    edition, (venue,) = registration_edition(capacity=1)
    register(edition)
    waiting = [register(edition) for _ in range(2)]
    venue.capacity = 2
    venue.save()
    assert waitlists_promote(edition=edition, actor=factories.SYSTEM) == 1
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == ["confirmed", "waiting"]
    assert waitlists_promote(edition=edition, actor=factories.SYSTEM) == 0


def test_online_quota_has_its_own_waiting_list():
    edition, _venues = registration_edition(online_capacity=1)
    first = register(edition, mode="online")
    second = register(edition, mode="online")
    in_person = register(edition)
    assert (first.status, second.status, in_person.status) == ("confirmed", "waiting", "confirmed")
    registration_cancel(registration=first, actor=factories.SYSTEM)
    second.refresh_from_db()
    assert second.status == "confirmed"
