"""VTIMEZONE blocks that every calendar reader understands (RFC 5545, 3.6.5).

A time-zone definition can list its transitions as RDATE values, many per
line; icalendar writes them so, and several readers (vobject, Mozilla's
ical.js) then use only the first date, placing every 2021 session an hour
late. Here each observance is written the way calendar programs themselves
write them: one STANDARD or DAYLIGHT component per rule, with DTSTART and a
yearly RRULE (BYMONTH, BYDAY) ending with UNTIL, or a component with only a
DTSTART for a one-off change. No RDATE is ever written.

The transitions come from the zone itself (the IANA database through
`zoneinfo`), from 1970 (or earlier events) to 2038 (or later events): every
export of a zone carries the same complete definition. That matters because
some readers (vobject) remember a TZID's first definition and use it for every
later file; a definition cut to one edition's years would misplace another's.
A rule still in force at the end of that span is left open (no UNTIL), like
the definitions calendar programs publish.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

import icalendar

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
UTC = dt.UTC


@dataclass(frozen=True)
class Transition:
    at: dt.datetime  # the instant, in UTC
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str
    daylight: bool

    @property
    def local_onset(self) -> dt.datetime:
        """The onset as a wall-clock time in the offset in force before it (RFC 5545)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    def same_kind(self, other: Transition) -> bool:
        return (self.offset_from, self.offset_to, self.name, self.daylight) == (
            other.offset_from,
            other.offset_to,
            other.name,
            other.daylight,
        )


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    offset = local.utcoffset() or dt.timedelta(0)
    return offset, local.tzname() or "", bool(local.dst())


FIRST_YEAR = 1970
HORIZON_YEAR = 2038


def transitions(zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[Transition]:
    """Every change of offset, name or daylight flag between two UTC instants."""
    found: list[Transition] = []
    step = dt.timedelta(days=1)  # no zone has changed twice within a day
    before = start
    state = _state(zone, before)
    while before < end:
        after = min(before + step, end)
        new_state = _state(zone, after)
        if new_state != state:
            low, high = before, after  # the change happens in (low, high]
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            found.append(
                Transition(
                    at=high.replace(microsecond=0),
                    offset_from=state[0],
                    offset_to=new_state[0],
                    name=new_state[1],
                    daylight=new_state[2],
                )
            )
            state = new_state
        before = after
    return found


def _byday_options(day: dt.date) -> set[str]:
    """The yearly rules that give this date: "1SU" (first Sunday), "-1SU" (last Sunday)..."""
    weekday = WEEKDAYS[day.weekday()]
    options = {f"{(day.day - 1) // 7 + 1}{weekday}"}
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        options.add(f"-1{weekday}")
    return options


def _runs(items: list[Transition]) -> list[tuple[list[Transition], str]]:
    """Transitions of one kind grouped into yearly runs that one RRULE describes."""
    runs: list[tuple[list[Transition], str]] = []
    current: list[Transition] = []
    options: set[str] = set()
    for item in items:
        onset = item.local_onset
        item_options = _byday_options(onset.date())
        if current:
            last = current[-1].local_onset
            common = options & item_options
            if (
                onset.year == last.year + 1
                and onset.month == last.month
                and onset.time() == last.time()
                and common
            ):
                current.append(item)
                options = common
                continue
            runs.append((current, _pick(options)))
        current, options = [item], item_options
    if current:
        runs.append((current, _pick(options)))
    return runs


def _pick(options: set[str]) -> str:
    # "Last Sunday" is how such rules are published; otherwise the nth weekday.
    return next((o for o in sorted(options) if o.startswith("-1")), min(options))


def vtimezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """The definition of `tzid`, valid for events between `first` and `last` and far beyond."""
    start_year = min(first.year - 1, FIRST_YEAR)
    end_year = max(last.year + 2, HORIZON_YEAR)
    parsed = icalendar.Timezone.from_ical(_vtimezone_text(tzid, start_year, end_year))
    assert isinstance(parsed, icalendar.Timezone)
    return parsed


@functools.lru_cache(maxsize=32)
def _vtimezone_text(tzid: str, start_year: int, end_year: int) -> bytes:
    zone = zoneinfo.ZoneInfo(tzid)
    start = dt.datetime(start_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(end_year + 1, 1, 1, tzinfo=UTC)
    open_after = dt.datetime(end_year, 1, 1, tzinfo=UTC)  # a rule still in force then
    timezone = icalendar.Timezone()
    timezone.add("tzid", tzid)
    offset, name, daylight = _state(zone, start)
    initial = icalendar.TimezoneDaylight() if daylight else icalendar.TimezoneStandard()
    initial.add("dtstart", (start + offset).replace(tzinfo=None))
    initial.add("tzoffsetfrom", offset)
    initial.add("tzoffsetto", offset)
    initial.add("tzname", name)
    timezone.add_component(initial)
    found = transitions(zone, start, end)
    kinds: list[list[Transition]] = []
    for item in found:
        group = next((g for g in kinds if g[0].same_kind(item)), None)
        if group is None:
            kinds.append([item])
        else:
            group.append(item)
    for group in kinds:
        for run, byday in _runs(group):
            first_item, last_item = run[0], run[-1]
            component = (
                icalendar.TimezoneDaylight()
                if first_item.daylight
                else icalendar.TimezoneStandard()
            )
            component.add("dtstart", first_item.local_onset)
            if len(run) > 1:
                rule: dict[str, object] = {
                    "freq": "yearly",
                    "bymonth": first_item.local_onset.month,
                    "byday": byday,
                }
                if last_item.at < open_after:
                    rule["until"] = last_item.at
                component.add("rrule", rule)
            component.add("tzoffsetfrom", first_item.offset_from)
            component.add("tzoffsetto", first_item.offset_to)
            component.add("tzname", first_item.name)
            timezone.add_component(component)
    return bytes(timezone.to_ical())
