"""iCalendar files: a whole edition, one session, and a person's own selection.

Built with the shared `datacon.common.ical` helper (VTIMEZONE for the
edition's zone, stable UIDs). A session with a day but no time (the 2024
program gives only the order of each day) is an all-day event on its day:
the platform never invents a time. Sessions without a day are left out.

The personal selection needs no account: the program page keeps the chosen
session codes in the browser (localStorage) and builds a stateless address,
/ediciones/<edition>/mi-seleccion.ics?sesiones=S0101,S0203, that a calendar app
can subscribe to.
"""

from __future__ import annotations

import datetime as dt
import re

from datacon.common.ical import CalendarEvent, calendar_bytes, uid_for
from datacon.common.urls import absolute_url
from datacon.editions.models import Edition
from datacon.program.models import Session
from datacon.program.selectors import program_sessions

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")
MAX_SELECTION = 200


def selection_codes(raw: str) -> list[str]:
    """Session codes from "S0101,S0203 s0204": upper-cased, valid, unique, in order."""
    codes: list[str] = []
    for part in re.split(r"[\s,;]+", raw or ""):
        code = part.strip().upper()
        if code and CODE_RE.match(code) and code not in codes:
            codes.append(code)
    return codes[:MAX_SELECTION]


def has_calendar_entry(session: Session) -> bool:
    """A session goes in a calendar when it has a start and an end, or at least a day."""
    return bool((session.starts_at and session.ends_at) or session.day)


def _event(session: Session) -> CalendarEvent:
    starts_at: dt.datetime | dt.date
    ends_at: dt.datetime | dt.date
    if session.starts_at and session.ends_at:
        starts_at, ends_at = session.starts_at, session.ends_at
    else:
        assert session.day is not None  # has_calendar_entry
        starts_at = ends_at = session.day
    location = session.venue.name if session.venue else ""
    if session.room is not None:
        location = f"{location} · {session.room.name}" if location else session.room.name
    if session.venue is not None and session.venue.address:
        location = f"{location}, {session.venue.address}"
    people = ", ".join(p.person.public_name for p in session.participations.all())
    description_parts = [f"{session.session_type.name}. {session.edition.title}."]
    if session.abstract:
        description_parts.append(session.abstract)
    if people:
        description_parts.append(f"Participan: {people}.")
    url = absolute_url(session.get_absolute_url())
    description_parts.append(url)
    return CalendarEvent(
        uid=uid_for("session", session.edition.slug, session.code),
        title=f"{session.code} · {session.title}",
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=session.edition.timezone,
        description="\n\n".join(description_parts),
        location=location,
        url=url,
        categories=(session.session_type.name,),
        status="CANCELLED" if session.status == "cancelled" else "CONFIRMED",
        last_modified=session.updated_at,
    )


def edition_calendar(edition: Edition, *, codes: list[str] | None = None) -> tuple[bytes, int]:
    """The .ics of an edition's sessions with a time or a day (or only the given codes),
    and how many events it has."""
    sessions = program_sessions(edition=edition)
    if codes is not None:
        sessions = sessions.filter(code__in=codes)
    events = [_event(s) for s in sessions if has_calendar_entry(s)]
    name = edition.title if codes is None else f"{edition.title} · mi selección"
    return calendar_bytes(events, name=name, method="PUBLISH"), len(events)


def session_calendar(session: Session) -> bytes:
    return calendar_bytes([_event(session)], name=f"{session.code} · {session.title}")
