"""Rules of the program: who builds and publishes an edition's schedule, who answers for
a participation and who leaves materials on a session."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from datacon.editions.permissions import organises

# Placing sessions, publishing versions and their notices: the edition's organisers.
rules.add_perm("program.schedule", organises)
# Importing a program from a schedule.xml, schedule.json or the CSV template: the same.
rules.add_perm("program.import", organises)


@rules.predicate(name="answers_for_participation")
def answers_for_participation(user: User | AnonymousUser, participation: Any = None) -> bool:
    """The account linked to the participation's person."""
    if not user.is_authenticated or not user.is_active or participation is None:
        return False
    return bool(participation.person.user_id == user.pk)


@rules.predicate(name="confirmed_participant_after_start")
def confirmed_participant_after_start(user: User | AnonymousUser, session: Any = None) -> bool:
    """Someone who confirmed a role in the session, once the session has started."""
    from datacon.program.models import Participation, ParticipationStatus

    if not user.is_authenticated or not user.is_active or session is None:
        return False
    if session.starts_at is None or session.starts_at > timezone.now():
        return False
    # One query per request, however many sessions a page asks about.
    confirmed: set[int] | None = getattr(user, "_datacon_confirmed_sessions", None)
    if confirmed is None:
        confirmed = set(
            Participation.objects.filter(
                person__user__pk=user.pk, status=ParticipationStatus.CONFIRMED
            ).values_list("session_id", flat=True)
        )
        setattr(user, "_datacon_confirmed_sessions", confirmed)  # noqa: B010 (per request)
    return session.pk in confirmed


# Confirming or declining a participation: the person themself (organisers record a
# written answer in the back office through `participation_status_set`).
rules.add_perm("program.respond", answers_for_participation)
# Slides and materials after the session: its confirmed people, or the organisers.
rules.add_perm("program.upload_material", confirmed_participant_after_start | organises)
# Adding and removing a session's materials (slides, videos, reports): the same.
rules.add_perm("program.materials", organises)
