"""schema.org Event markup (JSON-LD) for edition and session pages.

An edition is an Event; the edition page describes it alone (dates, places,
organiser) and points to its program and its schedule.json/xml through
`subjectOf`, because embedding every session would make the page weigh as much
as the whole schedule (1.2 MB for 1,000 sessions). `edition_event` with the
sessions adds them as subEvents, for a full export. A session is an Event
whose superEvent is its edition. Location is a Place with a PostalAddress for
a venue with an address, a VirtualLocation for an online venue, or both for a
hybrid edition (and for every session of one); an edition whose venues the
sources do not name (2023) is located in Mexico. eventAttendanceMode follows
the edition's mode.

What search engines require of an Event is always there: name, startDate (the
edition's dates; for the 2022 and 2023 editions, whose dates the sources do
not give, the year alone, which ISO 8601 allows and nothing invents) and
location; and what they recommend when the platform knows it: endDate,
description as plain text (the Markdown rendered and stripped), image (the
organiser's logo, then the platform's images in 1:1, 4:3 and 16:9),
organizer, performer, eventStatus and eventAttendanceMode.
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse

from datacon.common.choices import MexicanState
from datacon.common.text import markdown_to_text
from datacon.common.urls import absolute_url
from datacon.editions.models import Edition, EditionMode, Venue
from datacon.program.models import Session

ATTENDANCE: dict[str, str] = {
    EditionMode.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    EditionMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    EditionMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
STATES = dict(MexicanState.choices)
IMAGES = (
    "public/datacon-evento-1x1.png",
    "public/datacon-evento-4x3.png",
    "public/datacon-evento-16x9.png",
)
MEXICO = {
    "@type": "Place",
    "name": "México",
    "address": {"@type": "PostalAddress", "addressCountry": "MX"},
}


def _absolute(path: str) -> str:
    return absolute_url(path)


def _images(edition: Edition) -> list[str]:
    images = [absolute_url(static(name)) for name in IMAGES]
    organiser = edition.organiser
    if organiser is not None and organiser.logo:
        images.insert(0, absolute_url(organiser.logo.url))
    return images


def _virtual(url: str, name: str = "") -> dict[str, Any]:
    location: dict[str, Any] = {"@type": "VirtualLocation", "url": url}
    if name:
        location["name"] = name
    return location


def _completed(locations: list[dict[str, Any]], edition: Edition, online_url: str) -> Any:
    """Locations with what the edition's mode implies: a VirtualLocation for an online or
    hybrid edition, a place for an in-person or hybrid one (Mexico, when no venue is known)."""
    kinds = {location["@type"] for location in locations}
    if edition.mode in (EditionMode.VIRTUAL, EditionMode.HYBRID) and "VirtualLocation" not in kinds:
        locations.append(_virtual(online_url))
    if edition.mode != EditionMode.VIRTUAL and "Place" not in kinds:
        locations.append(dict(MEXICO))
    return locations[0] if len(locations) == 1 else locations


def _location(venue: Venue, edition: Edition) -> dict[str, Any]:
    if venue.is_virtual:
        return _virtual(venue.streaming_url or _absolute(edition.get_absolute_url()), venue.name)
    place: dict[str, Any] = {"@type": "Place", "name": venue.name}
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "MX"}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city:
        address["addressLocality"] = venue.city
    if venue.state:
        address["addressRegion"] = STATES.get(venue.state, venue.state)
    place["address"] = address
    return place


def _organizer(edition: Edition) -> dict[str, Any] | None:
    if edition.organiser is None:
        return None
    organiser = edition.organiser
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": organiser.name,
        "url": organiser.website or _absolute(organiser.get_absolute_url()),
    }
    return data


def _dates(target: dict[str, Any], start: Any, end: Any) -> None:
    if start:
        target["startDate"] = start.isoformat()
    if end:
        target["endDate"] = end.isoformat()


def _session_start_end(session: Session, edition: Edition) -> tuple[Any, Any]:
    if session.starts_at and session.ends_at:
        return session.starts_at.astimezone(edition.tz), session.ends_at.astimezone(edition.tz)
    if session.day:
        return session.day, session.day
    return _edition_start_end(edition)


def _edition_start_end(edition: Edition) -> tuple[Any, Any]:
    if edition.start_date:
        return edition.start_date, edition.end_date
    return _Year(edition.year), None


class _Year(int):
    """A date known only to the year: "2022" in ISO 8601."""

    def isoformat(self) -> str:
        return f"{int(self):04d}"


def session_event(session: Session, edition: Edition, *, nested: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "@id": _absolute(session.get_absolute_url()) + "#evento",
        "name": f"{session.code} · {session.title}",
        "url": _absolute(session.get_absolute_url()),
        "identifier": session.code,
        "eventStatus": "https://schema.org/EventCancelled"
        if session.status == "cancelled"
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.get(edition.mode, ATTENDANCE[EditionMode.IN_PERSON]),
        "inLanguage": session.language if session.language in ("es", "en") else "es",
    }
    start, end = _session_start_end(session, edition)
    _dates(data, start, end)
    description = markdown_to_text(session.abstract)
    if description:
        data["description"] = description
    venues = [_location(session.venue, edition)] if session.venue is not None else []
    data["location"] = _completed(venues, edition, _absolute(session.get_absolute_url()))
    if nested:
        return data
    data["image"] = _images(edition)
    data["@context"] = "https://schema.org"
    performers = [
        {
            "@type": "Person",
            "name": p.person.public_name,
            "url": _absolute(p.person.get_absolute_url()),
        }
        for p in session.participations.all()
    ]
    if performers:
        data["performer"] = performers
    data["superEvent"] = {
        "@type": "Event",
        "@id": _absolute(edition.get_absolute_url()) + "#evento",
        "name": edition.title,
        "url": _absolute(edition.get_absolute_url()),
    }
    organizer = _organizer(edition)
    if organizer:
        data["organizer"] = organizer
    return dict(sorted(data.items()))


def edition_page_event(edition: Edition, venues: list[Venue]) -> dict[str, Any]:
    """The edition page's Event: the edition itself, with links to its program and,
    when it has days, to its schedule in the frab/C3VOC formats (no subEvents)."""
    data = _edition_base(edition, venues)
    program_url = _absolute(reverse("public:program", kwargs={"edition": edition.slug}))
    related: list[dict[str, Any]] = [
        {"@type": "WebPage", "name": "Programa", "url": program_url},
    ]
    if edition.days:
        for name, encoding, url_name in (
            ("schedule.json", "application/json", "public:opendata_schedule_json"),
            ("schedule.xml", "application/xml", "public:opendata_schedule_xml"),
        ):
            related.append(
                {
                    "@type": "DataDownload",
                    "name": name,
                    "encodingFormat": encoding,
                    "contentUrl": _absolute(reverse(url_name, kwargs={"edition": edition.slug})),
                }
            )
    data["subjectOf"] = related
    return dict(sorted(data.items()))


def edition_event(edition: Edition, sessions: list[Session], venues: list[Venue]) -> dict[str, Any]:
    """The edition with every session as a subEvent (a full export, not for the page)."""
    data = _edition_base(edition, venues)
    if sessions:
        data["subEvent"] = [session_event(s, edition, nested=True) for s in sessions]
    return dict(sorted(data.items()))


def _edition_base(edition: Edition, venues: list[Venue]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": _absolute(edition.get_absolute_url()) + "#evento",
        "name": edition.title,
        "url": _absolute(edition.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE.get(edition.mode, ATTENDANCE[EditionMode.IN_PERSON]),
        "inLanguage": "es",
        "isAccessibleForFree": True,
    }
    description = markdown_to_text(edition.theme)
    if description:
        data["description"] = description
    _dates(data, *_edition_start_end(edition))
    data["location"] = _completed(
        [_location(venue, edition) for venue in venues], edition, data["url"]
    )
    data["image"] = _images(edition)
    organizer = _organizer(edition)
    if organizer:
        data["organizer"] = organizer
    return data
