"""Registrations for the large fictional edition (`manage.py generate_large_dataset`).

The "registrations" step of `datacon.demo.large_dataset`: 20,000 registrations
at full scale, in person at each venue or online, with the waiting lines,
workshop sign-ups and check-ins a real edition of that size would have.

Written with `bulk_create` (the services lock, validate and audit one row at a
time: minutes instead of seconds), so this module keeps by hand what
`datacon.registration.services` guarantees:

* one active registration per e-mail and edition; in person always has a venue;
* a pool (a venue, or the online quota) never has more confirmed people than
  seats, and nobody waits while a seat is free (cancelled people free their
  seat, and the next in line has it, as `_pool_promote` does);
* waiting order is `queue_number`, handed out once per edition (and once per
  workshop for sign-ups);
* only confirmed registrations sign up to workshops, never twice to one
  workshop nor to two workshops at the same time; workshop seats follow the
  same "never oversold, nobody waits while a seat is free" rule;
* the `registration` public version is bumped (the conference one is bumped
  by the caller at the end of the whole data set).

Deterministic: everything comes from `rng` and the conference part's records
in their generated order (never ids or the clock); `fingerprint_rows()` lists
what `datacon.demo.large_dataset.dataset_fingerprint()` digests. Names are
"Asistente ficticia 00042", e-mails end in `@privado.example`: no real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from datacon.common.actor import Actor
from datacon.common.versions import REGISTRATION, public_version_bump
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, Venue
from datacon.program.models import SessionStatus
from datacon.registration.models import (
    ABROAD,
    TICKET_ALPHABET,
    TICKET_LENGTH,
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    Sector,
    SessionSeats,
    SessionSignup,
)

if TYPE_CHECKING:
    from datacon.demo.large_dataset import Context

BATCH_SIZE = 1000
CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED

IN_PERSON_SHARE = 0.32  # the rest register online
ONLINE_SEATS_SHARE = 0.66  # online quota as a share of all registrations: a short line
CANCELLED_SHARE = 0.03
LISTED_SHARE = 0.04  # people who ask to appear on the public list
ACCESSIBILITY_SHARE = 0.02
CHECKED_IN_SHARE = 0.7  # of confirmed in-person registrations
JOINED_ONLINE_SHARE = 0.45  # of confirmed online registrations
WORKSHOP_SEATS = [20, 25, 30, 40]
WORKSHOP_CHECKED_IN_SHARE = 0.75
SECTOR_WEIGHTS = {
    Sector.PUBLIC: 30,
    Sector.GUARANTOR: 6,
    Sector.CIVIL_SOCIETY: 20,
    Sector.ACADEMIA: 18,
    Sector.PRIVATE: 8,
    Sector.MEDIA: 5,
    Sector.INTERNATIONAL: 2,
    Sector.INDIVIDUAL: 8,
    Sector.OTHER: 3,
}
ACCESSIBILITY_NEEDS = [
    "Intérprete de lengua de señas mexicana (dato ficticio).",
    "Acceso sin escalones a la sala (dato ficticio).",
    "Materiales en letra grande (dato ficticio).",
]


def _tz_datetime(edition: Edition, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=edition.tz)


def _ticket_codes(rng: random.Random, count: int) -> list[str]:
    taken = set(Registration.objects.values_list("ticket_code", flat=True).iterator())
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(rng.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))
        if code not in taken:
            taken.add(code)
            codes.append(code)
    return codes


def _bulk(model: Any, objects: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(objects), BATCH_SIZE):
        created.extend(model._default_manager.bulk_create(objects[start : start + BATCH_SIZE]))
    return created


def generate(*, context: Context, count: int, rng: random.Random) -> int:
    """Create `count` registrations (and workshop seats and sign-ups); return `count`."""
    edition = context.edition
    assert edition.start_date is not None and edition.end_date is not None
    opens_at = _tz_datetime(edition, edition.start_date - dt.timedelta(days=120), 10)
    closes_at = _tz_datetime(edition, edition.end_date, 18)
    online_capacity = max(1, round(count * ONLINE_SEATS_SHARE))
    with unit_of_work(Actor.system("large dataset")):
        config = RegistrationSettings.objects.create(
            edition=edition,
            is_open=True,
            opens_at=opens_at,
            closes_at=closes_at,
            online_capacity=online_capacity,
            streaming_url=f"https://video.example.org/datacon-{edition.year}/principal",
            public_list_enabled=True,
            instructions=(
                "**Registro ficticio** de la edición sintética para pruebas de carga: "
                "ninguna de estas inscripciones corresponde a una persona real."
            ),
        )
        registrations = _registrations(context, rng, count, config, opens_at)
        context.counts["session_signups"] = _workshops(context, rng, registrations)
        public_version_bump(REGISTRATION)
    return len(registrations)


def _registrations(
    context: Context,
    rng: random.Random,
    count: int,
    config: RegistrationSettings,
    opens_at: dt.datetime,
) -> list[Registration]:
    edition = context.edition
    venues = list(Venue.objects.filter(edition=edition, is_virtual=False).order_by("order", "name"))
    # Popular venues get more requests than seats; the weights keep that deterministic.
    venue_weights = [(venue.capacity or 500) * rng.uniform(0.8, 1.6) for venue in venues]
    sectors, sector_weights = list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values())
    organisation_names = [organisation.name for organisation in context.organisations]
    codes = _ticket_codes(rng, count)
    window = (config.closes_at - opens_at).total_seconds()  # type: ignore[operator]
    moments = sorted(rng.uniform(0, window * 0.97) for _ in range(count))
    objects: list[Registration] = []
    registered: list[dt.datetime] = []
    for number in range(1, count + 1):
        in_person = bool(venues) and rng.random() < IN_PERSON_SHARE
        venue = rng.choices(venues, weights=venue_weights)[0] if in_person else None
        registered_at = opens_at + dt.timedelta(seconds=round(moments[number - 1]))
        registered.append(registered_at)
        sector = rng.choices(sectors, weights=sector_weights)[0]
        state = (
            ABROAD
            if rng.random() < 0.03
            else venue.state
            if venue is not None and rng.random() < 0.6
            else rng.choice(
                ["09", "14", "19", "21", "31", "20", "02", "11", "22", "30", "08", "07", "15"]
            )
        )
        objects.append(
            Registration(
                edition=edition,
                email=f"asistente{number:05d}@privado.example",
                name=f"Asistente ficticia {number:05d}",
                organisation=rng.choice(organisation_names)
                if organisation_names and rng.random() < 0.7
                else "",
                accessibility_needs=rng.choice(ACCESSIBILITY_NEEDS)
                if rng.random() < ACCESSIBILITY_SHARE
                else "",
                listed=rng.random() < LISTED_SHARE,
                sector=sector,
                state=state,
                mode=AttendanceMode.IN_PERSON if venue is not None else AttendanceMode.ONLINE,
                venue=venue,
                status=CANCELLED if rng.random() < CANCELLED_SHARE else CONFIRMED,
                queue_number=number,
                ticket_code=codes[number - 1],
                language="en" if rng.random() < 0.06 else "es-mx",
                confirmed_at=registered_at,
            )
        )
    # Seats in queue order per pool: the first `capacity` active people are
    # confirmed, the rest wait (cancelled people hold no seat).
    capacity: dict[int | None, int | None] = {venue.pk: venue.capacity for venue in venues}
    capacity[None] = config.online_capacity
    taken: dict[int | None, int] = {}
    days = edition.days
    for registration, registered_at in zip(objects, registered, strict=True):
        pool = registration.venue.pk if registration.venue is not None else None
        if registration.status == CANCELLED:
            registration.cancelled_at = registered_at + dt.timedelta(days=rng.randint(1, 20))
            continue
        limit = capacity[pool]
        if limit is not None and taken.get(pool, 0) >= limit:
            registration.status = WAITING
            registration.confirmed_at = None
            continue
        taken[pool] = taken.get(pool, 0) + 1
        if pool is not None and rng.random() < CHECKED_IN_SHARE:
            day = rng.choice(days)
            registration.checked_in_at = _tz_datetime(
                edition, day, rng.choice([8, 9, 10, 11, 15, 16]), rng.randrange(0, 60, 5)
            )
        elif pool is None and rng.random() < JOINED_ONLINE_SHARE:
            day = rng.choice(days)
            registration.joined_online_at = _tz_datetime(
                edition, day, rng.randint(8, 20), rng.randrange(0, 60, 5)
            )
    return _bulk(Registration, objects)


def _workshops(context: Context, rng: random.Random, registrations: list[Registration]) -> int:
    """Seats for every confirmed workshop, and sign-ups from confirmed registrations."""
    workshops = [
        session
        for session in context.sessions
        if session.session_type.slug == "taller"
        and session.status == SessionStatus.CONFIRMED
        and session.starts_at is not None
    ]
    confirmed = [r for r in registrations if r.status == CONFIRMED]
    if not workshops or not confirmed:
        return 0
    seats = _bulk(
        SessionSeats,
        [
            SessionSeats(session=session, capacity=rng.choice(WORKSHOP_SEATS))
            for session in workshops
        ],
    )
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}  # registration -> workshop times
    signups: list[SessionSignup] = []
    for holder, session in zip(seats, workshops, strict=True):
        # Demand from half to one and a half times the seats: some lines, some free seats.
        wanted = min(len(confirmed), rng.randint(holder.capacity // 2, holder.capacity * 3 // 2))
        people = rng.sample(confirmed, wanted)
        number = 0
        seated = 0
        starts_at: dt.datetime = session.starts_at  # type: ignore[assignment]
        ends_at: dt.datetime = session.ends_at or starts_at
        for registration in people:
            times = busy.setdefault(registration.pk, [])
            if any(start < ends_at and end > starts_at for start, end in times):
                continue  # overlaps another of their workshops: the service refuses it
            times.append((starts_at, ends_at))
            number += 1
            signed_at = starts_at - dt.timedelta(days=rng.randint(2, 60))
            signup = SessionSignup(registration=registration, session=session, queue_number=number)
            if rng.random() < 0.05:
                signup.status, signup.cancelled_at = CANCELLED, signed_at + dt.timedelta(days=1)
            elif seated < holder.capacity:
                seated += 1
                signup.status, signup.confirmed_at = CONFIRMED, signed_at
                if rng.random() < WORKSHOP_CHECKED_IN_SHARE:
                    signup.checked_in_at = starts_at + dt.timedelta(minutes=rng.randint(-10, 15))
            else:
                signup.status = WAITING
            signups.append(signup)
    _bulk(SessionSignup, signups)
    return len(signups)


def remove(*, edition: Edition) -> None:
    """Delete the edition's registrations (they protect the edition and its venues)."""
    SessionSignup.objects.filter(session__edition=edition).delete()
    SessionSeats.objects.filter(session__edition=edition).delete()
    Registration.objects.filter(edition=edition).delete()
    RegistrationSettings.objects.filter(edition=edition).delete()
    public_version_bump(REGISTRATION)


def fingerprint_rows(*, edition: Edition) -> Iterable[Iterable[Any]]:
    """What `dataset_fingerprint()` digests for this step: natural keys, no ids, no timestamps
    of the write itself (created_at/updated_at)."""
    yield from RegistrationSettings.objects.filter(edition=edition).values_list(
        "is_open", "opens_at", "closes_at", "online_capacity"
    )
    yield from (
        Registration.objects.filter(edition=edition)
        .order_by("queue_number")
        .values_list(
            "queue_number",
            "ticket_code",
            "email",
            "name",
            "organisation",
            "accessibility_needs",
            "listed",
            "sector",
            "state",
            "mode",
            "venue__name",
            "status",
            "language",
            "confirmed_at",
            "cancelled_at",
            "checked_in_at",
            "joined_online_at",
        )
    )
    yield from (
        SessionSeats.objects.filter(session__edition=edition)
        .order_by("session__code")
        .values_list("session__code", "capacity", "signups_open")
    )
    yield from (
        SessionSignup.objects.filter(session__edition=edition)
        .order_by("session__code", "queue_number")
        .values_list(
            "session__code",
            "queue_number",
            "registration__ticket_code",
            "status",
            "confirmed_at",
            "cancelled_at",
            "checked_in_at",
        )
    )
