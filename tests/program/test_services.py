import pytest
from django.core.exceptions import ValidationError

from datacon.common.models import AuditEntry
from datacon.program.models import Session
from datacon.program.services import session_codes_renumber, session_create, session_save
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


def _create(edition, title, day, hour, **extra):
    return session_create(
        edition=edition,
        title=title,
        session_type=factories.SessionTypeFactory(edition=edition),
        starts_at=at(edition, day, hour),
        ends_at=at(edition, day, hour + 1),
        **({"actor": factories.SYSTEM} | extra),
    )


def test_session_code_follows_day_and_order_scheme(edition):
    first = _create(edition, "Primera", 1, 10)
    second = _create(edition, "Segunda", 1, 11)
    next_day = _create(edition, "Día dos", 2, 10)
    assert [first.code, second.code, next_day.code] == ["S0101", "S0102", "S0201"]


def test_session_code_typed_by_hand_is_kept(edition):
    session = _create(edition, "A mano", 1, 10, code="MESA-A")
    assert session.code == "MESA-A"


def test_session_codes_renumber_follows_placement_and_keeps_hand_codes(edition):
    late = _create(edition, "Tarde", 1, 15)  # S0101
    early = _create(edition, "Temprano", 1, 9)  # S0102
    manual = _create(edition, "Especial", 1, 12, code="ESPECIAL")
    changes = session_codes_renumber(edition=edition, actor=factories.SYSTEM)
    late.refresh_from_db()
    early.refresh_from_db()
    manual.refresh_from_db()
    assert (early.code, late.code, manual.code) == ("S0101", "S0102", "ESPECIAL")
    assert changes == {"S0101": "S0102", "S0102": "S0101"}


def test_session_create_writes_an_audit_entry(edition):
    session = _create(edition, "Auditada", 1, 10)
    entry = AuditEntry.objects.get(object_type="program.session", object_id=str(session.pk))
    assert entry.action == "session.create"


def test_session_update_audit_records_the_diff(edition):
    session = _create(edition, "Antes", 1, 10)
    session.title = "Después"
    from datacon.program.services import session_save

    session_save(session=session, actor=factories.SYSTEM)
    entry = AuditEntry.objects.filter(action="session.update").get()
    assert entry.changes["title"] == ["Antes", "Después"]
    assert Session.objects.get().title == "Después"


@pytest.fixture
def channels(edition):
    venue = factories.VenueFactory(edition=edition, name="Virtual", is_virtual=True, state="")
    return [
        factories.RoomFactory(
            venue=venue, name=f"Transmisión {n}", is_channel=True, platform_numbering=True
        )
        for n in (1, 2)
    ]


def test_placing_an_overlapping_session_in_the_same_room_is_refused(edition, channels):
    first = _create(edition, "Contrataciones abiertas", 1, 12, room=channels[0])
    with pytest.raises(ValidationError) as error:
        session_create(
            edition=edition,
            title="Infraestructura abierta",
            session_type=factories.SessionTypeFactory(edition=edition),
            starts_at=at(edition, 1, 12, 30),
            ends_at=at(edition, 1, 13, 30),
            room=channels[0],
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict == {
        "room": [
            "La sala «Transmisión 1» ya está ocupada a esa hora: "
            f"{first.code} «Contrataciones abiertas» es el 11/05/{edition.year} de 12:00 a 13:00. "
            "Elija otra sala u otro horario."
        ]
    }
    assert list(Session.objects.values_list("title", flat=True)) == ["Contrataciones abiertas"]


def test_moving_a_session_onto_a_taken_room_is_refused(edition, channels):
    _create(edition, "Uno", 1, 12, room=channels[0])
    two = _create(edition, "Dos", 1, 12, room=channels[1])
    two.room = channels[0]
    with pytest.raises(ValidationError) as error:
        session_save(session=two, actor=factories.SYSTEM)
    assert list(error.value.message_dict) == ["room"]
    assert Session.objects.get(pk=two.pk).room == channels[1]


def test_parallel_sessions_in_different_channels_and_back_to_back_in_one_are_fine(
    edition, channels
):
    _create(edition, "Uno", 1, 12, room=channels[0])
    _create(edition, "Dos", 1, 12, room=channels[1])
    _create(edition, "Tres", 1, 13, room=channels[0])  # starts as "Uno" ends
    assert Session.objects.count() == 3


def test_a_cancelled_session_holds_no_room(edition, channels):
    _create(edition, "Cancelada", 1, 12, room=channels[0], status="cancelled")
    _create(edition, "En su lugar", 1, 12, room=channels[0])
    assert Session.objects.filter(room=channels[0]).count() == 2


def test_a_channel_belongs_to_a_virtual_venue(edition):
    room = factories.RoomFactory.build(
        venue=factories.VenueFactory(edition=edition), name="Canal", is_channel=True
    )
    with pytest.raises(ValidationError) as error:
        room.full_clean()
    assert error.value.message_dict == {
        "is_channel": ["Solo una sede virtual tiene canales de transmisión."]
    }
