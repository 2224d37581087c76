"""Compare the parsed rows with an edition: what each row creates, changes or leaves alone.

Matching (so a second import of the same file changes nothing):

* sessions by their code in the edition (parsers derive one from the source's
  guid or id when the source has no code);
* venues and rooms by name (case-insensitive);
* session types by name or identifier;
* people by name plus the source's id: a person of this platform's own export is
  recognised by the guid the export gave them; a person from another tool gets a
  URL identifier derived from the source's id ("ana-lopez-1a2b3c4d"), found again
  the next time; without a source id (the CSV), a person of the same name who
  already takes part in the edition.

The planner only reads. Fields the source leaves empty never clear what the
edition has; participations are only ever added.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from datacon.common.choices import Language
from datacon.common.urls import absolute_url
from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.people.models import Person
from datacon.program.importing.rows import ParsedFile, PersonRow, Problem, SessionRow
from datacon.program.models import SESSION_CODE_PATTERN, Participation, ParticipationRole, Session

Action = Literal["create", "change", "unchanged", "error"]
DEFAULT_TYPE = "Conferencia"

# The name of each neutral field in the file's own vocabulary, for error messages.
FIELD_NAMES: dict[str, dict[str, str]] = {
    "csv": {
        "code": "codigo", "title": "titulo", "type": "tipo", "day": "fecha",
        "starts_at": "inicio", "ends_at": "fin", "venue": "sede", "room": "sala",
        "persons": "personas",
    },
    "xml": {
        "code": "event/@guid", "title": "title", "type": "type", "day": "date",
        "starts_at": "date", "ends_at": "duration", "venue": "room", "room": "room",
        "persons": "persons/person",
    },
    "json": {
        "code": "guid", "title": "title", "type": "type", "day": "date",
        "starts_at": "date", "ends_at": "duration", "venue": "room", "room": "room",
        "persons": "persons",
    },
}  # fmt: skip


def own_person_guid(person: Person) -> str:
    """The guid this platform's schedule exports give a person (datacon.opendata.schedule)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(person.get_absolute_url())))


def imported_slug(name: str, source_id: str) -> str:
    digest = hashlib.sha1(source_id.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{slugify(name)[:60].strip('-') or 'persona'}-{digest}"


@dataclass(slots=True)
class PersonTarget:
    name: str
    role: str
    source_id: str
    person: Person | None  # None: created by the import
    new_participation: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.name, self.source_id)


@dataclass(slots=True)
class PlannedRow:
    row: SessionRow
    action: Action
    session: Session | None = None
    values: dict[str, object] = field(default_factory=dict)  # field -> new value
    changes: list[str] = field(default_factory=list)  # what changes, for people to read
    session_changed: bool = False  # a field of the session itself changes (not only people)
    people: list[PersonTarget] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    format: str
    rows: list[PlannedRow]
    problems: list[Problem]  # every problem, of the file and of its rows, by line
    new_venues: list[str]
    new_rooms: list[str]
    new_types: list[str]
    new_people: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def changes_anything(self) -> bool:
        return any(row.action in ("create", "change") for row in self.rows)


class _Edition:
    """What the edition already has, read once, looked up by name."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.venues = {v.name.lower(): v for v in Venue.objects.filter(edition=edition)}
        self.rooms: dict[tuple[str, str], Room] = {
            (r.venue.name.lower(), r.name.lower()): r
            for r in Room.objects.filter(venue__edition=edition).select_related("venue")
        }
        self.types: dict[str, SessionType] = {}
        for session_type in SessionType.objects.filter(edition=edition):
            self.types.setdefault(session_type.slug, session_type)
            self.types.setdefault(session_type.name.lower(), session_type)
        self.sessions = {
            s.code: s
            for s in Session.objects.filter(edition=edition).select_related(
                "session_type", "venue", "room"
            )
            if s.code
        }
        self.participations = set(
            Participation.objects.filter(session__edition=edition).values_list(
                "session_id", "person_id", "role"
            )
        )
        self.session_people = {(s, p) for s, p, _role in self.participations}
        self.edition_people = set(
            Participation.objects.filter(session__edition=edition).values_list(
                "person_id", flat=True
            )
        )
        self._people: dict[str, list[Person]] = {}

    def people_named(self, name: str) -> list[Person]:
        if name not in self._people:
            self._people[name] = list(Person.objects.filter(public_name=name))
        return self._people[name]

    def person(self, row: PersonRow) -> Person | None:
        candidates = self.people_named(row.name)
        if row.source_id:
            derived = imported_slug(row.name, row.source_id)
            for person in candidates:
                if person.slug == derived or own_person_guid(person) == row.source_id:
                    return person
            return None
        for person in candidates:
            if person.pk in self.edition_people:
                return person
        return None

    def session_type(self, name: str) -> SessionType | None:
        return self.types.get(name.lower()) or self.types.get(slugify(name))


def _problem(row: SessionRow, fmt: str, name: str, message: str) -> Problem:
    return Problem(row.line_of(name), FIELD_NAMES[fmt].get(name, name), message)


def _language(value: str) -> str:
    value = value.strip().lower()[:2]
    return value if value in (Language.SPANISH, Language.ENGLISH) else ""


def _check(row: SessionRow, fmt: str, edition: Edition, seen: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    if not row.code:
        problems.append(_problem(row, fmt, "code", _("La sesión no trae código, guid ni id.")))
    elif len(row.code) > 16 or not SESSION_CODE_PATTERN.match(row.code):
        problems.append(
            _problem(
                row,
                fmt,
                "code",
                _("Código «%(c)s»: solo mayúsculas, números y guiones, hasta 16.")
                % {"c": row.code},
            )
        )
    elif row.code in seen:
        problems.append(
            _problem(
                row, fmt, "code", _("El código %(c)s se repite en el archivo.") % {"c": row.code}
            )
        )
    seen.add(row.code)
    if not row.title:
        problems.append(_problem(row, fmt, "title", _("Falta el título.")))
    elif len(row.title) > 300:
        problems.append(_problem(row, fmt, "title", _("El título pasa de 300 caracteres.")))
    if row.starts_at and row.ends_at and row.ends_at <= row.starts_at:
        problems.append(
            _problem(row, fmt, "ends_at", _("La sesión debe terminar después de empezar."))
        )
    if row.day is not None:
        if not (edition.start_date and edition.end_date):
            problems.append(
                _problem(row, fmt, "day", _("La edición aún no tiene fechas; defínalas primero."))
            )
        elif not (edition.start_date <= row.day <= edition.end_date):
            problems.append(
                _problem(
                    row,
                    fmt,
                    "day",
                    _("El %(d)s queda fuera de las fechas de la edición (%(s)s a %(e)s).")
                    % {"d": row.day.isoformat(), "s": edition.start_date, "e": edition.end_date},
                )
            )
    for person in row.persons:
        if not person.name:
            problems.append(_problem(row, fmt, "persons", _("Una persona no trae nombre.")))
        elif len(person.name) > 200:
            problems.append(_problem(row, fmt, "persons", _("Un nombre pasa de 200 caracteres.")))
    return problems


def _normalise(row: SessionRow, edition: Edition) -> None:
    row.title = " ".join(row.title.split())
    row.type_name = " ".join(row.type_name.split())[:80]
    for person in row.persons:
        person.name = " ".join(person.name.split())
    if row.starts_at is not None:
        row.day = row.starts_at.astimezone(edition.tz).date()


def plan_import(*, edition: Edition, parsed: ParsedFile, venue_state: str = "") -> Plan:
    """What importing `parsed` into `edition` would do, row by row (reads only)."""
    known = _Edition(edition)
    if not venue_state:
        venue_state = next((v.state for v in known.venues.values() if v.state), "")
    plan = Plan(parsed.format, [], list(parsed.problems), [], [], [], [])
    seen_codes: set[str] = set()
    new_people: dict[tuple[str, str], str] = {}
    for row in parsed.rows:
        _normalise(row, edition)
        planned = PlannedRow(row=row, action="unchanged")
        planned.problems = row.problems + _check(row, parsed.format, edition, seen_codes)
        _plan_places(planned, known, plan, parsed.format, venue_state)
        if not planned.problems:
            _plan_session(planned, known, plan)
            _plan_people(planned, known, new_people)
        if planned.problems:
            planned.action = "error"
            plan.problems.extend(planned.problems)
        elif planned.session is None:
            planned.action = "create"
        elif planned.changes:
            planned.action = "change"
        plan.rows.append(planned)
    plan.new_people = sorted({name for (name, _source) in new_people})
    plan.problems.sort(key=lambda p: (p.line or 0, p.field))
    return plan


def _plan_places(
    planned: PlannedRow, known: _Edition, plan: Plan, fmt: str, venue_state: str
) -> None:
    row = planned.row
    venue_name, room_name = row.venue, row.room
    if room_name and not venue_name:
        matches = [r for (_v, name), r in known.rooms.items() if name == room_name.lower()]
        if len(matches) != 1:
            planned.problems.append(
                _problem(
                    row, fmt, "venue", _("Indique la sede de la sala «%(r)s».") % {"r": room_name}
                )
            )
            return
        venue_name = matches[0].venue.name
    if venue_name and venue_name.lower() not in known.venues:
        if not venue_state:
            planned.problems.append(
                _problem(
                    row,
                    fmt,
                    "venue",
                    _("La sede «%(v)s» es nueva: indique su entidad federativa.")
                    % {"v": venue_name},
                )
            )
            return
        if venue_name not in plan.new_venues:
            plan.new_venues.append(venue_name)
    if room_name and (venue_name.lower(), room_name.lower()) not in known.rooms:
        label = f"{venue_name} · {room_name}"
        if label not in plan.new_rooms:
            plan.new_rooms.append(label)
    type_name = row.type_name or DEFAULT_TYPE
    if known.session_type(type_name) is None and type_name not in plan.new_types:
        plan.new_types.append(type_name)
    planned.values.update(venue=venue_name, room=room_name, type=type_name)


def _shown(value: object, zone: dt.tzinfo) -> str:
    """A value as organisers read it: times in the edition's zone, long texts cut."""
    if isinstance(value, dt.datetime):
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _plan_session(planned: PlannedRow, known: _Edition, plan: Plan) -> None:
    row = planned.row
    zone = known.edition.tz
    wanted: dict[str, object] = {"title": row.title}
    if row.starts_at is not None:
        wanted.update(day=row.day, starts_at=row.starts_at, ends_at=row.ends_at)
    elif row.day is not None:
        wanted["day"] = row.day
    if row.abstract:
        wanted["abstract"] = row.abstract
    if language := _language(row.language):
        wanted["language"] = language
    planned.values.update(wanted)
    session = known.sessions.get(row.code)
    planned.session = session
    if session is None:
        return
    labels = {
        "title": _("título"), "day": _("día"), "starts_at": _("inicio"), "ends_at": _("fin"),
        "abstract": _("resumen"), "language": _("idioma"),
    }  # fmt: skip
    for name, value in wanted.items():
        current = getattr(session, name)
        if current != value:
            planned.changes.append(
                _("%(f)s: «%(a)s» → «%(b)s»")
                % {"f": labels[name], "a": _shown(current, zone), "b": _shown(value, zone)}
            )
    venue = str(planned.values["venue"] or "")
    room = str(planned.values["room"] or "")
    current_venue = session.venue.name if session.venue else ""
    current_room = session.room.name if session.room else ""
    if venue and (venue.lower(), room.lower()) != (current_venue.lower(), current_room.lower()):
        planned.changes.append(
            _("lugar: «%(a)s» → «%(b)s»")
            % {
                "a": " · ".join(p for p in (current_venue, current_room) if p) or "—",
                "b": " · ".join(p for p in (venue, room) if p),
            }
        )
    type_name = str(planned.values["type"])
    if row.type_name and known.session_type(type_name) != session.session_type:
        planned.changes.append(
            _("tipo: «%(a)s» → «%(b)s»") % {"a": session.session_type.name, "b": type_name}
        )
    planned.session_changed = bool(planned.changes)


def _plan_people(
    planned: PlannedRow, known: _Edition, new_people: dict[tuple[str, str], str]
) -> None:
    roles = dict(ParticipationRole.choices)
    seen: set[tuple[str, str, str]] = set()
    for person_row in planned.row.persons:
        key = (person_row.name, person_row.source_id, person_row.role)
        if key in seen:
            continue
        seen.add(key)
        person = known.person(person_row)
        if person is None:
            new_people[(person_row.name, person_row.source_id)] = person_row.name
        # Without a role in the file, a person already on the session in any role is there.
        exists = (
            person is not None
            and planned.session is not None
            and (
                (planned.session.pk, person.pk, person_row.role) in known.participations
                or (
                    not person_row.role_given
                    and (planned.session.pk, person.pk) in known.session_people
                )
            )
        )
        planned.people.append(
            PersonTarget(
                name=person_row.name,
                role=person_row.role,
                source_id=person_row.source_id,
                person=person,
                new_participation=not exists,
            )
        )
        if not exists and planned.session is not None:
            planned.changes.append(
                _("persona: %(n)s (%(r)s, por confirmar)")
                % {"n": person_row.name, "r": roles[person_row.role]}
            )


def validation_problems(error: ValidationError, row: SessionRow, fmt: str) -> list[Problem]:
    """A model's refusal at apply time, as problems of the row that caused it."""
    names = {"session_type": "type", "starts_at": "starts_at", "ends_at": "ends_at"}
    if hasattr(error, "error_dict"):
        return [
            _problem(row, fmt, names.get(name, name), " ".join(str(m) for m in messages))
            for name, messages in error.message_dict.items()
        ]
    return [Problem(row.line, FIELD_NAMES[fmt]["code"], " ".join(error.messages))]
