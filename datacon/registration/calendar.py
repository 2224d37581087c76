"""iCalendar attachments for registrations and workshop seats (built with common.ical).

A registration becomes one event per day of the edition, at the venue's
opening hours (09:00-18:00 when the venue has none), plus one event per
confirmed workshop seat. UIDs are stable, so a later message (a cancellation)
updates the same entries in the person's calendar instead of adding new ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from datacon.common.ical import CalendarEvent, calendar_bytes, uid_for
from datacon.registration.models import AttendanceMode, Registration, SessionSignup

DEFAULT_OPENS = dt.time(9, 0)
DEFAULT_CLOSES = dt.time(18, 0)


def _location(registration: Registration) -> str:
    if registration.mode == AttendanceMode.ONLINE:
        return str(_("En línea"))
    venue = registration.venue
    if venue is None:
        return ""
    parts = [venue.name, venue.address, venue.city]
    return ", ".join(part for part in parts if part)


def registration_events(
    registration: Registration, *, url: str = "", cancelled: bool = False, sequence: int = 0
) -> list[CalendarEvent]:
    edition = registration.edition
    venue = registration.venue
    opens = (venue.opens_at if venue and venue.opens_at else None) or DEFAULT_OPENS
    closes = (venue.closes_at if venue and venue.closes_at else None) or DEFAULT_CLOSES
    events = []
    for number, day in enumerate(edition.days, start=1):
        events.append(
            CalendarEvent(
                uid=uid_for("registration", registration.ticket_code, number),
                title=edition.title,
                starts_at=dt.datetime.combine(day, opens, tzinfo=edition.tz),
                ends_at=dt.datetime.combine(day, closes, tzinfo=edition.tz),
                timezone=edition.timezone,
                description=_("Boleto %(code)s") % {"code": registration.ticket_display},
                location=_location(registration),
                url=url,
                status="CANCELLED" if cancelled else "CONFIRMED",
                sequence=sequence,
            )
        )
    return events


def signup_events(
    signups: Iterable[SessionSignup], *, url: str = "", cancelled: bool = False, sequence: int = 0
) -> list[CalendarEvent]:
    events = []
    for signup in signups:
        session = signup.session
        if not (session.starts_at and session.ends_at):
            continue
        place = ", ".join(
            part
            for part in (
                session.venue.name if session.venue else "",
                session.room.name if session.room else "",
            )
            if part
        )
        events.append(
            CalendarEvent(
                uid=uid_for("signup", session.pk, signup.registration.ticket_code),
                title=f"{session.code} · {session.title}",
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                timezone=session.edition.timezone,
                location=place,
                url=url,
                status="CANCELLED" if cancelled else "CONFIRMED",
                sequence=sequence,
            )
        )
    return events


def calendar_for(events: list[CalendarEvent], *, cancelled: bool = False) -> bytes | None:
    if not events:
        return None
    return calendar_bytes(events, method="CANCEL" if cancelled else "PUBLISH")
