"""The schedule builder on the database: placing, refusing, warning, publishing versions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from datacon.common.models import AuditEntry, OutboundEmail
from datacon.program.models import ScheduleChange, ScheduleVersion, Session, SessionPlacement
from datacon.program.notices import schedule_publish_with_notices
from datacon.program.publication import schedule_publish, unpublished_changes
from datacon.program.schedule import (
    PlacementNeedsConfirmation,
    PlacementRefused,
    builder_state,
    placement_clear,
    placement_set,
    placements_sync,
)
from datacon.program.selectors import program_sessions
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(edition):
    venue = factories.VenueFactory(
        edition=edition, capacity=300, opens_at=dt.time(9, 0), closes_at=dt.time(19, 0)
    )
    big = factories.RoomFactory(venue=venue, name="Auditorio", capacity=200)
    small = factories.RoomFactory(venue=venue, name="Sala chica", capacity=30)
    panel = factories.SessionTypeFactory(edition=edition, name="Panel")
    ana = factories.PersonFactory(public_name="Ana Ponente", email="ana@example.org")
    beto = factories.PersonFactory(public_name="Beto Ponente", email="beto@example.org")

    def draft(title, *people):
        session = Session.objects.create(
            edition=edition, title=title, session_type=panel, status="draft"
        )
        for order, person in enumerate(people):
            factories.ParticipationFactory(session=session, person=person, order=order)
        return session

    return {
        "edition": edition,
        "venue": venue,
        "big": big,
        "small": small,
        "ana": ana,
        "beto": beto,
        "draft": draft,
    }


def _place(setup, session, day, hour, room, minutes=60, audience=None, accept=False, minute=0):
    starts = at(setup["edition"], day, hour, minute)
    return placement_set(
        session=session,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=minutes),
        venue=setup["venue"],
        room=room,
        expected_audience=audience,
        actor=factories.SYSTEM,
        accept_warnings=accept,
    )


def test_two_sessions_in_one_room_at_once_is_refused_with_the_reason(setup):
    one = setup["draft"]("Uno")
    two = setup["draft"]("Dos")
    _place(setup, one, 1, 10, setup["big"])
    with pytest.raises(PlacementRefused) as error:
        _place(setup, two, 1, 10, setup["big"], minute=30, accept=True)
    assert error.value.message_dict == {
        "room": [
            "La sala «Auditorio» ya está ocupada: «Dos» (10:30–11:30) y «Uno» (10:00–11:00) "
            "se empalman."
        ]
    }
    assert SessionPlacement.objects.get(session=two).starts_at is None


def test_parallel_sessions_in_different_rooms_are_fine(setup):
    one = setup["draft"]("Uno", setup["ana"])
    two = setup["draft"]("Dos", setup["beto"])
    assert _place(setup, one, 1, 10, setup["big"]) == []
    assert _place(setup, two, 1, 10, setup["small"]) == []


def test_back_to_back_in_one_room_is_fine(setup):
    one = setup["draft"]("Uno")
    two = setup["draft"]("Dos")
    _place(setup, one, 1, 10, setup["big"])
    assert _place(setup, two, 1, 11, setup["big"]) == []


def test_double_booked_speaker_warns_and_needs_confirmation(setup):
    one = setup["draft"]("Uno", setup["ana"])
    two = setup["draft"]("Dos", setup["ana"], setup["beto"])
    _place(setup, one, 1, 10, setup["big"])
    with pytest.raises(PlacementNeedsConfirmation) as error:
        _place(setup, two, 1, 10, setup["small"], minute=30)
    assert error.value.messages == [
        "Ana Ponente estaría en dos lugares a la vez: «Dos» (10:30–11:30) y «Uno» (10:00–11:00)."
    ]
    assert SessionPlacement.objects.get(session=two).starts_at is None
    accepted = _place(setup, two, 1, 10, setup["small"], minute=30, accept=True)
    assert [c.kind for c in accepted] == ["person"]
    placement = SessionPlacement.objects.get(session=two)
    assert (placement.pending, placement.room) == (True, setup["small"])
    entry = AuditEntry.objects.filter(action="schedule.place", object_id=str(placement.pk)).get()
    assert entry.changes["accepted_warnings"] == [accepted[0].message]
    state = builder_state(edition=setup["edition"])
    assert [c.kind for c in state.conflicts] == ["person"]


def test_outside_venue_hours_and_small_room_warn(setup):
    session = setup["draft"]("Tarde")
    with pytest.raises(PlacementNeedsConfirmation) as error:
        _place(setup, session, 1, 18, setup["small"], minutes=90, audience=45)
    assert error.value.messages == [
        "«Tarde» (18:00–19:30) queda fuera del horario de Sede 1 (09:00–19:00).".replace(
            "Sede 1", setup["venue"].name
        ),
        "«Tarde» espera 45 personas y Sala chica tiene lugar para 30.",
    ]


def test_placement_outside_the_edition_days_is_refused(setup):
    session = setup["draft"]("Fuera")
    with pytest.raises(ValidationError) as error:
        _place(setup, session, 3, 10, setup["big"])
    assert error.value.message_dict == {"day": ["El día debe ser uno de los días de la edición."]}


def test_room_of_another_venue_is_refused(setup):
    other_venue = factories.VenueFactory(edition=setup["edition"])
    session = setup["draft"]("Sala ajena")
    starts = at(setup["edition"], 1, 10)
    with pytest.raises(ValidationError) as error:
        placement_set(
            session=session,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            venue=other_venue,
            room=setup["big"],
            expected_audience=None,
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict == {"room": ["La sala no pertenece a la sede elegida."]}


def test_placement_is_not_public_until_published_and_codes_come_from_placement(setup):
    edition = setup["edition"]
    late = setup["draft"]("Tarde", setup["ana"])
    early = setup["draft"]("Temprano", setup["beto"])
    second_day = setup["draft"]("Segundo día")
    _place(setup, late, 1, 12, setup["big"])
    _place(setup, early, 1, 10, setup["big"])
    _place(setup, second_day, 2, 10, setup["big"])
    assert list(program_sessions(edition=edition)) == []
    version = schedule_publish(edition=edition, actor=factories.SYSTEM)
    assert version.number == 1
    public = [(s.code, s.title, s.status) for s in program_sessions(edition=edition)]
    assert public == [
        ("S0101", "Temprano", "confirmed"),
        ("S0102", "Tarde", "confirmed"),
        ("S0201", "Segundo día", "confirmed"),
    ]
    assert SessionPlacement.objects.filter(pending=True).count() == 0
    assert sorted(ScheduleChange.objects.values_list("kind", flat=True)) == ["added"] * 3
    assert version.snapshot[str(early.pk)]["people"] == ["Beto Ponente"]
    assert version.parity["speakers"]["women"] == 2


def test_changes_after_publication_make_a_new_version_and_keep_codes_stable(setup):
    edition = setup["edition"]
    early = setup["draft"]("Temprano")
    late = setup["draft"]("Tarde")
    gone = setup["draft"]("Se cancela")
    _place(setup, early, 1, 10, setup["big"])
    _place(setup, late, 1, 12, setup["big"])
    _place(setup, gone, 1, 14, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, late, 1, 9, setup["small"])  # earlier than S0101 now, same day
    _place(setup, early, 2, 10, setup["big"])  # moves to day 2
    placement_clear(session=gone, actor=factories.SYSTEM)
    newcomer = setup["draft"]("Nueva")
    _place(setup, newcomer, 1, 16, setup["big"])
    # Nothing public moved yet.
    assert [s.code for s in program_sessions(edition=edition)] == ["S0101", "S0102", "S0103"]
    preview = {(c.title, c.kind) for c in unpublished_changes(edition=edition)}
    version = schedule_publish(edition=edition, actor=factories.SYSTEM, note="Ajustes")
    assert version.number == 2
    codes = {s.title: (s.code, s.status) for s in program_sessions(edition=edition)}
    assert codes == {
        "Tarde": ("S0102", "confirmed"),  # stable although it now starts first
        "Temprano": ("S0201", "confirmed"),  # new day, new code
        "Se cancela": ("S0103", "cancelled"),
        "Nueva": ("S0104", "confirmed"),
    }
    changes = {(c.title, c.kind) for c in version.changes.all()}
    assert changes == {
        ("Tarde", "moved"),
        ("Tarde", "relocated"),
        ("Temprano", "moved"),
        ("Temprano", "recoded"),
        ("Se cancela", "cancelled"),
        ("Nueva", "added"),
    }
    assert preview - {("Temprano", "recoded")} == changes - {("Temprano", "recoded")}


def test_renumbering_on_request_follows_the_new_order(setup):
    edition = setup["edition"]
    a = setup["draft"]("A")
    b = setup["draft"]("B")
    _place(setup, a, 1, 10, setup["big"])
    _place(setup, b, 1, 12, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, b, 1, 9, setup["small"])
    version = schedule_publish(edition=edition, actor=factories.SYSTEM, renumber=True)
    assert {s.title: s.code for s in program_sessions(edition=edition)} == {
        "B": "S0101",
        "A": "S0102",
    }
    assert {(c.title, c.kind) for c in version.changes.filter(kind="recoded")} == {
        ("A", "recoded"),
        ("B", "recoded"),
    }


def test_admin_edits_are_picked_up_unless_the_builder_has_a_pending_change(setup):
    edition = setup["edition"]
    session = factories.SessionFactory(edition=edition)
    placements_sync(edition=edition)
    pending = setup["draft"]("Pendiente")
    _place(setup, pending, 1, 15, setup["big"])
    Session.objects.filter(pk=pending.pk).update(
        starts_at=at(edition, 2, 15), ends_at=at(edition, 2, 16)
    )
    session.starts_at = at(edition, 2, 9)
    session.ends_at = at(edition, 2, 10)
    session.day = None
    session.save()
    placements_sync(edition=edition)
    assert SessionPlacement.objects.get(session=session).starts_at == at(edition, 2, 9)
    assert SessionPlacement.objects.get(session=pending).starts_at == at(edition, 1, 15)


def test_publication_notifies_affected_people_once_each(setup):
    edition = setup["edition"]
    one = setup["draft"]("Uno", setup["ana"], setup["beto"])
    two = setup["draft"]("Dos", setup["ana"])
    _place(setup, one, 1, 10, setup["big"])
    _place(setup, two, 1, 12, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, two, 1, 15, setup["big"])
    _version, count = schedule_publish_with_notices(
        edition=edition, actor=factories.SYSTEM, review_notices=True
    )
    assert count == 1
    email = OutboundEmail.objects.get(purpose="schedule.change")
    assert (email.to, email.status) == ("ana@example.org", "draft")
    assert "versión 2" in email.body_text
    assert "«Dos»: cambio de horario" in email.body_text
    assert f"/ediciones/{edition.slug}/programa/cambios/" in email.body_text


def test_notices_sent_straight_away_when_review_is_not_asked(setup):
    edition = setup["edition"]
    one = setup["draft"]("Uno", setup["beto"])
    _place(setup, one, 1, 10, setup["big"])
    with_notices = schedule_publish_with_notices(
        edition=edition, actor=factories.SYSTEM, review_notices=False
    )
    assert with_notices[1] == 1
    assert OutboundEmail.objects.get(purpose="schedule.change").status == "queued"


def test_public_changelog_lists_versions_and_changes(setup, client):
    edition = setup["edition"]
    one = setup["draft"]("Uno")
    _place(setup, one, 1, 10, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, one, 1, 11, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM, note="Movimos una sesión")
    html = client.get(f"/ediciones/{edition.slug}/programa/cambios/").content.decode()
    assert "Versión 2" in html
    assert "Movimos una sesión" in html
    assert "Cambio de horario" in html
    assert "10:00–11:00 → " in html
    assert "Primera publicación del programa, con 1 sesión." in html


def test_api_lists_versions_without_private_data(setup):
    edition = setup["edition"]
    one = setup["draft"]("Uno", setup["ana"])
    _place(setup, one, 1, 10, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    data = Client().get(f"/api/v1/schedule-versions/?edition={edition.slug}").json()
    assert data["count"] == 1
    version = data["results"][0]
    assert (version["edition"], version["number"]) == (edition.slug, 1)
    assert version["changes"][0]["code"] == "S0101"
    text = str(data)
    assert "ana@example.org" not in text
    assert "parity" not in text
    assert "woman" not in text


def test_versions_are_numbered_per_edition(setup):
    edition = setup["edition"]
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    other = factories.EditionFactory()
    schedule_publish(edition=other, actor=factories.SYSTEM)
    assert list(
        ScheduleVersion.objects.filter(edition=edition).values_list("number", flat=True)
    ) == [2, 1]
    assert ScheduleVersion.objects.get(edition=other).number == 1


def test_open_dataset_of_changes_has_only_public_facts(setup):
    from datacon.opendata.registry import dataset_get

    edition = setup["edition"]
    one = setup["draft"]("Uno", setup["ana"])
    _place(setup, one, 1, 10, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, one, 1, 12, setup["small"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    dataset = dataset_get("cambios-del-programa")
    rows = list(dataset.rows(edition))
    assert [(r["version"], r["codigo"], r["cambio"]) for r in rows] == [
        (1, "S0101", "added"),
        (2, "S0101", "moved"),
        (2, "S0101", "relocated"),
    ]
    assert rows[1]["inicio_antes"].startswith(f"{edition.start_date.isoformat()}T10:00")
    assert set(rows[0]) == set(dataset.column_names)
    assert "ana@example.org" not in str(rows)


def test_publishing_a_swap_of_rooms_works(setup):
    edition = setup["edition"]
    one = setup["draft"]("Uno")
    two = setup["draft"]("Dos")
    _place(setup, one, 1, 10, setup["big"])
    _place(setup, two, 1, 10, setup["small"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    _place(setup, two, 1, 12, setup["small"])  # out of the way while "Uno" moves
    _place(setup, one, 1, 10, setup["small"])
    _place(setup, two, 1, 10, setup["big"])
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    rooms = dict(Session.objects.values_list("title", "room__name"))
    assert rooms == {"Uno": "Sala chica", "Dos": "Auditorio"}


def test_publication_refuses_two_sessions_in_one_room_at_once(setup):
    edition = setup["edition"]
    one = setup["draft"]("Uno")
    _place(setup, one, 1, 10, setup["big"])
    # Written behind the builder's back: the publication still checks the rooms.
    factories.SessionFactory(
        edition=edition, code="X1", title="Intrusa", room=setup["big"], venue=setup["venue"]
    )
    with pytest.raises(ValidationError) as error:
        schedule_publish(edition=edition, actor=factories.SYSTEM)
    assert error.value.message_dict == {
        "room": [
            "X1 «Intrusa»: La sala «Auditorio» ya está ocupada a esa hora: S0101 «Uno» es el "
            f"11/05/{edition.year} de 10:00 a 11:00. Elija otra sala u otro horario."
        ]
    }
    assert ScheduleVersion.objects.filter(edition=edition).count() == 0
    assert Session.objects.get(pk=one.pk).room is None
    assert Session.objects.get(code="X1").room == setup["big"]
