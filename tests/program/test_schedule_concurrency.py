"""Two organisers placing sessions at the same moment never both get the same room."""

import datetime as dt
import threading

import pytest
from django.db import connection

from datacon.program.models import Session, SessionPlacement
from datacon.program.schedule import PlacementRefused, placement_set, placements_sync
from tests import factories
from tests.factories import at

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks across connections"),
]


def test_concurrent_placements_in_one_room_one_wins_one_is_refused():
    edition = factories.EditionFactory()
    venue = factories.VenueFactory(edition=edition)
    room = factories.RoomFactory(venue=venue)
    session_type = factories.SessionTypeFactory(edition=edition)
    sessions = [
        Session.objects.create(
            edition=edition, title=f"S{i}", session_type=session_type, status="draft"
        )
        for i in range(2)
    ]
    placements_sync(edition=edition)  # both rows exist: nothing else serialises the two writers
    starts = at(edition, 1, 10)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def place(session: Session) -> None:
        try:
            barrier.wait()
            placement_set(
                session=session,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                venue=venue,
                room=room,
                expected_audience=None,
                actor=factories.SYSTEM,
            )
            outcomes.append("placed")
        except PlacementRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=place, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed", "refused"]
    assert SessionPlacement.objects.filter(room=room, starts_at=starts).count() == 1
