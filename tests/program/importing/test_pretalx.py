"""A pretalx schedule.json with speakers, imported (issue 17.5)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import pytest

from datacon.common.models import AuditEntry
from datacon.editions.models import Edition, Venue
from datacon.people.models import Person
from datacon.program.importing.apply import program_import
from datacon.program.importing.planner import imported_slug
from datacon.program.models import Participation, ParticipationStatus, Session, SessionStatus
from datacon.program.publication import schedule_publish
from tests import factories
from tests.program.importing.conftest import DATA, counts

pytestmark = pytest.mark.django_db

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


def _content() -> bytes:
    return (DATA / "pretalx-schedule.json").read_bytes()


def _import(edition: Edition, content: bytes, **options):  # type: ignore[no-untyped-def]
    return program_import(
        edition=edition,
        content=content,
        actor=factories.SYSTEM,
        filename="schedule.json",
        dry_run=False,
        venue_state="14",
        **options,
    )


def test_pretalx_sessions_rooms_times_and_speakers(jda: Edition) -> None:
    # Someone else of the same name is not taken for the speaker: name + source id.
    factories.PersonFactory(public_name="Itzel Cruz Ejemplo", slug="itzel-cruz-ejemplo")

    result = _import(jda, _content())

    assert result.applied is True
    assert result.plan.problems == []
    sessions = {
        s.code: (
            s.title,
            s.session_type.name,
            s.starts_at.astimezone(MEXICO).strftime("%Y-%m-%d %H:%M"),  # type: ignore[union-attr]
            s.ends_at.astimezone(MEXICO).strftime("%H:%M"),  # type: ignore[union-attr]
            s.venue.name,  # type: ignore[union-attr]
            s.room,
            s.status,
            [p.person.public_name for p in s.participations.order_by("order")],
        )
        for s in Session.objects.filter(edition=jda).select_related("venue", "session_type")
    }
    assert sessions == {
        "QXR7KM": (
            "Presupuestos abiertos en los municipios", "Charla", "2026-10-14 10:00", "10:45",
            "Auditorio Principal", None, SessionStatus.DRAFT, ["Guadalupe Ríos Ejemplo"],
        ),
        "LM3NPQ": (
            "Panel: transparencia proactiva y datos de contrataciones", "Panel",
            "2026-10-14 11:00", "12:00", "Auditorio Principal", None, SessionStatus.DRAFT,
            ["Guadalupe Ríos Ejemplo", "Tomás Aguilar Ejemplo"],
        ),
        "TW4XYZ": (
            "Taller: limpieza de datos con OpenRefine", "Taller", "2026-10-14 12:30", "14:00",
            "Sala de Talleres", None, SessionStatus.DRAFT, ["Itzel Cruz Ejemplo"],
        ),
        "CL8SUR": (
            "Clausura", "Ceremonia", "2026-10-15 17:00", "17:30", "Auditorio Principal", None,
            SessionStatus.DRAFT, [],
        ),
    }  # fmt: skip
    assert list(Venue.objects.filter(edition=jda).values_list("name", "state")) == [
        ("Auditorio Principal", "14"),
        ("Sala de Talleres", "14"),
    ]
    # One person per speaker (Guadalupe speaks twice), none with an account, all pending.
    imported = Person.objects.filter(participations__session__edition=jda).distinct()
    assert sorted(imported.values_list("public_name", "slug")) == [
        (
            "Guadalupe Ríos Ejemplo",
            imported_slug("Guadalupe Ríos Ejemplo", "0e6d3b6c-63b1-5d0c-9e54-6c1f0d5b3a01"),
        ),
        (
            "Itzel Cruz Ejemplo",
            imported_slug("Itzel Cruz Ejemplo", "9b8a7c6d-5e4f-5a3b-9c2d-1e0f9a8b7c6d"),
        ),
        (
            "Tomás Aguilar Ejemplo",
            imported_slug("Tomás Aguilar Ejemplo", "5a7c9e1b-2d4f-5a6c-8e0a-1b3d5f7a9c2e"),
        ),
    ]
    assert set(imported.values_list("user", flat=True)) == {None}
    participations = Participation.objects.filter(session__edition=jda)
    assert set(participations.values_list("status", "consent_basis", "role")) == {
        (ParticipationStatus.PENDING, "", "speaker")
    }
    assert Participation.objects.public().filter(session__edition=jda).count() == 0


def test_second_import_changes_nothing_and_a_moved_session_is_one_change(jda: Edition) -> None:
    _import(jda, _content())
    before = counts()
    audited = AuditEntry.objects.filter(action="program.import").count()
    assert audited > 4  # every record the import wrote, and the import itself

    again = _import(jda, _content())

    assert [row.action for row in again.plan.rows] == ["unchanged"] * 4
    assert counts() == before
    assert AuditEntry.objects.filter(action="program.import").count() == audited

    data = json.loads(_content())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Auditorio Principal"][0]
    event["date"] = "2026-10-14T10:15:00-06:00"
    moved = program_import(
        edition=jda,
        content=json.dumps(data).encode(),
        actor=factories.SYSTEM,
        filename="schedule.json",
        venue_state="14",
    )
    assert [
        (row.row.code, row.changes) for row in moved.plan.rows if row.action != "unchanged"
    ] == [
        (
            "QXR7KM",
            [
                "inicio: «2026-10-14 10:00» → «2026-10-14 10:15»",
                "fin: «2026-10-14 10:45» → «2026-10-14 11:00»",
            ],
        )
    ]
    assert Session.objects.get(edition=jda, code="QXR7KM").starts_at == dt.datetime(
        2026, 10, 14, 10, 0, tzinfo=MEXICO
    )  # a dry run


def test_confirm_sessions_option_publishes_the_sessions_not_the_people(jda: Edition) -> None:
    _import(jda, _content(), confirm_sessions=True)
    assert set(Session.objects.filter(edition=jda).values_list("status", flat=True)) == {
        SessionStatus.CONFIRMED
    }
    assert Participation.objects.public().filter(session__edition=jda).count() == 0


def test_a_new_speaker_in_a_later_file_adds_only_the_participation(jda: Edition) -> None:
    _import(jda, _content())
    session = Session.objects.get(edition=jda, code="CL8SUR")
    updated_at = session.updated_at
    data = json.loads(_content())
    event = data["schedule"]["conference"]["days"][1]["rooms"]["Auditorio Principal"][0]
    event["persons"] = [{"code": "ZZ1ABC", "name": "Rocío Méndez Ejemplo"}]

    result = _import(jda, json.dumps(data).encode())

    changed = [row for row in result.plan.rows if row.action == "change"]
    assert [(row.row.code, row.changes) for row in changed] == [
        ("CL8SUR", ["persona: Rocío Méndez Ejemplo (Ponente, por confirmar)"])
    ]
    session.refresh_from_db()
    assert session.updated_at == updated_at  # the session itself was not written
    assert list(session.participations.values_list("person__slug", "status")) == [
        (imported_slug("Rocío Méndez Ejemplo", "ZZ1ABC"), ParticipationStatus.PENDING)
    ]


def test_imported_drafts_are_published_from_the_schedule_builder(jda: Edition) -> None:
    _import(jda, _content())

    schedule_publish(edition=jda, actor=factories.SYSTEM)

    assert sorted(Session.objects.filter(edition=jda).values_list("code", "status")) == [
        ("CL8SUR", SessionStatus.CONFIRMED),
        ("LM3NPQ", SessionStatus.CONFIRMED),
        ("QXR7KM", SessionStatus.CONFIRMED),
        ("TW4XYZ", SessionStatus.CONFIRMED),
    ]  # pretalx's codes are kept
    assert Participation.objects.public().filter(session__edition=jda).count() == 0
