"""Property-based tests of the schedule's conflict rules (pure functions, no database)."""

import datetime as dt
import itertools
import zoneinfo

from hypothesis import given, settings
from hypothesis import strategies as st

from datacon.program.conflicts import (
    ERROR,
    WARNING,
    Kind,
    Slot,
    conflicts_all,
    conflicts_for,
    overlaps,
)

MX = zoneinfo.ZoneInfo("America/Mexico_City")
BASE = dt.datetime(2031, 5, 11, 8, 0, tzinfo=MX)

minutes = st.integers(min_value=0, max_value=12 * 60)
lengths = st.integers(min_value=1, max_value=4 * 60)


@st.composite
def intervals(draw):  # type: ignore[no-untyped-def]
    start = BASE + dt.timedelta(minutes=draw(minutes))
    return start, start + dt.timedelta(minutes=draw(lengths))


@st.composite
def slots(draw, key: int):  # type: ignore[no-untyped-def]
    start, end = draw(intervals())
    people = draw(st.sets(st.integers(min_value=1, max_value=6), max_size=3))
    room = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=3)))
    return Slot(
        key=key,
        label=f"S{key}",
        starts_at=start,
        ends_at=end,
        tz=MX,
        room_id=room,
        room_label=f"Sala {room}",
        people=tuple((p, f"Persona {p}") for p in sorted(people)),
    )


@given(intervals(), intervals())
def test_overlap_is_symmetric(a, b):
    assert overlaps(*a, *b) == overlaps(*b, *a)


@given(intervals())
def test_an_interval_overlaps_itself(a):
    assert overlaps(*a, *a)


@given(intervals(), lengths)
def test_touching_intervals_do_not_overlap(a, length):
    start, end = a
    following = (end, end + dt.timedelta(minutes=length))
    assert not overlaps(start, end, *following)
    assert not overlaps(*following, start, end)


@given(intervals(), st.integers(min_value=1, max_value=60))
def test_intervals_sharing_a_minute_overlap(a, shift):
    start, end = a
    later = (end - dt.timedelta(minutes=1), end + dt.timedelta(minutes=shift))
    assert overlaps(start, end, *later)


@given(intervals(), intervals())
def test_overlap_matches_the_definition_minute_by_minute(a, b):
    minutes_a = {
        a[0] + dt.timedelta(minutes=m) for m in range(int((a[1] - a[0]).total_seconds() // 60))
    }
    minutes_b = {
        b[0] + dt.timedelta(minutes=m) for m in range(int((b[1] - b[0]).total_seconds() // 60))
    }
    assert overlaps(*a, *b) == bool(minutes_a & minutes_b)


@given(intervals(), intervals())
def test_overlap_does_not_depend_on_the_time_zone_used_to_write_it(a, b):
    utc = dt.UTC
    converted = (
        a[0].astimezone(utc),
        a[1].astimezone(utc),
        b[0].astimezone(utc),
        b[1].astimezone(utc),
    )
    assert overlaps(*a, *b) == overlaps(*converted)


@settings(max_examples=200)
@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=0, max_size=8).flatmap(
        lambda keys: st.tuples(*[slots(key=i) for i in range(len(keys))])
    )
)
def test_sweep_finds_exactly_the_pairwise_conflicts(schedule):
    found = conflicts_all(list(schedule))
    expected = set()
    for a, b in itertools.combinations(schedule, 2):
        if not overlaps(a.starts_at, a.ends_at, b.starts_at, b.ends_at):
            continue
        if a.room_id is not None and a.room_id == b.room_id:
            expected.add((Kind.ROOM, frozenset((a.key, b.key)), None))
        for person in {p for p, _n in a.people} & {p for p, _n in b.people}:
            expected.add((Kind.PERSON, frozenset((a.key, b.key)), person))
    got = {(c.kind, frozenset(c.sessions), c.person_id) for c in found}
    assert got == expected
    assert len(found) == len(expected)  # each pair reported once


@settings(max_examples=200)
@given(
    st.lists(st.integers(), min_size=1, max_size=7).flatmap(
        lambda keys: st.tuples(*[slots(key=i) for i in range(len(keys))])
    )
)
def test_checking_one_slot_agrees_with_checking_the_whole_schedule(schedule):
    candidate, others = schedule[0], list(schedule[1:])
    alone = {(c.kind, frozenset(c.sessions), c.person_id) for c in conflicts_for(candidate, others)}
    everything = {
        (c.kind, frozenset(c.sessions), c.person_id)
        for c in conflicts_all([candidate, *others])
        if candidate.key in c.sessions
    }
    assert alone == everything


@given(slots(key=1), slots(key=2))
def test_parallel_sessions_in_different_rooms_without_shared_people_never_conflict(a, b):
    b = Slot(**{**b.__dict__, "room_id": None if a.room_id else 9, "people": ((99, "Otra"),)})
    assert [c for c in conflicts_all([a, b]) if len(c.sessions) == 2] == []


def test_severities_room_refuses_the_rest_warn():
    start = BASE + dt.timedelta(hours=2)
    a = Slot(key=1, label="A", starts_at=start, ends_at=start + dt.timedelta(hours=1), tz=MX,
             room_id=1, room_label="Auditorio", room_capacity=10, people=((7, "Ana"),),
             expected_audience=50, venue_id=1, venue_label="Sede", venue_opens=dt.time(11, 0),
             venue_closes=dt.time(18, 0))  # fmt: skip
    b = Slot(key=2, label="B", starts_at=start, ends_at=start + dt.timedelta(minutes=30), tz=MX,
             room_id=1, room_label="Auditorio", people=((7, "Ana"),))  # fmt: skip
    found = {c.kind: c for c in conflicts_all([a, b])}
    assert found[Kind.ROOM].severity == ERROR
    assert found[Kind.PERSON].severity == WARNING
    assert found[Kind.HOURS].severity == WARNING
    assert found[Kind.CAPACITY].severity == WARNING
    assert (
        found[Kind.PERSON].message
        == "Ana estaría en dos lugares a la vez: B (10:00–10:30) y A (10:00–11:00)."
    )
    assert (
        found[Kind.HOURS].message
        == "A (10:00–11:00) queda fuera del horario de Sede (11:00–18:00)."
    )
    assert found[Kind.CAPACITY].message == "A espera 50 personas y Auditorio tiene lugar para 10."
    assert found[Kind.ROOM].message == (
        "La sala «Auditorio» ya está ocupada: B (10:00–10:30) y A (10:00–11:00) se empalman."
    )


@given(intervals(), st.integers(min_value=0, max_value=23), st.integers(min_value=1, max_value=24))
def test_hours_rule_matches_a_direct_check(interval, opens_hour, length_hours):
    closes_hour = min(opens_hour + length_hours, 23)
    opens, closes = dt.time(opens_hour, 0), dt.time(closes_hour, 59)
    start, end = interval
    slot = Slot(key=1, label="A", starts_at=start, ends_at=end, tz=MX, venue_id=1,
                venue_label="Sede", venue_opens=opens, venue_closes=closes)  # fmt: skip
    local_start, local_end = start.astimezone(MX), end.astimezone(MX)
    inside = (
        local_start.time() >= opens
        and local_end.date() == local_start.date()
        and local_end.time() <= closes
    )
    assert (not inside) == any(c.kind == Kind.HOURS for c in conflicts_all([slot]))
