"""iCalendar files (RFC 5545) for sessions, meetings and personal selections.

Every capability that offers a calendar builds `CalendarEvent`s and calls
`calendar_bytes`. Times are written in the event's own time zone with a
VTIMEZONE block (calendar apps then show the right local time, including in
another country) written the way every reader understands it
(`datacon.common.vtimezone`: one component per rule with RRULE, never RDATE
lists), and UIDs are stable so a re-import updates instead of duplicating.
An event with a day but no time is an all-day event (DTSTART;VALUE=DATE, and
DTEND the next day, exclusive, as RFC 5545 says).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

import icalendar

from datacon.common.urls import public_host
from datacon.common.vtimezone import vtimezone

PRODUCT_ID = "-//DATACON//Plataforma DATACON//ES"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable and globally unique, e.g. "session-2021-S0101@datacon"
    title: str
    starts_at: dt.datetime | dt.date  # aware datetime, or a date for an all-day event
    ends_at: dt.datetime | dt.date  # aware datetime, or the last day of an all-day event
    timezone: str = "America/Mexico_City"
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED
    last_modified: dt.datetime | None = None
    sequence: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def uid_for(kind: str, *parts: object) -> str:
    """A UID that stays the same for the same record on the same platform."""
    host = public_host() or "datacon"
    return "-".join([kind, *(str(part) for part in parts)]) + f"@{host}"


def calendar_bytes(events: Iterable[CalendarEvent], *, name: str = "", method: str = "") -> bytes:
    """A whole VCALENDAR. `method="PUBLISH"` for feeds and e-mail attachments."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    days_by_zone: dict[str, list[dt.date]] = {}
    components: list[icalendar.Event] = []
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        if isinstance(item.starts_at, dt.datetime) and isinstance(item.ends_at, dt.datetime):
            zone = zoneinfo.ZoneInfo(item.timezone)
            start, end = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
            event.add("dtstart", start)
            event.add("dtend", end)
            days_by_zone.setdefault(item.timezone, []).extend([start.date(), end.date()])
        else:
            first_day = _day(item.starts_at, item.timezone)
            last_day = _day(item.ends_at, item.timezone)
            event.add("dtstart", first_day)
            event.add("dtend", last_day + dt.timedelta(days=1))
        event.add("summary", item.title)
        event.add("status", item.status)
        event.add("sequence", item.sequence)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        if item.categories:
            event.add("categories", list(item.categories))
        if item.last_modified:
            event.add("last-modified", item.last_modified.astimezone(dt.UTC))
        for key, value in item.extra.items():
            event.add(key, value)
        components.append(event)
    # Time-zone definitions first: some readers resolve TZIDs as they read.
    for tzid, days in sorted(days_by_zone.items()):
        calendar.add_component(vtimezone(tzid, min(days), max(days)))
    for component in components:
        calendar.add_component(component)
    document: bytes = calendar.to_ical()
    return document


def _day(value: dt.datetime | dt.date, timezone: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    return value


CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
