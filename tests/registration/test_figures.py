"""Figures for the memoria and live counts: right numbers, fixed number of queries."""

import dataclasses

import pytest

from datacon.common.actor import Actor
from datacon.people.privacy_services import account_delete
from datacon.registration.selectors import attendance_figures, live_counts
from datacon.registration.services import (
    checkin_session,
    checkin_venue,
    online_join_record,
    registration_cancel,
)
from tests import factories
from tests.registration.factories import register, registration_edition, signup, workshop

pytestmark = pytest.mark.django_db


def _row(rows, key):
    return next(row for row in rows if row.key == key)


def test_attendance_figures_by_mode_venue_session_sector_and_state():
    edition, (near, far) = registration_edition(capacity=2, venues=2)
    session = workshop(edition, capacity=1)
    a = register(edition, venue=near, sector="academia", state="09")
    b = register(edition, venue=near, sector="public", state="19")
    register(edition, venue=near, sector="public", state="19")  # waiting
    c = register(edition, venue=far, sector="academia", state="14")
    online = register(edition, mode="online", sector="private", state="XX")
    gone = register(edition, venue=far)
    registration_cancel(registration=gone, actor=factories.SYSTEM)
    signup(a, session)
    signup(b, session)  # waiting
    checkin_venue(venue=near, code=a.ticket_code, actor=factories.SYSTEM)
    checkin_venue(venue=far, code=c.ticket_code, actor=factories.SYSTEM)
    checkin_session(session=session, code=a.ticket_code, actor=factories.SYSTEM)
    from django.utils import timezone

    online.edition.start_date = timezone.localdate()
    online.edition.end_date = timezone.localdate()
    online_join_record(registration=online, actor=factories.SYSTEM)

    figures = attendance_figures(edition=edition)
    assert (figures.registered, figures.attended, figures.no_shows) == (4, 3, 1)
    assert (figures.waiting, figures.cancelled) == (1, 1)
    assert (figures.in_person.registered, figures.in_person.attended) == (3, 2)
    assert (figures.online.registered, figures.online.attended) == (1, 1)
    assert [
        (r.label, r.registered, r.attended, r.waiting, r.capacity) for r in figures.by_venue
    ] == [
        (near.name, 2, 1, 1, 2),
        (far.name, 1, 1, 0, 2),
    ]
    assert [
        (r.key, r.registered, r.attended, r.waiting, r.capacity) for r in figures.by_session
    ] == [(session.code, 1, 1, 1, 1)]
    assert {r.key: (r.registered, r.attended) for r in figures.by_sector} == {
        "academia": (2, 2),
        "public": (1, 0),
        "private": (1, 1),
    }
    assert {r.key: (r.registered, r.attended) for r in figures.by_state} == {
        "09": (1, 1),
        "19": (1, 0),
        "14": (1, 1),
        "XX": (1, 1),
    }


def _edition_with(n: int):
    edition, venues = registration_edition(capacity=n, venues=2)
    sessions = [workshop(edition, capacity=2, hour=9 + i) for i in range(n)]
    for i in range(n * 3):
        registration = register(
            edition,
            venue=venues[i % 2],
            sector=["academia", "public", "private"][i % 3],
            state=f"{(i % 32) + 1:02d}",
            notify=False,
        )
        if registration.status == "confirmed":
            signup(registration, sessions[i % n], notify=False)
            if i % 2:
                checkin_venue(
                    venue=venues[i % 2], code=registration.ticket_code, actor=factories.SYSTEM
                )
    return edition


def test_attendance_figures_query_count_does_not_grow(count_queries):
    small, large = _edition_with(2), _edition_with(6)
    assert count_queries(lambda: attendance_figures(edition=small)) == count_queries(
        lambda: attendance_figures(edition=large)
    )


def test_live_counts_query_count_does_not_grow(count_queries):
    small, large = _edition_with(2), _edition_with(6)
    assert count_queries(lambda: live_counts(edition=small).as_json()) == count_queries(
        lambda: live_counts(edition=large).as_json()
    )


def test_figures_stay_the_same_when_an_attendee_deletes_their_account():
    edition, (venue,) = registration_edition()
    session = workshop(edition)
    mine = register(edition, sector="media", state="31")
    register(edition)
    signup(mine, session)
    checkin_venue(venue=venue, code=mine.ticket_code, actor=factories.SYSTEM)
    before = dataclasses.asdict(attendance_figures(edition=edition))
    account_delete(user=mine.user, actor=Actor.of(mine.user))
    assert dataclasses.asdict(attendance_figures(edition=edition)) == before
