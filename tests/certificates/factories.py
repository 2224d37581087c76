"""Constancias test helpers: an edition with a checked-in attendee, issuing as the system."""

from __future__ import annotations

import datetime as dt
from typing import Any

from datacon.certificates.models import Certificate
from datacon.certificates.services import certificates_issue
from datacon.common.actor import Actor
from datacon.editions.models import Edition
from datacon.registration.models import Registration
from datacon.registration.services import checkin_venue, online_join_record
from tests import factories
from tests.registration import factories as rf


def checked_in(edition: Edition, **kwargs: Any) -> Registration:
    registration = rf.register(edition, notify=False, **kwargs)
    outcome = checkin_venue(
        venue=registration.venue, code=registration.ticket_code, actor=factories.SYSTEM
    )
    assert outcome.kind == "checked_in"
    registration.refresh_from_db()
    return registration


def connected_online(edition: Edition, **kwargs: Any) -> Registration:
    registration = rf.register(edition, mode="online", notify=False, **kwargs)
    during = dt.datetime.combine(edition.start_date, dt.time(12), tzinfo=edition.tz)
    assert online_join_record(
        registration=registration, actor=Actor.via_link("test link", None), now=during
    )
    registration.refresh_from_db()
    return registration


def issue_all(edition: Edition) -> list[Certificate]:
    certificates_issue(edition=edition, actor=factories.SYSTEM)
    return list(Certificate.objects.filter(edition=edition).order_by("pk"))
