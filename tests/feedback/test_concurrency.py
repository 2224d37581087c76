"""One rating per person and session, also when the same form is sent twice at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from datacon.common.actor import Actor
from datacon.feedback.models import SessionRating
from datacon.feedback.services import session_rate
from tests.feedback.factories import attendee, past_edition, session_on

SUBMITS = 8


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submits_of_one_person_keep_one_rating():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition)
    connections.close_all()
    barrier = threading.Barrier(SUBMITS)
    errors: list[Exception] = []

    def submit(value: int) -> None:
        barrier.wait()
        try:
            session_rate(actor=Actor.of(user), session=session, rating=value)
        except Exception as error:  # recorded and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(1 + n % 5,)) for n in range(SUBMITS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert SessionRating.objects.filter(session=session, user=user).count() == 1


@pytest.mark.django_db
def test_a_second_submit_changes_the_rating_instead_of_adding_one():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition)

    session_rate(actor=Actor.of(user), session=session, rating=1)
    session_rate(actor=Actor.of(user), session=session, rating=5)

    assert list(SessionRating.objects.values_list("rating", flat=True)) == [5]
