"""Reads for the public program: visibility rules and prefetching in one place.

A session is public when its edition is published or archived, it has a code,
and it is confirmed (or cancelled, which is shown as such). Every list here
runs a fixed number of queries whatever the number of sessions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition
from datacon.program.models import (
    PUBLIC_SESSION_STATUSES,
    Material,
    Participation,
    ParticipationRole,
    Session,
)

SPEAKING_ROLES = (
    ParticipationRole.SPEAKER,
    ParticipationRole.PANELIST,
    ParticipationRole.WORKSHOP_LEADER,
)


def public_session_filter(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status__in": PUBLIC_SESSION_STATUSES,
            f"{prefix}edition__status__in": PUBLIC_EDITION_STATUSES,
        }
    ) & ~Q(**{f"{prefix}code": ""})


def sessions_public() -> QuerySet[Session]:
    return Session.objects.filter(public_session_filter())


def _participations_prefetch() -> Prefetch:
    return Prefetch(
        "participations",
        queryset=Participation.objects.select_related("person__organisation").order_by(
            "order", "id"
        ),
    )


def program_sessions(
    *,
    edition: Edition,
    venue_id: int | None = None,
    room_id: int | None = None,
    session_type_slug: str = "",
) -> QuerySet[Session]:
    sessions = (
        sessions_public()
        .filter(edition=edition)
        .select_related("edition", "session_type", "venue", "room")
        .prefetch_related(_participations_prefetch())
        .order_by("day", "starts_at", "order_in_day", "code")
    )
    if venue_id:
        sessions = sessions.filter(venue_id=venue_id)
    if room_id:
        sessions = sessions.filter(room_id=room_id)
    if session_type_slug:
        sessions = sessions.filter(session_type__slug=session_type_slug)
    return sessions


@dataclass
class TimeSlot:
    starts_at: dt.datetime | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class ProgramDay:
    day: dt.date
    number: int
    slots: list[TimeSlot] = field(default_factory=list)


def program_by_day(*, edition: Edition, sessions: list[Session]) -> list[ProgramDay]:
    """Group sessions into days and time slots; sessions sharing a start run in parallel."""
    days: dict[dt.date, ProgramDay] = {}
    for session in sessions:
        if session.day is None:
            continue
        program_day = days.setdefault(
            session.day, ProgramDay(day=session.day, number=edition.day_number(session.day))
        )
        slot = program_day.slots[-1] if program_day.slots else None
        if slot is None or slot.starts_at != session.starts_at or session.starts_at is None:
            slot = TimeSlot(starts_at=session.starts_at)
            program_day.slots.append(slot)
        slot.sessions.append(session)
    return [days[key] for key in sorted(days)]


def sessions_now_and_next(
    *, sessions: list[Session], now: dt.datetime
) -> tuple[list[Session], list[Session]]:
    running = [s for s in sessions if s.starts_at and s.ends_at and s.starts_at <= now < s.ends_at]
    upcoming = [s for s in sessions if s.starts_at and s.starts_at > now]
    next_start = min((s.starts_at for s in upcoming if s.starts_at), default=None)
    return running, [s for s in upcoming if s.starts_at == next_start]


def session_get_public(*, edition: Edition, code: str) -> Session:
    session = (
        sessions_public()
        .filter(edition=edition, code=code)
        .select_related("session_type", "venue", "room", "edition__organiser")
        .prefetch_related(
            _participations_prefetch(),
            Prefetch("materials", queryset=Material.objects.order_by("order", "id")),
        )
        .first()
    )
    if session is None:
        raise Http404("Sesión no encontrada")
    return session


@dataclass(frozen=True)
class EditionFigures:
    sessions: int
    sessions_by_type: list[tuple[str, int]]
    speakers: int
    moderators: int
    organisations: int
    venues: int


def edition_figures(*, edition: Edition) -> EditionFigures:
    sessions = sessions_public().filter(edition=edition)
    by_type = list(
        sessions.values("session_type__name", "session_type__order")
        .annotate(total=Count("id"))
        .order_by("session_type__order", "session_type__name")
        .values_list("session_type__name", "total")
    )
    roles = Counter(
        dict(
            Participation.objects.filter(session__in=sessions)
            .values("role")
            .annotate(people=Count("person", distinct=True))
            .values_list("role", "people")
        )
    )
    speakers = (
        Participation.objects.filter(session__in=sessions, role__in=SPEAKING_ROLES)
        .values("person")
        .distinct()
        .count()
    )
    return EditionFigures(
        sessions=sum(total for _name, total in by_type),
        sessions_by_type=by_type,
        speakers=speakers,
        moderators=roles.get(ParticipationRole.MODERATOR, 0),
        organisations=edition.organisation_roles.values("organisation").distinct().count(),
        venues=edition.venues.count(),
    )
