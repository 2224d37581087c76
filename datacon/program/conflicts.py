"""Conflict detection for the schedule builder, as pure functions.

Nothing here touches the database: the builder turns placements into `Slot`s
and asks what is wrong with them. That keeps the rules easy to test (the
property tests in tests/program/test_conflicts_properties.py throw thousands of
random intervals at them) and lets the same code check one placement before it
is saved and the whole schedule for the grid.

Rules (from the issue): a person in two places at once, two sessions in one
room at once, a session outside its venue's hours, a room smaller than the
expected audience. Sessions in different rooms may run in parallel. Intervals
are half-open, [start, end): a session ending at 11:00 and one starting at
11:00 do not overlap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class Kind:
    ROOM = "room"
    PERSON = "person"
    HOURS = "hours"
    CAPACITY = "capacity"


ERROR = "error"  # refused: the placement cannot be saved
WARNING = "warning"  # allowed once the organiser confirms, then shown on the grid

SEVERITY = {Kind.ROOM: ERROR, Kind.PERSON: WARNING, Kind.HOURS: WARNING, Kind.CAPACITY: WARNING}


@dataclass(frozen=True)
class Slot:
    """One placed session, with what the rules need to know about it."""

    key: int
    label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    tz: dt.tzinfo
    room_id: int | None = None
    room_label: str = ""
    room_capacity: int | None = None
    venue_id: int | None = None
    venue_label: str = ""
    venue_capacity: int | None = None
    venue_opens: dt.time | None = None
    venue_closes: dt.time | None = None
    people: tuple[tuple[int, str], ...] = ()  # (person id, public name)
    expected_audience: int | None = None

    @property
    def capacity(self) -> int | None:
        return self.room_capacity if self.room_id is not None else self.venue_capacity

    def local_times(self) -> str:
        start = self.starts_at.astimezone(self.tz)
        end = self.ends_at.astimezone(self.tz)
        return f"{start:%H:%M}–{end:%H:%M}"


@dataclass(frozen=True)
class Conflict:
    kind: str
    sessions: tuple[int, ...]
    message: str
    person_id: int | None = None
    severity: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", SEVERITY[self.kind])

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def overlaps(
    a_start: dt.datetime, a_end: dt.datetime, b_start: dt.datetime, b_end: dt.datetime
) -> bool:
    """Half-open intervals [start, end) share at least one instant."""
    return a_start < b_end and b_start < a_end


def _pair_conflicts(a: Slot, b: Slot) -> list[Conflict]:
    """Conflicts between two slots already known to overlap in time."""
    found: list[Conflict] = []
    keys = (a.key, b.key)
    if a.room_id is not None and a.room_id == b.room_id:
        found.append(
            Conflict(
                kind=Kind.ROOM,
                sessions=keys,
                message=_(
                    "La sala «%(room)s» ya está ocupada: %(a)s (%(a_time)s) y %(b)s (%(b_time)s) "
                    "se empalman."
                )
                % {
                    "room": a.room_label,
                    "a": a.label,
                    "a_time": a.local_times(),
                    "b": b.label,
                    "b_time": b.local_times(),
                },
            )
        )
    b_people = dict(b.people)
    for person_id, name in a.people:
        if person_id in b_people:
            found.append(
                Conflict(
                    kind=Kind.PERSON,
                    sessions=keys,
                    person_id=person_id,
                    message=_(
                        "%(name)s estaría en dos lugares a la vez: %(a)s (%(a_time)s) y "
                        "%(b)s (%(b_time)s)."
                    )
                    % {
                        "name": name,
                        "a": a.label,
                        "a_time": a.local_times(),
                        "b": b.label,
                        "b_time": b.local_times(),
                    },
                )
            )
    return found


def _single_conflicts(slot: Slot) -> list[Conflict]:
    found: list[Conflict] = []
    start = slot.starts_at.astimezone(slot.tz)
    end = slot.ends_at.astimezone(slot.tz)
    if slot.venue_opens is not None or slot.venue_closes is not None:
        opens = slot.venue_opens or dt.time(0, 0)
        closes = slot.venue_closes
        too_early = start.time() < opens
        # Ending on a later day is outside the hours whenever the venue closes at all.
        too_late = closes is not None and (end.date() > start.date() or end.time() > closes)
        if too_early or too_late:
            found.append(
                Conflict(
                    kind=Kind.HOURS,
                    sessions=(slot.key,),
                    message=_(
                        "%(session)s (%(time)s) queda fuera del horario de %(venue)s "
                        "(%(opens)s–%(closes)s)."
                    )
                    % {
                        "session": slot.label,
                        "time": slot.local_times(),
                        "venue": slot.venue_label,
                        "opens": opens.strftime("%H:%M"),
                        "closes": closes.strftime("%H:%M") if closes else "24:00",
                    },
                )
            )
    capacity = slot.capacity
    if (
        capacity is not None
        and slot.expected_audience is not None
        and slot.expected_audience > capacity
    ):
        found.append(
            Conflict(
                kind=Kind.CAPACITY,
                sessions=(slot.key,),
                message=_(
                    "%(session)s espera %(audience)s personas y %(place)s tiene lugar para "
                    "%(capacity)s."
                )
                % {
                    "session": slot.label,
                    "audience": slot.expected_audience,
                    "place": slot.room_label if slot.room_id is not None else slot.venue_label,
                    "capacity": capacity,
                },
            )
        )
    return found


def conflicts_for(candidate: Slot, others: Iterable[Slot]) -> list[Conflict]:
    """What is wrong with placing `candidate` among `others` (itself excluded)."""
    found = _single_conflicts(candidate)
    for other in others:
        if other.key == candidate.key:
            continue
        if overlaps(candidate.starts_at, candidate.ends_at, other.starts_at, other.ends_at):
            found.extend(_pair_conflicts(candidate, other))
    return found


def conflicts_all(slots: Sequence[Slot]) -> list[Conflict]:
    """Every conflict in a schedule, each pair reported once.

    A sweep over start times: only slots still running when the next one
    starts can overlap it, so a day of parallel tracks costs O(n log n + k)
    rather than comparing every pair.
    """
    found: list[Conflict] = []
    running: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (s.starts_at, s.ends_at, s.key)):
        found.extend(_single_conflicts(slot))
        running = [other for other in running if other.ends_at > slot.starts_at]
        for other in running:
            found.extend(_pair_conflicts(other, slot))
        running.append(slot)
    return found
