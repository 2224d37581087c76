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
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from lxml import etree

from datacon.editions.models import Edition
from datacon.program.models import MaterialKind, Session
from datacon.program.selectors import program_sessions

GENERATOR = "Plataforma DATACON"
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


def session_url(session: Session) -> str:
    return settings.DATACON_PUBLIC_URL + session.get_absolute_url()


def session_guid(session: Session) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, session_url(session)))


def person_guid(slug: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.DATACON_PUBLIC_URL}/personas/{slug}/"))


def room_guid(edition: Edition, name: str) -> str:
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{settings.DATACON_PUBLIC_URL}/ediciones/{edition.slug}/salas/{name}",
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


def timed_sessions(edition: Edition) -> list[Session]:
    sessions = program_sessions(edition=edition).prefetch_related("materials")
    return [s for s in sessions if s.starts_at and s.ends_at and s.day]


def _days(edition: Edition, sessions: list[Session]) -> list[tuple[int, dt.date, list[Session]]]:
    dates = list(edition.days) or sorted({s.day for s in sessions if s.day})
    return [
        (index, day, [s for s in sessions if s.day == day])
        for index, day in enumerate(dates, start=1)
    ]


def _day_bounds(
    edition: Edition, day: dt.date, sessions: list[Session]
) -> tuple[dt.datetime, dt.datetime]:
    zone = edition.tz
    if sessions:
        start = min(s.starts_at for s in sessions if s.starts_at).astimezone(zone)
        end = max(s.ends_at for s in sessions if s.ends_at).astimezone(zone)
        return start, end
    return (
        dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone),
        dt.datetime.combine(day, dt.time(23, 59), tzinfo=zone),
    )


def _links(session: Session) -> list[tuple[str, str, str]]:
    """(url, title, C3VOC reference type) for each material with an address."""
    links = []
    for material in session.materials.all():
        url = material.url or (
            settings.DATACON_PUBLIC_URL + material.file.url if material.file else ""
        )
        if not url.startswith(("http://", "https://")):
            continue
        kinds: dict[str, str] = {
            MaterialKind.VIDEO: "media",
            MaterialKind.SLIDES: "slides",
            MaterialKind.REPORT: "article",
            MaterialKind.DOCUMENT: "paper",
        }
        kind = kinds.get(material.kind, "related")
        links.append((url, material.title or str(material.get_kind_display()), kind))
    return links


def _title(session: Session) -> str:
    return f"{session.code} · {session.title}"


def _persons(session: Session) -> list[tuple[int, str, str]]:
    seen: dict[int, tuple[int, str, str]] = {}
    for participation in session.participations.all():
        person = participation.person
        seen.setdefault(person.pk, (person.pk, person.public_name, person.slug))
    return list(seen.values())


def _language(session: Session) -> str:
    return session.language if session.language in ("es", "en") else "es"


def _version(edition: Edition) -> str:
    from datacon.common.versions import public_versions_read

    key, _changed = public_versions_read(edition.public_scopes())
    return key


def schedule_xml(edition: Edition) -> bytes:
    sessions = timed_sessions(edition)
    zone = edition.tz
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name=GENERATOR, version=settings.DATACON_RELEASE)
    etree.SubElement(root, "url").text = (
        settings.DATACON_PUBLIC_URL + f"/ediciones/{edition.slug}/schedule.xml"
    )
    etree.SubElement(root, "version").text = _version(edition)
    conference = etree.SubElement(root, "conference")
    etree.SubElement(conference, "title").text = edition.title
    etree.SubElement(conference, "acronym").text = acronym(edition)
    days = _days(edition, sessions)
    if days:
        etree.SubElement(conference, "start").text = days[0][1].isoformat()
        etree.SubElement(conference, "end").text = days[-1][1].isoformat()
    etree.SubElement(conference, "days").text = str(len(days))
    etree.SubElement(conference, "timeslot_duration").text = "00:15"
    etree.SubElement(conference, "base_url").text = settings.DATACON_PUBLIC_URL + "/"
    etree.SubElement(conference, "url").text = (
        settings.DATACON_PUBLIC_URL + edition.get_absolute_url()
    )
    etree.SubElement(conference, "time_zone_name").text = edition.timezone
    for type_name, type_slug in _tracks(sessions):
        etree.SubElement(conference, "track", name=type_name, slug=type_slug)
    for index, day, day_sessions in days:
        start, end = _day_bounds(edition, day, day_sessions)
        day_element = etree.SubElement(
            root, "day", index=str(index), date=day.isoformat(),
            start=start.isoformat(), end=end.isoformat(),
        )  # fmt: skip
        rooms: dict[str, list[Session]] = {}
        for session in day_sessions:
            rooms.setdefault(room_name(session), []).append(session)
        for name, room_sessions in rooms.items():
            room_element = etree.SubElement(
                day_element, "room", name=name, guid=room_guid(edition, name)
            )
            for session in room_sessions:
                assert session.starts_at is not None
                local = session.starts_at.astimezone(zone)
                event = etree.SubElement(
                    room_element, "event", id=str(session.pk), guid=session_guid(session)
                )
                etree.SubElement(event, "date").text = local.isoformat()
                etree.SubElement(event, "start").text = local.strftime("%H:%M")
                etree.SubElement(event, "duration").text = _duration(session)
                etree.SubElement(event, "room").text = name
                etree.SubElement(event, "slug").text = event_slug(session)
                etree.SubElement(event, "url").text = session_url(session)
                etree.SubElement(event, "title").text = _title(session)
                etree.SubElement(event, "subtitle").text = ""
                etree.SubElement(event, "track").text = session.session_type.name
                etree.SubElement(event, "type").text = session.session_type.name
                etree.SubElement(event, "language").text = _language(session)
                etree.SubElement(event, "abstract").text = session.abstract
                etree.SubElement(event, "description").text = (
                    "Sesión cancelada." if session.status == "cancelled" else ""
                )
                persons = etree.SubElement(event, "persons")
                for pk, name_, slug in _persons(session):
                    etree.SubElement(
                        persons, "person", id=str(pk), guid=person_guid(slug)
                    ).text = name_
                links = etree.SubElement(event, "links")
                for url, title, _kind in _links(session):
                    etree.SubElement(links, "link", href=url).text = title
                etree.SubElement(event, "attachments")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _tracks(sessions: Iterable[Session]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for session in sessions:
        seen.setdefault(
            session.session_type.name,
            _ascii_slug(session.session_type.slug or session.session_type.name),
        )
    return list(seen.items())


def schedule_dict(edition: Edition) -> dict[str, Any]:
    sessions = timed_sessions(edition)
    zone = edition.tz
    days = _days(edition, sessions)
    room_names: list[str] = []
    day_list = []
    for index, day, day_sessions in days:
        start, end = _day_bounds(edition, day, day_sessions)
        rooms: dict[str, list[dict[str, Any]]] = {}
        for session in day_sessions:
            assert session.starts_at is not None and session.ends_at is not None
            name = room_name(session)
            if name not in room_names:
                room_names.append(name)
            local = session.starts_at.astimezone(zone)
            rooms.setdefault(name, []).append(
                {
                    "guid": session_guid(session),
                    "id": session.pk,
                    "logo": None,
                    "date": local.isoformat(),
                    "start": local.strftime("%H:%M"),
                    "end": session.ends_at.astimezone(zone).isoformat(),
                    "duration": _duration(session),
                    "room": name,
                    "slug": event_slug(session),
                    "url": session_url(session),
                    "title": _title(session),
                    "subtitle": "",
                    "track": session.session_type.name,
                    "type": session.session_type.name,
                    "language": _language(session),
                    "abstract": session.abstract,
                    "description": "Sesión cancelada." if session.status == "cancelled" else "",
                    "do_not_record": False,
                    "persons": [
                        {
                            "guid": person_guid(slug),
                            "name": name_,
                            "url": f"{settings.DATACON_PUBLIC_URL}/personas/{slug}/",
                        }
                        for _pk, name_, slug in _persons(session)
                    ],
                    "links": [
                        {"url": url, "title": title, "type": kind}
                        for url, title, kind in _links(session)
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
        "acronym": acronym(edition),
        "title": edition.title,
        "description": edition.theme,
        "start": days[0][1].isoformat() if days else "",
        "end": days[-1][1].isoformat() if days else "",
        "daysCount": len(days),
        "timeslot_duration": "00:15",
        "time_zone_name": edition.timezone,
        "url": settings.DATACON_PUBLIC_URL + edition.get_absolute_url(),
        "tracks": [{"name": name, "slug": slug} for name, slug in _tracks(sessions)],
        "rooms": [{"name": name, "guid": room_guid(edition, name)} for name in room_names],
        "days": day_list,
    }
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": settings.DATACON_RELEASE},
        "schedule": {
            "version": _version(edition),
            "base_url": settings.DATACON_PUBLIC_URL + "/",
            "conference": conference,
        },
    }


def schedule_json(edition: Edition) -> bytes:
    return (json.dumps(schedule_dict(edition), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
