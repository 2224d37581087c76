"""A past edition with people who were there (or not), for feedback tests.

Registrations are made directly: registration closes before an edition, and
these tests are about what happens after it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from datacon.registration.models import Registration, ticket_code_new
from tests import factories
from tests.registration.factories import attendee_user

_years = itertools.count(1)


def past_edition(**kwargs: Any) -> Any:
    """A published edition that took place last year (its sessions have happened)."""
    year = timezone.localdate().year - 1
    number = next(_years)
    return factories.EditionFactory(
        year=year * 10 + number,  # unique; the dates are what matter
        slug=f"pasada-{number}",
        start_date=dt.date(year, 5, 11),
        end_date=dt.date(year, 5, 12),
        **kwargs,
    )


def session_on(edition: Any, day: int = 1, hour: int = 10, **kwargs: Any) -> Any:
    starts = factories.at(edition, day, hour)
    return factories.SessionFactory(
        edition=edition, starts_at=starts, ends_at=starts + dt.timedelta(hours=1), **kwargs
    )


def attendee(
    edition: Any,
    *,
    present_day: int | None = 1,
    online: bool = False,
    user: Any = None,
) -> Any:
    """An account with a confirmed registration; present (checked in or connected online) on
    `present_day` of the edition, or never when None."""
    user = user or attendee_user()
    moment = factories.at(edition, present_day, 9) if present_day else None
    venue: Any = None if online else factories.VenueFactory(edition=edition)
    Registration.objects.create(
        edition=edition,
        user=user,
        name=f"{user.first_name} {user.last_name}",
        email=user.email,
        mode="online" if online else "in_person",
        venue=venue,
        status="confirmed",
        ticket_code=ticket_code_new(),
        checked_in_at=moment if not online else None,
        joined_online_at=moment if online else None,
    )
    return user


def speaker_of(session: Any, *, status: str = "confirmed", role: str = "speaker") -> Any:
    user = attendee_user()
    person = factories.PersonFactory(user=user)
    factories.ParticipationFactory(session=session, person=person, role=role, status=status)
    return user
