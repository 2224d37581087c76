"""frab/C3VOC schedule.xml and schedule.json (pretalx, frab, this platform...) as rows.

XML is parsed without ever reading a DTD or expanding an entity: a file with a
DOCTYPE or ENTITY declaration is refused before lxml sees it (defusedxml is not a
dependency of the platform), and the parser is told not to resolve entities, not
to load DTDs, not to touch the network and not to accept huge trees.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from datacon.program.importing.common import duration_of, role_of, session_code, split_room, text_of
from datacon.program.importing.rows import (
    ImportRefused,
    ParsedFile,
    PersonRow,
    Problem,
    SessionRow,
)

DECLARATIONS = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
CANCELLED_DESCRIPTION = "Sesión cancelada."  # what this platform's exports write


def _zone(name: str, default: zoneinfo.ZoneInfo) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name) if name else default
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return default


def _moment(
    date_text: str, day_text: str, start_text: str, zone: zoneinfo.ZoneInfo
) -> dt.datetime | None:
    """The start: the event's ISO date-time, else its day plus HH:MM in the zone."""
    if date_text:
        try:
            moment = dt.datetime.fromisoformat(date_text.strip())
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    try:
        day = dt.date.fromisoformat(day_text.strip()[:10])
        time = dt.time.fromisoformat(start_text.strip())
    except ValueError:
        return None
    return dt.datetime.combine(day, time, tzinfo=zone)


def _timing(
    row: SessionRow,
    problems: list[Problem],
    *,
    date: str,
    day: str,
    start: str,
    duration: str,
    zone: zoneinfo.ZoneInfo,
    line: int,
    prefix: str = "",
    end: str = "",
) -> None:
    if not (date or start):
        return
    starts_at = _moment(date, day, start, zone)
    if starts_at is None:
        field = "date" if date else "start"
        problems.append(
            Problem(
                line, prefix + field, _("Fecha u hora inválida: «%(v)s».") % {"v": date or start}
            )
        )
        return
    length = duration_of(duration) if duration else None
    if end:  # C3VOC's preferred field; "duration" is deprecated there
        try:
            ends_at = dt.datetime.fromisoformat(end)
        except ValueError:
            ends_at = None
        if ends_at is None:
            problems.append(
                Problem(line, prefix + "end", _("Fecha u hora inválida: «%(v)s».") % {"v": end})
            )
            return
        length = (ends_at if ends_at.tzinfo else ends_at.replace(tzinfo=zone)) - starts_at
        if length <= dt.timedelta(0):
            problems.append(
                Problem(line, prefix + "end", _("La sesión debe terminar después de empezar."))
            )
            return
    if length is None or length <= dt.timedelta(0):
        problems.append(
            Problem(
                line,
                prefix + "duration",
                _("Duración inválida: «%(v)s» (use HH:MM).") % {"v": duration},
            )
        )
        return
    row.starts_at = starts_at
    row.ends_at = starts_at + length
    row.day = starts_at.astimezone(zone).date()


# --- schedule.xml ------------------------------------------------------------------------


def _child(element: Any, name: str) -> str:
    found = element.find(name)
    return (found.text or "").strip() if found is not None else ""


def parse_xml(content: bytes, zone: zoneinfo.ZoneInfo) -> ParsedFile:
    text = text_of(content, what=_("archivo XML"))
    if match := DECLARATIONS.search(text):
        line = text[: match.start()].count("\n") + 1
        raise ImportRefused(
            [Problem(line, "DOCTYPE", _("El XML no puede declarar DOCTYPE ni entidades."))]
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        position: int | None = error.position[0] if error.position else None
        raise ImportRefused(
            [Problem(position, "XML", _("XML mal formado: %(e)s") % {"e": error.msg})]
        ) from None
    if root.tag != "schedule":
        raise ImportRefused(
            [
                Problem(
                    root.sourceline,
                    root.tag,
                    _("Se esperaba un schedule.xml de frab/C3VOC (elemento <schedule>)."),
                )
            ]
        )
    generator = root.find("generator")
    parsed = ParsedFile(
        format="xml", generator=generator.get("name", "") if generator is not None else ""
    )
    conference = root.find("conference")
    if conference is not None:
        zone = _zone(_child(conference, "time_zone_name"), zone)
    for day in root.iterfind("day"):
        for room in day.iterfind("room"):
            for event in room.iterfind("event"):
                parsed.rows.append(_xml_event(event, day, room, zone, parsed))
    return parsed


def _xml_event(
    event: Any, day: Any, room: Any, zone: zoneinfo.ZoneInfo, parsed: ParsedFile
) -> SessionRow:
    line = event.sourceline or 0
    code, title = session_code(
        code=event.get("code", ""),
        guid=event.get("guid", ""),
        event_id=event.get("id", ""),
        title=_child(event, "title"),
        own_export=parsed.own_export,
    )
    venue, room_name = split_room(
        _child(event, "room") or room.get("name", ""), own_export=parsed.own_export
    )
    description = _child(event, "description")
    row = SessionRow(
        line=line,
        code=code,
        title=title,
        type_name=_child(event, "type") or _child(event, "track"),
        venue=venue,
        room=room_name,
        abstract=_child(event, "abstract") or ("" if parsed.own_export else description),
        language=_child(event, "language"),
        cancelled=parsed.own_export and description == CANCELLED_DESCRIPTION,
    )
    for name in ("title", "date", "start", "duration", "room"):
        found = event.find(name)
        if found is not None and found.sourceline:
            row.lines[name] = found.sourceline
    _timing(
        row,
        row.problems,
        date=_child(event, "date"),
        day=day.get("date", ""),
        start=_child(event, "start"),
        duration=_child(event, "duration"),
        zone=zone,
        line=row.line_of("date"),
    )
    persons = event.find("persons")
    for person in persons.iterfind("person") if persons is not None else ():
        role = role_of(person.get("role", ""))
        if role is None:
            row.problems.append(Problem(person.sourceline, "person/@role", _("Papel desconocido.")))
            continue
        row.persons.append(
            PersonRow(
                name=(person.text or "").strip(),
                source_id=person.get("guid") or person.get("code") or person.get("id") or "",
                role=role,
                role_given=bool(person.get("role")),
            )
        )
    return row


# --- schedule.json -----------------------------------------------------------------------


def _line_of(text: str, *needles: Any) -> int | None:
    """The line where a JSON value first appears (the json module keeps no positions)."""
    for needle in needles:
        if needle in (None, ""):
            continue
        found = text.find(json.dumps(needle, ensure_ascii=False))
        if found < 0:
            found = text.find(json.dumps(needle))
        if found >= 0:
            return text[:found].count("\n") + 1
    return None


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def parse_json(content: bytes, zone: zoneinfo.ZoneInfo) -> ParsedFile:
    text = text_of(content, what=_("archivo JSON"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(
            [Problem(error.lineno, "JSON", _("JSON mal formado: %(e)s") % {"e": error.msg})]
        ) from None
    schedule = data.get("schedule") if isinstance(data, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    days = conference.get("days") if isinstance(conference, dict) else None
    if not isinstance(days, list):
        raise ImportRefused(
            [
                Problem(
                    1,
                    "schedule.conference.days",
                    _("Se esperaba un schedule.json de C3VOC con schedule.conference.days."),
                )
            ]
        )
    assert isinstance(conference, dict) and isinstance(data, dict)
    generator = data.get("generator")
    parsed = ParsedFile(
        format="json",
        generator=_str(generator.get("name")) if isinstance(generator, dict) else "",
    )
    zone = _zone(_str(conference.get("time_zone_name")), zone)
    for index, day in enumerate(days):
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            parsed.problems.append(
                Problem(
                    _line_of(text, day.get("date") if isinstance(day, dict) else None),
                    f"days[{index}].rooms",
                    _("Se esperaba un objeto con las salas del día."),
                )
            )
            continue
        for room_name, events in rooms.items():
            if not isinstance(events, list):
                parsed.problems.append(
                    Problem(
                        _line_of(text, room_name),
                        f"days[{index}].rooms.{room_name}",
                        _("Se esperaba la lista de sesiones de la sala."),
                    )
                )
                continue
            for position, event in enumerate(events):
                path = f"days[{index}].rooms.{room_name}[{position}]"
                if not isinstance(event, dict):
                    parsed.problems.append(
                        Problem(_line_of(text, room_name), path, _("Se esperaba un objeto."))
                    )
                    continue
                parsed.rows.append(_json_event(event, room_name, day, zone, parsed, text, path))
    return parsed


def _json_event(
    event: dict[str, Any],
    room_name: str,
    day: dict[str, Any],
    zone: zoneinfo.ZoneInfo,
    parsed: ParsedFile,
    text: str,
    path: str,
) -> SessionRow:
    line = _line_of(text, event.get("guid"), event.get("id"), event.get("title")) or 0
    code, title = session_code(
        code=_str(event.get("code")),
        guid=_str(event.get("guid")),
        event_id=_str(event.get("id")),
        title=_str(event.get("title")),
        own_export=parsed.own_export,
    )
    venue, room = split_room(_str(event.get("room")) or room_name, own_export=parsed.own_export)
    description = _str(event.get("description"))
    row = SessionRow(
        line=line,
        code=code,
        title=title,
        type_name=_str(event.get("type")) or _str(event.get("track")),
        venue=venue,
        room=room,
        abstract=_str(event.get("abstract")) or ("" if parsed.own_export else description),
        language=_str(event.get("language")),
        cancelled=parsed.own_export and description == CANCELLED_DESCRIPTION,
    )
    _timing(
        row,
        row.problems,
        date=_str(event.get("date")),
        day=_str(day.get("date")),
        start=_str(event.get("start")),
        duration=_str(event.get("duration")),
        zone=zone,
        line=line,
        prefix=path + ".",
        end=_str(event.get("end")),
    )
    persons = event.get("persons") or []
    if not isinstance(persons, list):
        row.problems.append(Problem(line, path + ".persons", _("Se esperaba una lista.")))
        persons = []
    for number, person in enumerate(persons):
        if not isinstance(person, dict):
            row.problems.append(
                Problem(line, f"{path}.persons[{number}]", _("Se esperaba un objeto."))
            )
            continue
        name = _str(person.get("public_name")) or _str(person.get("name"))
        role = role_of(_str(person.get("role")))
        if role is None:
            row.problems.append(
                Problem(line, f"{path}.persons[{number}].role", _("Papel desconocido."))
            )
            continue
        source_id = _str(person.get("guid")) or _str(person.get("code")) or _str(person.get("id"))
        row.persons.append(
            PersonRow(
                name=name, source_id=source_id, role=role, role_given=bool(_str(person.get("role")))
            )
        )
    return row
