"""Bad files give errors with their line and field, and change nothing (issue 17.5)."""

from __future__ import annotations

import json

import pytest

from datacon.editions.models import Edition
from datacon.program.importing import common
from datacon.program.importing.apply import program_import
from datacon.program.importing.rows import ImportRefused, Problem
from tests import factories
from tests.program.importing.conftest import DATA, counts

pytestmark = pytest.mark.django_db


def _refusal(edition: Edition, content: bytes, filename: str, **options) -> list[Problem]:  # type: ignore[no-untyped-def]
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        program_import(
            edition=edition,
            content=content,
            actor=factories.SYSTEM,
            filename=filename,
            dry_run=False,
            venue_state="09",
            **options,
        )
    assert counts() == before
    return refused.value.problems


def _row_errors(edition: Edition, content: bytes, filename: str) -> list[tuple[int | None, str]]:
    before = counts()
    result = program_import(
        edition=edition,
        content=content,
        actor=factories.SYSTEM,
        filename=filename,
        dry_run=False,
        venue_state="09",
    )
    assert result.applied is False
    assert counts() == before
    return [(p.line, p.field) for p in result.plan.problems]


def test_malformed_xml(jda: Edition) -> None:
    content = b'<?xml version="1.0"?>\n<schedule>\n <day date="2026-10-14">\n  <room name="A">\n   <event id="1"><title>Sin cerrar</event>\n'
    problems = _refusal(jda, content, "schedule.xml")
    assert [(p.line, p.field) for p in problems] == [(5, "XML")]
    assert problems[0].message.startswith("XML mal formado")


def test_xml_with_entities_is_refused_before_parsing(jda: Edition) -> None:
    content = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        b"<schedule><conference><title>&lol2;</title></conference></schedule>\n"
    )
    problems = _refusal(jda, content, "schedule.xml")
    assert [(p.line, p.field) for p in problems] == [(2, "DOCTYPE")]


def test_xml_of_another_kind(jda: Edition) -> None:
    problems = _refusal(jda, b"<?xml version='1.0'?>\n<rss><channel/></rss>", "feed.xml")
    assert [(p.line, p.field) for p in problems] == [(2, "rss")]


def test_malformed_json(jda: Edition) -> None:
    problems = _refusal(jda, b'{\n "schedule": {\n  "version": "1",\n  ,\n}', "schedule.json")
    assert [(p.line, p.field) for p in problems] == [(4, "JSON")]


def test_json_of_the_wrong_shape(jda: Edition) -> None:
    content = json.dumps({"schedule": {"conference": {"days": {"2026-10-14": []}}}}).encode()
    problems = _refusal(jda, content, "schedule.json")
    assert [(p.line, p.field) for p in problems] == [(1, "schedule.conference.days")]


def test_json_with_a_bad_event_changes_nothing(jda: Edition) -> None:
    data = json.loads((DATA / "pretalx-schedule.json").read_bytes())
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Sala de Talleres"][0]
    event["date"] = "el 14 por la tarde"
    content = json.dumps(data, indent=1, ensure_ascii=False).encode()
    line = content.decode()[: content.decode().index('"c1d2e3f4')].count("\n") + 1

    errors = _row_errors(jda, content, "schedule.json")

    # The other three sessions are fine, but nothing is written while one row fails.
    assert errors == [(line, "days[0].rooms.Sala de Talleres[0].date")]


def test_csv_with_a_bad_date_on_line_7(edition: Edition) -> None:
    day = edition.start_date.isoformat()  # type: ignore[union-attr]
    lines = ["codigo,titulo,tipo,fecha,inicio,fin,sede,sala,personas"]
    for number in range(1, 6):
        lines.append(
            f"S01{number:02d},Sesión {number},Panel,{day},1{number}:00,1{number}:45,Sede,Sala 1,"
        )
    lines.append("S0106,Sesión 6,Panel,2026-02-30,16:00,16:45,Sede,Sala 1,")
    content = ("\n".join(lines) + "\n").encode()

    errors = _row_errors(edition, content, "programa.csv")

    assert errors == [(7, "fecha")]


def test_csv_errors_in_several_fields_each_with_its_line(edition: Edition) -> None:
    day = edition.start_date.isoformat()  # type: ignore[union-attr]
    content = (
        "codigo,titulo,fecha,inicio,fin,personas\n"
        f"S0101,Bien,{day},10:00,11:00,Ana Ejemplo (ponente)\n"
        f"s 0102,Código con espacio,{day},10:00,11:00,\n"
        f"S0103,,{day},10:00,11:00,\n"
        f"S0104,Termina antes,{day},12:00,11:00,\n"
        f"S0105,Papel raro,{day},13:00,14:00,Luis Ejemplo (astronauta)\n"
        "S0106,Fuera de fechas,1999-01-01,13:00,14:00,\n"
        f"S0101,Repetida,{day},15:00,16:00,\n"
        f"S0108,Hora mala,{day},25:00,26:00,\n"
    ).encode()

    errors = _row_errors(edition, content, "programa.csv")

    assert errors == [
        (3, "codigo"),
        (4, "titulo"),
        (5, "fin"),
        (6, "personas"),
        (7, "fecha"),
        (8, "codigo"),
        (9, "fin"),
        (9, "inicio"),
    ]


def test_csv_without_the_required_columns(edition: Edition) -> None:
    problems = _refusal(edition, b"title,date\nHola,2026-01-01\n", "programa.csv")
    assert [(p.line, p.field) for p in problems] == [
        (1, "codigo"),
        (1, "titulo"),
        (1, "title"),
        (1, "date"),
    ]


def test_a_file_over_the_size_cap(jda: Edition, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common, "MAX_BYTES", 1024)
    problems = _refusal(jda, (DATA / "pretalx-schedule.json").read_bytes(), "schedule.json")
    assert [(p.line, p.field) for p in problems] == [(None, "file")]


def test_the_import_must_be_of_the_previewed_file(jda: Edition) -> None:
    problems = _refusal(
        jda,
        (DATA / "pretalx-schedule.json").read_bytes(),
        "schedule.json",
        expected_sha256="0" * 64,
    )
    assert [(p.line, p.field) for p in problems] == [(None, "file")]


def test_text_that_is_not_utf8(jda: Edition) -> None:
    problems = _refusal(jda, "codigo,titulo\nS0101,Inauguración\n".encode("latin-1"), "p.csv")
    assert [(p.line, p.field) for p in problems] == [(2, "file")]


def test_xml_event_with_a_bad_duration_is_an_error_row(jda: Edition) -> None:
    content = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
 <conference><title>JDA</title><time_zone_name>America/Mexico_City</time_zone_name></conference>
 <day index="1" date="2026-10-14">
  <room name="Auditorio">
   <event id="1" guid="2b0c7f5e-8d1a-5b3c-9e4f-1a2b3c4d5e6f">
    <date>2026-10-14T10:00:00-06:00</date>
    <start>10:00</start>
    <duration>una hora</duration>
    <title>Sin duración legible</title>
   </event>
   <event id="2" guid="3c1d8a6f-9e2b-5c4d-8f5a-2b3c4d5e6f7a">
    <date>2026-10-14T12:00:00-06:00</date>
    <start>12:00</start>
    <duration>01:00</duration>
    <title>Bien</title>
   </event>
  </room>
 </day>
</schedule>
""".encode()
    before = counts()
    result = program_import(
        edition=jda, content=content, actor=factories.SYSTEM, filename="s.xml", venue_state="09"
    )
    assert [(row.row.line, row.action) for row in result.plan.rows] == [
        (6, "error"),
        (12, "create"),
    ]
    assert [(p.line, p.field) for p in result.plan.problems] == [(7, "duration")]
    assert _row_errors(jda, content, "s.xml") == [(7, "duration")]
    assert counts() == before
