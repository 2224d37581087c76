from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.people.models import Person
from datacon.program.models import Participation, Session
from tests import factories

DATA = Path(__file__).parent / "data"


@pytest.fixture
def jda(db) -> Edition:  # type: ignore[no-untyped-def]
    """An edition on the dates of the pretalx fixture (14 and 15 October 2026)."""
    return factories.EditionFactory(  # type: ignore[return-value]
        year=2026,
        start_date=dt.date(2026, 10, 14),
        end_date=dt.date(2026, 10, 15),
        status="draft",
    )


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Session, Participation, Person, Venue, Room, SessionType)
    }
