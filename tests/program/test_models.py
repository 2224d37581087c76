import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from datacon.program.models import Session
from datacon.program.services import session_create
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def test_session_duplicate_code_in_same_edition_is_refused_in_spanish(edition):
    first = factories.SessionFactory(edition=edition, code="S0101")
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            code="S0101",
            title="Otra sesión",
            session_type=first.session_type,
            starts_at=at(edition, 1, 12),
            ends_at=at(edition, 1, 13),
            actor=factories.SYSTEM,
        )
    assert error.value.messages == ["Ya existe una sesión con ese código en esta edición."]
    assert Session.objects.filter(edition=edition).count() == 1


def test_session_same_code_in_another_edition_is_allowed(edition):
    factories.SessionFactory(edition=edition, code="S0101")
    other = factories.EditionFactory()
    session = factories.SessionFactory.build(edition=other, code="S0101")
    session.session_type = factories.SessionTypeFactory(edition=other)
    session.full_clean()  # does not raise


def test_session_ending_before_it_starts_is_refused(edition):
    session_type = factories.SessionTypeFactory(edition=edition)
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            title="Al revés",
            session_type=session_type,
            starts_at=at(edition, 1, 12),
            ends_at=at(edition, 1, 11),
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["ends_at"] == ["La sesión debe terminar después de empezar."]
    assert Session.objects.count() == 0


def test_session_outside_edition_dates_is_refused(edition):
    session_type = factories.SessionTypeFactory(edition=edition)
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            title="Fuera de fechas",
            session_type=session_type,
            starts_at=at(edition, 5, 12),
            ends_at=at(edition, 5, 13),
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["day"] == [
        f"La sesión debe caer entre el 11 de mayo de {edition.year} y el 12 de mayo de {edition.year}, fechas de la edición."
    ]
    assert Session.objects.count() == 0


def test_session_type_from_another_edition_is_refused(edition):
    foreign_type = factories.SessionTypeFactory(edition=factories.EditionFactory())
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            title="Tipo ajeno",
            session_type=foreign_type,
            starts_at=at(edition, 1, 12),
            ends_at=at(edition, 1, 13),
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["session_type"] == [
        "El tipo de sesión pertenece a otra edición."
    ]


def test_session_room_of_another_venue_is_refused(edition):
    venue = factories.VenueFactory(edition=edition)
    other_room = factories.RoomFactory(venue=factories.VenueFactory(edition=edition))
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            title="Sala equivocada",
            session_type=factories.SessionTypeFactory(edition=edition),
            starts_at=at(edition, 1, 12),
            ends_at=at(edition, 1, 13),
            venue=venue,
            room=other_room,
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["room"] == ["La sala no pertenece a la sede elegida."]


def test_session_day_is_taken_from_its_start_in_the_edition_time_zone(edition):
    # 23:30 in Mexico City is already the next day in UTC.
    session = session_create(
        edition=edition,
        title="Tarde",
        session_type=factories.SessionTypeFactory(edition=edition),
        starts_at=at(edition, 1, 23, 0),
        ends_at=at(edition, 1, 23, 50),
        actor=factories.SYSTEM,
    )
    assert session.day == edition.start_date
    assert session.code == "S0101"


def test_session_code_format_is_checked(edition):
    session = factories.SessionFactory.build(edition=edition, code="s 01")
    session.session_type = factories.SessionTypeFactory(edition=edition)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict["code"] == [
        "El código solo admite mayúsculas, números y guiones (ejemplo: S0101)."
    ]


def test_session_duration_minutes(edition):
    session = factories.SessionFactory(edition=edition)
    session.ends_at = session.starts_at + dt.timedelta(minutes=45)
    assert session.duration_minutes == 45
