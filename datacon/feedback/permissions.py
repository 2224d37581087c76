"""Who may give feedback and who reads it (named rules, checked by datacon.common.access).

* `feedback.rate`: the account was present at the edition. Present means a
  confirmed registration of the account in the edition with evidence the
  platform holds: a check-in at a venue (`Registration.checked_in_at`), a
  check-in at a session (`SessionSignup.checked_in_at`) or an online connection
  through the personal streaming link (`Registration.joined_online_at`, recorded
  by `registration.services.online_join_record`). For the edition's survey that
  is enough. For a session, also: the session is public and has started
  (`starts_at` in the past), and the person was checked in at that very
  session, or their first evidence of presence is on or before the session's
  day (check-in is recorded once, at the first arrival, so someone who arrived
  on day 1 counts as present on day 2; someone who first arrived on day 2 may not
  rate a day-1 session).
* `feedback.see_session`: the session's confirmed speakers (a confirmed
  Participation as speaker, panelist, workshop leader or moderator of a Person
  linked to the account), or the edition's organisers. They read the aggregate
  and the comments, never who wrote them.
* `feedback.manage_survey`: the edition's organisers (questions, opening and
  closing the survey, results).

The system actor (the demo loader) passes every rule, like everywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Min
from django.utils import timezone

from datacon.editions.models import Edition
from datacon.editions.permissions import edition_of, organises
from datacon.program.models import (
    ParticipationRole,
    ParticipationStatus,
    Session,
    SessionStatus,
)

SPEAKER_ROLES = (
    ParticipationRole.SPEAKER,
    ParticipationRole.PANELIST,
    ParticipationRole.WORKSHOP_LEADER,
    ParticipationRole.MODERATOR,
)


def presence_evidence(user: User | AnonymousUser, edition: Edition) -> dt.datetime | None:
    """The first moment the platform knows the account was at the edition (None: never)."""
    from datacon.registration.models import Registration, RegistrationStatus, SessionSignup

    if not user.is_authenticated:
        return None
    row = (
        Registration.objects.filter(edition=edition, user=user, status=RegistrationStatus.CONFIRMED)
        .values("pk", "checked_in_at", "joined_online_at")
        .first()
    )
    if row is None:
        return None
    moments = [moment for moment in (row["checked_in_at"], row["joined_online_at"]) if moment]
    first_session = SessionSignup.objects.filter(
        registration_id=row["pk"], checked_in_at__isnull=False
    ).aggregate(first=Min("checked_in_at"))["first"]
    if first_session:
        moments.append(first_session)
    return min(moments) if moments else None


def _checked_in_at_session(user: User | AnonymousUser, session: Session) -> bool:
    from datacon.registration.models import RegistrationStatus, SessionSignup

    return SessionSignup.objects.filter(
        session=session,
        registration__user_id=user.pk or 0,
        registration__status=RegistrationStatus.CONFIRMED,
        checked_in_at__isnull=False,
    ).exists()


@rules.predicate(name="was_present")
def was_present(user: User | AnonymousUser, obj: Any = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    edition = edition_of(obj)
    if edition is None or not edition.is_public:
        return False
    if not isinstance(obj, Session):
        return presence_evidence(user, edition) is not None
    session = obj
    if session.status != SessionStatus.CONFIRMED or not session.is_public:
        return False
    if session.starts_at is None or session.starts_at > timezone.now():
        return False
    if _checked_in_at_session(user, session):
        return True
    first = presence_evidence(user, edition)
    if first is None:
        return False
    day = session.day or session.starts_at.astimezone(edition.tz).date()
    return first.astimezone(edition.tz).date() <= day


@rules.predicate(name="speaks_at_session")
def speaks_at_session(user: User | AnonymousUser, obj: Any = None) -> bool:
    if not isinstance(obj, Session) or not user.is_authenticated or not user.is_active:
        return False
    return obj.participations.filter(
        person__user=user, status=ParticipationStatus.CONFIRMED, role__in=SPEAKER_ROLES
    ).exists()


rules.add_perm("feedback.rate", was_present)
rules.add_perm("feedback.see_session", speaks_at_session | organises)
rules.add_perm("feedback.manage_survey", organises)
