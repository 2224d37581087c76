"""Calendars (.ics) read by four independent readers: icalendar, ics, vobject (PyPI) and
Mozilla's ical.js (npm, what Thunderbird's web calendar uses). All must see the same
instants, and those of the API (issue 14.2: 2021 sessions an hour late in some readers;
issue 14.9: a program with days but no times gave an empty calendar)."""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from typing import Any

import icalendar
import ics
import pytest
import vobject

from tests.interop.conftest import NODE, api_all, get, node_version, run_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

UTC = dt.UTC
READERS = {
    "icalendar": version("icalendar"),
    "ics": version("ics"),
    "vobject": version("vobject"),
    "ical.js": "",  # read from node_modules once installed
}

CALENDARS = [
    "/ediciones/2021/calendario.ics",
    "/ediciones/2021/sesiones/S0103/calendario.ics",
    "/ediciones/2021/mi-seleccion.ics?sesiones=S0101,S0203,S0204",
    "/ediciones/2024/calendario.ics",
    "/ediciones/2024/sesiones/S0201/calendario.ics",
    "/ediciones/2027-demo/calendario.ics",
    "/politica/reuniones.ics",
]

Instant = tuple[str, str]  # (start, end): UTC ISO 8601 for times, YYYY-MM-DD for all-day


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, "floating time: the reader lost the time zone"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def read_icalendar(content: bytes) -> dict[str, Instant]:
    calendar = icalendar.Calendar.from_ical(content)
    return {
        str(event["UID"]): (_iso(event.decoded("DTSTART")), _iso(event.decoded("DTEND")))
        for event in calendar.walk("VEVENT")
    }


def read_ics(content: bytes) -> dict[str, Instant]:
    calendar = ics.Calendar(content.decode("utf-8"))
    found = {}
    for event in calendar.events:
        if event.all_day:
            # ics keeps the exclusive end of an all-day event as given (the next day).
            found[event.uid] = (event.begin.date().isoformat(), event.end.date().isoformat())
        else:
            found[event.uid] = (_iso(event.begin.datetime), _iso(event.end.datetime))
    return found


def read_vobject(content: bytes) -> dict[str, Instant]:
    calendar = vobject.readOne(content.decode("utf-8"))
    return {
        event.uid.value: (_iso(event.dtstart.value), _iso(event.dtend.value))
        for event in getattr(calendar, "vevent_list", [])
    }


def read_icaljs(content: bytes, tmp_path: Any) -> dict[str, Instant]:
    path = tmp_path / "calendar.ics"
    path.write_bytes(content)
    events = run_json("node", NODE / "read_ics.mjs", path, cwd=NODE)
    found = {}
    for event in events:
        if event["allDay"]:
            found[event["uid"]] = (event["start"], event["end"])
        else:
            start = dt.datetime.fromisoformat(event["start"].replace("Z", "+00:00"))
            end = dt.datetime.fromisoformat(event["end"].replace("Z", "+00:00"))
            found[event["uid"]] = (_iso(start), _iso(end))
    return found


def _expected_sessions(edition: str) -> dict[str, Instant]:
    """What the API says, in the same shape (session code -> instants)."""
    expected = {}
    for session in api_all(f"/api/v1/sessions/?edition={edition}&page_size=500"):
        if session["starts_at"] and session["ends_at"]:
            expected[session["code"]] = (
                _iso(dt.datetime.fromisoformat(session["starts_at"])),
                _iso(dt.datetime.fromisoformat(session["ends_at"])),
            )
        elif session["day"]:
            day = dt.date.fromisoformat(session["day"])
            expected[session["code"]] = (day.isoformat(), (day + dt.timedelta(days=1)).isoformat())
    return expected


def _by_code(events: dict[str, Instant]) -> dict[str, Instant]:
    # UIDs are "session-<edition>-<code>@<host>".
    return {uid.split("@")[0].rsplit("-", 1)[-1]: value for uid, value in events.items()}


@pytest.mark.parametrize("path", CALENDARS)
def test_every_reader_sees_the_same_instants(path, node_reader, tmp_path):  # type: ignore[no-untyped-def]
    content = get(path).content_bytes
    readings = {
        "icalendar": read_icalendar(content),
        "ics": read_ics(content),
        "vobject": read_vobject(content),
        "ical.js": read_icaljs(content, tmp_path),
    }
    reference = readings["icalendar"]
    assert reference, f"{path}: no events"
    for reader, events in readings.items():
        assert events == reference, f"{path}: {reader} disagrees"
    if path.startswith("/ediciones/"):
        edition = path.split("/")[2]
        expected = _expected_sessions(edition)
        codes = None
        if "sesiones=" in path:
            codes = set(path.split("sesiones=")[1].split(","))
        elif "/sesiones/" in path:
            codes = {path.split("/")[4]}
        if codes is not None:
            expected = {code: value for code, value in expected.items() if code in codes}
        assert _by_code(reference) == expected, path


def test_2021_lands_at_the_published_hours_in_every_reader(node_reader, tmp_path):  # type: ignore[no-untyped-def]
    """Mexico City kept daylight saving time in 2021: 10:30 local was 15:30 UTC."""
    content = get("/ediciones/2021/calendario.ics").content_bytes
    for reader in (read_icalendar, read_ics, read_vobject):
        assert _by_code(reader(content))["S0101"] == (
            "2021-05-11T15:30:00Z",
            "2021-05-11T16:00:00Z",
        )
    assert _by_code(read_icaljs(content, tmp_path))["S0101"] == (
        "2021-05-11T15:30:00Z",
        "2021-05-11T16:00:00Z",
    )
    READERS["ical.js"] = node_version("ical.js")


def test_vtimezone_lists_no_rdate_and_one_rule_per_component():
    content = get("/ediciones/2021/calendario.ics").content_bytes
    calendar = icalendar.Calendar.from_ical(content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/Mexico_City"
    assert b"RDATE" not in content
    rules = [
        (c.name, c.get("RRULE", {}).get("BYMONTH"), c.get("RRULE", {}).get("BYDAY"))
        for c in zone.subcomponents
    ]
    assert ("DAYLIGHT", [4], ["1SU"]) in rules
    assert ("STANDARD", [10], ["-1SU"]) in rules


def test_readers_report(node_reader):  # type: ignore[no-untyped-def]
    """Names the versions fed the calendars (docs/opendata.md lists them)."""
    READERS["ical.js"] = node_version("ical.js")
    assert all(READERS.values()), READERS
    print(json.dumps(READERS))
