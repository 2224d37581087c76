"""The frab/C3VOC schedule formats: schedule.xml and schedule.json.

Read by Giggity, EventFahrplan, ConfClerk, info-beamer and the C3VOC video
tools. Decisions (see docs/opendata.md):

* Only sessions with a start and an end are exported: the format needs a time
  and a duration, and the platform never invents times (the 2024 concept note
  gives none). Their days still appear, so the file stays valid.
* `event/@code` must be six characters; DATACON codes (S0101) have five, so
  the code goes into the title ("S0101 · Inauguración") and the slug, and
  @code is left out.
* `event/@id` is the session's database id; `event/@guid` is a UUIDv5 of the
  session's public URL, so it is stable across exports and platforms that
  keep the same address, and unique per edition and code.
* Times carry the edition's UTC offset; `time_zone_name` names the zone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from lxml import etree

from datacon.common.urls import absolute_url
from datacon.editions.models import Edition
from datacon.program.models import (
    SESSION_CODE_PATTERN,
    Material,
    MaterialKind,
    Participation,
    Session,
)
from datacon.program.selectors import program_sessions

GENERATOR = "Plataforma DATACON"
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def session_url(session: Session) -> str:
    return absolute_url(session.get_absolute_url())


def session_guid(session: Session) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, session_url(session)))


def person_guid(slug: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(f"/personas/{slug}/")))


def room_guid(edition: Edition, name: str) -> str:
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            absolute_url(f"/ediciones/{edition.slug}/salas/{name}"),
        )
    )


def _ascii_slug(text: str, limit: int = 50) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:limit].strip("-") or "sesion"


def acronym(edition: Edition) -> str:
    # [a-z0-9_-][a-z0-9_]{3,}: letters and digits only, e.g. "datacon2021".
    return "datacon" + re.sub(r"[^a-z0-9]", "", edition.slug.lower())


def event_slug(session: Session) -> str:
    return f"{acronym(session.edition)}-{session.code.lower()}-{_ascii_slug(session.title)}"


def room_name(session: Session) -> str:
    if session.room is not None and session.venue is not None:
        return f"{session.venue.name} · {session.room.name}"
    if session.venue is not None:
        return session.venue.name
    return "DATACON"


def _duration(session: Session) -> str:
    minutes = session.duration_minutes or 0
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_available(edition: Edition) -> bool:
    """The formats need at least one day: an edition without dates has no schedule."""
    return bool(edition.days)


@dataclass(slots=True)
class TimedSession:
    """One timed public session as flat values (what both formats need), read without
    building model instances: the 1,000-session edition would otherwise cost ~15,000
    objects per export."""

    pk: int
    code: str
    title: str
    abstract: str
    status: str
    language: str
    day: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    type_name: str
    type_slug: str
    room: str  # room_name(): "Sede · Sala", the venue, or "DATACON"
    url: str
    persons: list[tuple[int, str, str]] = field(default_factory=list)  # (pk, name, slug)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (url, title, type)

    @property
    def guid(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, self.url))

    @property
    def duration(self) -> str:
        minutes = int((self.ends_at - self.starts_at).total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


LINK_TYPES: dict[str, str] = {
    MaterialKind.VIDEO: "media",
    MaterialKind.SLIDES: "slides",
    MaterialKind.REPORT: "article",
    MaterialKind.DOCUMENT: "paper",
}


def _session_url_maker(edition: Edition) -> Callable[[str], str]:
    """The public URL of a session of this edition from its code, reversing once
    (a code of the validated form needs no quoting); anything else is reversed."""
    marker = "S0000"
    pattern = absolute_url("public:session", edition=edition.slug, code=marker)
    head, tail = pattern.rsplit(marker, 1)

    def url(code: str) -> str:
        if SESSION_CODE_PATTERN.match(code):
            return f"{head}{code}{tail}"
        return absolute_url("public:session", edition=edition.slug, code=code)

    return url


def timed_sessions(edition: Edition) -> list[TimedSession]:
    """The edition's public sessions with a day, a start and an end, in program order,
    with their people and material links: three queries whatever the program's size."""
    sessions = (
        program_sessions(edition=edition)
        .prefetch_related(None)
        .filter(starts_at__isnull=False, ends_at__isnull=False, day__isnull=False)
    )
    url = _session_url_maker(edition)
    rows = []
    for (
        pk, code, title, abstract, status, language, day, starts_at, ends_at,
        type_name, type_slug, venue_id, venue_name, room_id, room_name_,
    ) in sessions.values_list(
        "id", "code", "title", "abstract", "status", "language", "day", "starts_at", "ends_at",
        "session_type__name", "session_type__slug", "venue_id", "venue__name", "room_id",
        "room__name",
    ):  # fmt: skip
        if room_id is not None and venue_id is not None:
            room = f"{venue_name} · {room_name_}"
        elif venue_id is not None:
            room = venue_name
        else:
            room = "DATACON"
        assert day is not None and starts_at is not None and ends_at is not None  # filtered
        rows.append(
            TimedSession(
                pk=pk, code=code, title=title, abstract=abstract, status=status,
                language=language, day=day, starts_at=starts_at, ends_at=ends_at,
                type_name=type_name, type_slug=type_slug, room=room, url=url(code),
            )
        )  # fmt: skip
    by_id = {row.pk: row for row in rows}
    ids = sessions.values("id")
    seen: set[tuple[int, int]] = set()
    for session_id, person_id, name, slug in (
        Participation.objects.public()
        .filter(session__in=ids)
        .order_by("session_id", "order", "id")
        .values_list("session_id", "person_id", "person__public_name", "person__slug")
    ):
        if (session_id, person_id) not in seen:
            seen.add((session_id, person_id))
            by_id[session_id].persons.append((person_id, name, slug))
    kinds = dict(MaterialKind.choices)
    storage = Material._meta.get_field("file").storage
    for session_id, link, file, kind, material_title in (
        Material.objects.filter(session__in=ids)
        .order_by("session_id", "order", "id")
        .values_list("session_id", "url", "file", "kind", "title")
    ):
        link = link or (absolute_url(storage.url(file)) if file else "")
        if not link.startswith(("http://", "https://")):
            continue
        by_id[session_id].links.append(
            (link, material_title or str(kinds.get(kind, kind)), LINK_TYPES.get(kind, "related"))
        )
    return rows


def _days(
    edition: Edition, sessions: list[TimedSession]
) -> list[tuple[int, dt.date, list[TimedSession]]]:
    by_day: dict[dt.date, list[TimedSession]] = {}
    for session in sessions:
        by_day.setdefault(session.day, []).append(session)
    dates = list(edition.days) or sorted(by_day)
    return [(index, day, by_day.get(day, [])) for index, day in enumerate(dates, start=1)]


def _day_bounds(
    edition: Edition, day: dt.date, sessions: list[TimedSession]
) -> tuple[dt.datetime, dt.datetime]:
    zone = edition.tz
    if sessions:
        start = min(s.starts_at for s in sessions).astimezone(zone)
        end = max(s.ends_at for s in sessions).astimezone(zone)
        return start, end
    return (
        dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone),
        dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone),
    )


def _title(session: Session | TimedSession) -> str:
    return f"{session.code} · {session.title}"


def _language(session: Session | TimedSession) -> str:
    return session.language if session.language in ("es", "en") else "es"


def _event_slug(edition_acronym: str, session: TimedSession) -> str:
    return f"{edition_acronym}-{session.code.lower()}-{_ascii_slug(session.title)}"


def _description(session: TimedSession) -> str:
    return "Sesión cancelada." if session.status == "cancelled" else ""


def _version(edition: Edition) -> str:
    from datacon.common.versions import public_versions_read

    key, _changed = public_versions_read(edition.public_scopes())
    return key


def schedule_xml(edition: Edition) -> bytes:
    sessions = timed_sessions(edition)
    zone = edition.tz
    edition_acronym = acronym(edition)
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name=GENERATOR, version=settings.DATACON_RELEASE)
    etree.SubElement(root, "url").text = absolute_url(f"/ediciones/{edition.slug}/schedule.xml")
    etree.SubElement(root, "version").text = _version(edition)
    conference = etree.SubElement(root, "conference")
    etree.SubElement(conference, "title").text = edition.title
    etree.SubElement(conference, "acronym").text = edition_acronym
    days = _days(edition, sessions)
    if days:
        etree.SubElement(conference, "start").text = days[0][1].isoformat()
        etree.SubElement(conference, "end").text = days[-1][1].isoformat()
    etree.SubElement(conference, "days").text = str(len(days))
    etree.SubElement(conference, "timeslot_duration").text = "00:15"
    etree.SubElement(conference, "base_url").text = absolute_url("/")
    etree.SubElement(conference, "url").text = absolute_url(edition.get_absolute_url())
    etree.SubElement(conference, "time_zone_name").text = edition.timezone
    for type_name, type_slug in _tracks(sessions):
        etree.SubElement(conference, "track", name=type_name, slug=type_slug)
    sub = etree.SubElement
    person_guids: dict[str, str] = {}
    for index, day, day_sessions in days:
        start, end = _day_bounds(edition, day, day_sessions)
        day_element = sub(
            root, "day", index=str(index), date=day.isoformat(),
            start=start.isoformat(), end=end.isoformat(),
        )  # fmt: skip
        rooms: dict[str, list[TimedSession]] = {}
        for session in day_sessions:
            rooms.setdefault(session.room, []).append(session)
        for name, room_sessions in rooms.items():
            room_element = sub(day_element, "room", name=name, guid=room_guid(edition, name))
            for session in room_sessions:
                local = session.starts_at.astimezone(zone).isoformat()
                event = sub(room_element, "event", id=str(session.pk), guid=session.guid)
                sub(event, "date").text = local
                sub(event, "start").text = local[11:16]  # strftime("%H:%M"), cheaper
                sub(event, "duration").text = session.duration
                sub(event, "room").text = name
                sub(event, "slug").text = _event_slug(edition_acronym, session)
                sub(event, "url").text = session.url
                sub(event, "title").text = _title(session)
                sub(event, "subtitle").text = ""
                sub(event, "track").text = session.type_name
                sub(event, "type").text = session.type_name
                sub(event, "language").text = _language(session)
                sub(event, "abstract").text = session.abstract
                sub(event, "description").text = _description(session)
                persons = sub(event, "persons")
                for pk, name_, slug in session.persons:
                    guid = person_guids.get(slug)
                    if guid is None:
                        guid = person_guids[slug] = person_guid(slug)
                    sub(persons, "person", id=str(pk), guid=guid).text = name_
                links = sub(event, "links")
                for url, title, _kind in session.links:
                    sub(links, "link", href=url).text = title
                sub(event, "attachments")
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document


def _tracks(sessions: Iterable[TimedSession]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for session in sessions:
        if session.type_name not in seen:
            seen[session.type_name] = _ascii_slug(session.type_slug or session.type_name)
    return list(seen.items())


def schedule_dict(edition: Edition) -> dict[str, Any]:
    sessions = timed_sessions(edition)
    zone = edition.tz
    edition_acronym = acronym(edition)
    days = _days(edition, sessions)
    room_names: dict[str, None] = {}
    people: dict[str, dict[str, str]] = {}
    day_list = []
    for index, day, day_sessions in days:
        start, end = _day_bounds(edition, day, day_sessions)
        rooms: dict[str, list[dict[str, Any]]] = {}
        for session in day_sessions:
            name = session.room
            room_names.setdefault(name, None)
            local = session.starts_at.astimezone(zone).isoformat()
            persons = []
            for _pk, name_, slug in session.persons:
                person = people.get(slug)
                if person is None or person["name"] != name_:
                    person = people[slug] = {
                        "guid": person_guid(slug),
                        "name": name_,
                        "url": absolute_url(f"/personas/{slug}/"),
                    }
                persons.append(person)
            rooms.setdefault(name, []).append(
                {
                    "guid": session.guid,
                    "id": session.pk,
                    "logo": None,
                    "date": local,
                    "start": local[11:16],  # strftime("%H:%M"), cheaper
                    "end": session.ends_at.astimezone(zone).isoformat(),
                    "duration": session.duration,
                    "room": name,
                    "slug": _event_slug(edition_acronym, session),
                    "url": session.url,
                    "title": _title(session),
                    "subtitle": "",
                    "track": session.type_name,
                    "type": session.type_name,
                    "language": _language(session),
                    "abstract": session.abstract,
                    "description": _description(session),
                    "do_not_record": False,
                    "persons": persons,
                    "links": [
                        {"url": url, "title": title, "type": kind}
                        for url, title, kind in session.links
                    ],
                    "attachments": [],
                }
            )
        day_list.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": rooms,
            }
        )
    conference: dict[str, Any] = {
        "acronym": edition_acronym,
        "title": edition.title,
        "description": edition.theme,
        "start": days[0][1].isoformat() if days else "",
        "end": days[-1][1].isoformat() if days else "",
        "daysCount": len(days),
        "timeslot_duration": "00:15",
        "time_zone_name": edition.timezone,
        "url": absolute_url(edition.get_absolute_url()),
        "tracks": [{"name": name, "slug": slug} for name, slug in _tracks(sessions)],
        "rooms": [{"name": name, "guid": room_guid(edition, name)} for name in room_names],
        "days": day_list,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": settings.DATACON_RELEASE},
        "schedule": {
            "version": _version(edition),
            "base_url": absolute_url("/"),
            "conference": conference,
        },
    }


def schedule_json(edition: Edition) -> bytes:
    return (json.dumps(schedule_dict(edition), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
