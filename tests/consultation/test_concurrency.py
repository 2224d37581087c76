"""Concurrent writes never corrupt: participant numbers and supports under simultaneous requests."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from datacon.common.actor import Actor
from datacon.consultation import services
from datacon.consultation.models import Participant, Support
from tests.consultation.factories import ConsultationFactory, comment, participant, verified_user

pytestmark = pytest.mark.django_db(transaction=True)


def _run_together(actions):  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(len(actions))
    errors = []

    def run(action):  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            for attempt in range(50):
                try:
                    action()
                    break
                except OperationalError as error:
                    # The tests' in-memory SQLite (shared cache) reports a lock at once
                    # instead of waiting like a file database or PostgreSQL: wait and retry.
                    if "locked" not in str(error) or attempt == 49:
                        raise
                    time.sleep(0.05)
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_people_joining_at_once_get_distinct_participant_numbers():
    consultation = ConsultationFactory()
    users = [verified_user() for _ in range(4)]
    errors = _run_together(
        [
            (
                lambda u=user: services.participant_join(
                    consultation=consultation, actor=Actor.of(u), accept_rules=True
                )
            )
            for user in users
        ]
    )
    assert errors == []
    assert sorted(Participant.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_double_click_on_support_counts_once():
    consultation = ConsultationFactory()
    target = comment(consultation)
    supporter = participant(consultation).user
    errors = _run_together(
        [lambda: services.support_add(comment=target, actor=Actor.of(supporter))] * 3
    )
    assert errors == []
    assert Support.objects.filter(comment=target).count() == 1
