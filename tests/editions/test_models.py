import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from datacon.editions.models import Edition
from datacon.editions.services import edition_create
from tests import factories

pytestmark = pytest.mark.django_db


def test_edition_end_before_start_is_refused_and_nothing_saved():
    with pytest.raises(ValidationError) as error:
        edition_create(
            number=9,
            year=2031,
            title="DATACON 2031",
            mode="virtual",
            start_date=dt.date(2031, 5, 12),
            end_date=dt.date(2031, 5, 11),
            actor=factories.SYSTEM,
        )
    assert "La fecha de término no puede ser anterior a la de inicio." in error.value.messages
    assert Edition.objects.count() == 0


def test_edition_create_seeds_the_seven_session_types():
    edition = edition_create(
        number=9, year=2031, title="DATACON 2031", mode="virtual", actor=factories.SYSTEM
    )
    assert list(edition.session_types.values_list("name", flat=True)) == [
        "Ceremonia",
        "Conferencia",
        "Conversatorio",
        "Presentación",
        "Taller",
        "Panel",
        "Mesa de diálogo",
    ]


def test_edition_bad_timezone_is_refused():
    with pytest.raises(ValidationError) as error:
        edition_create(
            number=9,
            year=2031,
            title="X",
            mode="virtual",
            timezone="Mexico/Narnia",
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict["timezone"] == [
        "«Mexico/Narnia» no es una zona horaria válida (ejemplo: America/Mexico_City)."
    ]


def test_edition_day_number_counts_from_the_first_day():
    edition = factories.EditionFactory()
    assert edition.day_number(edition.start_date + dt.timedelta(days=1)) == 2


def test_venue_in_person_needs_a_state():
    venue = factories.VenueFactory.build(
        edition=factories.EditionFactory(), state="", is_virtual=False
    )
    with pytest.raises(ValidationError) as error:
        venue.full_clean()
    assert error.value.message_dict["state"] == [
        "Una sede presencial necesita su entidad federativa."
    ]
