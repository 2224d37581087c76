"""Seats under real concurrency, on PostgreSQL: row locks across separate connections.

200 sign-ups are released at the same instant (a barrier) against a 50-seat
workshop, each from its own thread with its own database connection. The
shared PostgreSQL allows 100 connections for everyone, so at most
MAX_CONNECTIONS of them are open at once, like an application server's
connection pool; the rest wait for a connection, exactly as requests would.
"""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connections

from datacon.registration.models import Registration, SessionSeats, SessionSignup
from datacon.registration.services import registration_create, session_signup
from tests import factories
from tests.registration.factories import attendee_user, register, registration_edition, workshop

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

PEOPLE = 200
SEATS = 50
MAX_CONNECTIONS = int(os.environ.get("DATACON_TEST_MAX_CONNECTIONS", "32"))


def _run_at_once(tasks) -> list:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(tasks))
    pool = threading.BoundedSemaphore(MAX_CONNECTIONS)
    results: list = [None] * len(tasks)

    def worker(index: int) -> None:
        barrier.wait()
        with pool:
            try:
                results[index] = tasks[index]()
            except Exception as error:  # recorded and asserted on below
                results[index] = error
            finally:
                connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads)
    return results


def test_200_simultaneous_signups_fill_50_seats_and_queue_the_rest_in_order():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=SEATS)
    people = [register(edition, notify=False) for _ in range(PEOPLE)]
    connections.close_all()

    results = _run_at_once(
        [
            (
                lambda r=registration: session_signup(
                    registration=r, session=session, actor=factories.SYSTEM, notify=False
                )
            )
            for registration in people
        ]
    )

    assert [r for r in results if isinstance(r, Exception)] == []
    signups = list(SessionSignup.objects.filter(session=session).order_by("queue_number"))
    assert len(signups) == PEOPLE  # none lost
    assert len({s.registration_id for s in signups}) == PEOPLE  # none duplicated
    assert sum(1 for s in signups if s.status == "confirmed") == SEATS
    assert sum(1 for s in signups if s.status == "waiting") == PEOPLE - SEATS
    # In order: the first 50 through the lock got the seats, the rest wait behind them.
    assert [s.queue_number for s in signups] == list(range(1, PEOPLE + 1))
    assert [s.status for s in signups] == ["confirmed"] * SEATS + ["waiting"] * (PEOPLE - SEATS)
    assert SessionSeats.objects.filter(session=session).count() == 1

    # A seat frees up: exactly the first person in line gets it.
    from datacon.registration.services import session_signup_cancel

    session_signup_cancel(signup=signups[0], actor=factories.SYSTEM)
    assert SessionSignup.objects.get(pk=signups[SEATS].pk).status == "confirmed"
    assert SessionSignup.objects.filter(session=session, status="confirmed").count() == SEATS


def test_simultaneous_registrations_never_oversell_a_venue_nor_duplicate_a_person():
    edition, (venue,) = registration_edition(capacity=10)
    users = [attendee_user() for _ in range(40)]
    twice = users[:5]  # these five press "register" twice at the same moment
    connections.close_all()

    def task(user):  # type: ignore[no-untyped-def]
        return lambda: registration_create(
            edition=edition,
            user=user,
            mode="in_person",
            venue=venue,
            name="Persona",
            sector="academia",
            state="09",
            consent_given=True,
            notify=False,
            actor=factories.SYSTEM,
        )

    results = _run_at_once([task(user) for user in [*users, *twice]])

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 5
    assert {getattr(r, "code", "") for r in refused} == {"duplicate"}
    registrations = Registration.objects.filter(edition=edition)
    assert registrations.count() == 40
    assert registrations.filter(status="confirmed").count() == 10
    assert registrations.filter(status="waiting").count() == 30
    assert registrations.values("user").distinct().count() == 40
