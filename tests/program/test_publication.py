"""The public program is exactly the last published version (issue 16.1).

Before: a session confirmed outside the builder (the demo's workshop, an import,
an edit in the admin) was public before any version said so; version 1 said
"con 1 sesión" while the program showed two, and version 2 then announced as new
a session the public had seen for days. Now only a publication changes what
the public sees, and the changelog is exactly the difference between versions.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from datacon.program.importing.apply import program_import
from datacon.program.models import ScheduleChangeKind, ScheduleVersion, Session
from datacon.program.publication import schedule_publish, unpublished_changes
from datacon.program.services import session_create, session_save
from tests import factories
from tests.responses import body_text

pytestmark = pytest.mark.django_db

TITLE = "Taller de limpieza de datos abiertos"


def _surfaces(slug: str) -> list[str]:
    """Every public surface that lists the sessions of an edition."""
    return [
        f"/ediciones/{slug}/programa/",
        f"/ediciones/{slug}/calendario.ics",
        f"/ediciones/{slug}/schedule.xml",
        f"/ediciones/{slug}/schedule.json",
        "/buscar/?q=limpieza",
        f"/api/v1/sessions/?edition={slug}",
        f"/ediciones/{slug}/datos/conferencia/sesiones.csv",
        "/datos/conferencia/sesiones.json",
    ]


@pytest.fixture
def edition():  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(status="published")
    venue = factories.VenueFactory(edition=edition, opens_at=dt.time(8), closes_at=dt.time(20))
    factories.RoomFactory(venue=venue, name="Sala A")
    factories.RoomFactory(venue=venue, name="Sala B")
    return edition


def _confirmed_outside_the_builder(edition) -> Session:  # type: ignore[no-untyped-def]
    starts = factories.at(edition, 1, 10)
    room = edition.venues.get().rooms.get(name="Sala A")
    return session_create(
        edition=edition,
        title=TITLE,
        session_type=factories.SessionTypeFactory(edition=edition),
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        venue=room.venue,
        room=room,
        actor=factories.SYSTEM,
    )


def test_a_session_confirmed_outside_the_builder_is_public_only_once_published(edition):
    session = _confirmed_outside_the_builder(edition)
    client = Client()
    assert session.code != ""
    assert client.get(session.get_absolute_url()).status_code == 404
    for url in _surfaces(edition.slug):
        response = client.get(url)
        assert (response.status_code, TITLE in body_text(response)) == (200, False), url
    # The builder counts it as the one change the next version will make.
    assert [(row.kind, row.code) for row in unpublished_changes(edition=edition)] == [
        (ScheduleChangeKind.ADDED, session.code)
    ]

    version = schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()

    assert (version.number, session.published) == (1, True)
    assert list(version.changes.values_list("kind", "code")) == [
        (ScheduleChangeKind.ADDED, session.code)
    ]
    assert client.get(session.get_absolute_url()).status_code == 200
    for url in _surfaces(edition.slug):
        response = client.get(url)
        assert (response.status_code, TITLE in body_text(response)) == (200, True), url
    assert unpublished_changes(edition=edition) == []


def test_a_change_of_time_outside_the_builder_waits_for_the_next_version(edition):
    session = _confirmed_outside_the_builder(edition)
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()
    published_start = session.starts_at
    assert published_start is not None

    # An edit in the admin (or any service) moves it by two hours.
    session.starts_at = published_start + dt.timedelta(hours=2)
    session.ends_at = published_start + dt.timedelta(hours=3)
    session_save(session=session, actor=factories.SYSTEM)

    session.refresh_from_db()
    assert session.starts_at == published_start
    assert session.placement.pending is True
    assert session.placement.starts_at == published_start + dt.timedelta(hours=2)
    local = published_start.astimezone(edition.tz).strftime("%H:%M")
    assert local in Client().get(session.get_absolute_url()).content.decode()
    assert [row.kind for row in unpublished_changes(edition=edition)] == [ScheduleChangeKind.MOVED]

    version = schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()
    assert session.starts_at == published_start + dt.timedelta(hours=2)
    assert list(version.changes.values_list("kind", flat=True)) == [ScheduleChangeKind.MOVED]


def test_cancelling_a_published_session_outside_the_builder_waits_too(edition):
    session = _confirmed_outside_the_builder(edition)
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()

    session.status = "cancelled"
    session_save(session=session, actor=factories.SYSTEM)

    session.refresh_from_db()
    assert session.status == "confirmed"
    assert [row.kind for row in unpublished_changes(edition=edition)] == [
        ScheduleChangeKind.CANCELLED
    ]
    version = schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()
    assert (session.status, session.published) == ("cancelled", True)
    assert list(version.changes.values_list("kind", flat=True)) == [ScheduleChangeKind.CANCELLED]


def test_an_import_over_a_published_session_waits_for_the_next_version(edition):
    session = _confirmed_outside_the_builder(edition)
    schedule_publish(edition=edition, actor=factories.SYSTEM)
    session.refresh_from_db()
    published_start = session.starts_at
    assert published_start is not None
    day = published_start.astimezone(edition.tz).date().isoformat()
    csv_text = (
        "codigo,titulo,tipo,fecha,inicio,fin,sede,sala\n"
        f"{session.code},{TITLE},{session.session_type.name},{day},16:00,17:00,"
        f"{session.venue.name},Sala B\n"
    )

    program_import(
        edition=edition,
        filename="programa.csv",
        content=csv_text.encode(),
        actor=factories.SYSTEM,
        dry_run=False,
    )

    session.refresh_from_db()
    assert (session.starts_at, session.room.name) == (published_start, "Sala A")
    assert session.placement.pending is True
    assert {row.kind for row in unpublished_changes(edition=edition)} == {
        ScheduleChangeKind.MOVED,
        ScheduleChangeKind.RELOCATED,
    }


def test_the_demo_program_is_exactly_its_last_version(demo):
    """Every edition of the demo: the public sessions are the last version's, as it says."""
    client = Client()
    last: dict[int, ScheduleVersion] = {}
    for version in ScheduleVersion.objects.select_related("edition").order_by("number"):
        last[version.edition_id] = version
    assert last != {}
    for version in last.values():
        slug = version.edition.slug
        public = {
            str(s.pk): (s.code, s.title, s.status)
            for s in Session.objects.filter(edition=version.edition, published=True)
        }
        frozen = {
            key: (value["code"], value["title"], value["status"])
            for key, value in version.snapshot.items()
        }
        assert public == frozen, slug
        assert unpublished_changes(edition=version.edition) == [], slug
        program = client.get(f"/ediciones/{slug}/schedule.json").json()
        shown = {
            event["id"]
            for day in program["schedule"]["conference"]["days"]
            for room_events in day["rooms"].values()
            for event in room_events
        }
        assert {str(pk) for pk in shown} <= set(frozen), slug
    # No edition with sessions in public shows any that no version published.
    assert not Session.objects.filter(
        published=True, edition__schedule_versions__isnull=True
    ).exists()
