"""The platform's own schedule.xml and schedule.json of 2021, imported into a new
edition, give the same sessions, times, rooms and people; a second import changes
nothing (issue 17.5)."""

from __future__ import annotations

from typing import Any

import pytest

from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.opendata.schedule import room_name, schedule_json, schedule_xml, timed_sessions
from datacon.people.models import Person
from datacon.program.importing.apply import program_import
from datacon.program.models import Participation, ParticipationStatus, Session
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def _source() -> Edition:
    source = Edition.objects.get(slug="2021")
    # 2021's record has no speakers yet: give one timed session a confirmed one, so
    # the people of the export are not an empty list.
    session = (
        Session.objects.filter(edition=source, starts_at__isnull=False, status="confirmed")
        .order_by("starts_at", "code")
        .first()
    )
    assert session is not None
    factories.ParticipationFactory(
        session=session, person=factories.PersonFactory(public_name="Ana Ejemplo Importada")
    )
    return source


def _target(source: Edition) -> Edition:
    return factories.EditionFactory(  # type: ignore[return-value]
        year=2091,
        start_date=source.start_date,
        end_date=source.end_date,
        timezone=source.timezone,
        status="draft",
    )


def _exported(source: Edition) -> dict[str, Any]:
    return {
        s.code: (
            s.title,
            s.type_name,
            s.abstract,
            s.starts_at,
            s.ends_at,
            s.room,
            sorted(name for _pk, name, _s in s.persons),
        )
        for s in timed_sessions(source)
    }


def _imported(target: Edition) -> dict[str, Any]:
    return {
        s.code: (
            s.title,
            s.session_type.name,
            s.abstract,
            s.starts_at,
            s.ends_at,
            room_name(s),
            sorted(p.person.public_name for p in s.participations.all()),
        )
        for s in Session.objects.filter(edition=target).select_related(
            "venue", "room", "session_type"
        )
    }


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Session, Participation, Person, Venue, Room, SessionType)
    }


@pytest.mark.parametrize("export", [schedule_xml, schedule_json], ids=["xml", "json"])
def test_own_schedule_of_2021_round_trips_into_a_new_edition(export) -> None:  # type: ignore[no-untyped-def]
    source = _source()
    content = export(source)
    assert len(_exported(source)) >= 5
    target = _target(source)
    name = "schedule.xml" if export is schedule_xml else "schedule.json"

    preview = program_import(
        edition=target, content=content, actor=factories.SYSTEM, filename=name, venue_state="09"
    )
    assert preview.plan.problems == []
    assert preview.plan.count("create") == len(_exported(source))
    assert Session.objects.filter(edition=target).count() == 0  # the dry run writes nothing

    result = program_import(
        edition=target,
        content=content,
        actor=factories.SYSTEM,
        filename=name,
        dry_run=False,
        venue_state="09",
        expected_sha256=preview.sha256,
    )
    assert result.applied is True
    assert _imported(target) == _exported(source)
    imported = Participation.objects.filter(session__edition=target)
    assert imported.count() == 1
    assert set(imported.values_list("status", "consent_basis")) == {
        (ParticipationStatus.PENDING, "")
    }
    assert imported.get().person.public_name == "Ana Ejemplo Importada"
    assert Person.objects.filter(public_name="Ana Ejemplo Importada").count() == 1  # reused
    assert imported.get().person.user is None

    before = _counts()
    again = program_import(
        edition=target,
        content=content,
        actor=factories.SYSTEM,
        filename=name,
        dry_run=False,
        venue_state="09",
    )
    assert again.plan.problems == []
    assert again.plan.count("unchanged") == len(again.plan.rows)
    assert _counts() == before


def test_own_schedule_of_2021_imported_into_2021_itself_changes_nothing() -> None:
    source = _source()
    before = _counts()

    result = program_import(
        edition=source,
        content=schedule_xml(source),
        actor=factories.SYSTEM,
        filename="schedule.xml",
        dry_run=False,
    )

    assert result.plan.problems == []
    assert [row.changes for row in result.plan.rows if row.action != "unchanged"] == []
    assert _counts() == before
