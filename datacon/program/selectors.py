"""Reads for the public program: visibility rules and prefetching in one place.

A session is public when it is in the last published version of the program
(`public_session_filter` in program/models.py says exactly when). Every list here
runs a fixed number of queries whatever the number of sessions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404

from datacon.editions.models import Edition
from datacon.program.models import (
    PUBLIC_SESSION_STATUSES,
    Material,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Session,
    SessionStatus,
    public_session_filter,
)

# Sessions or their light-weight program cards: both have day, starts_at and ends_at.
Placed = TypeVar("Placed", "Session", "ProgramCard")

SPEAKING_ROLES = (
    ParticipationRole.SPEAKER,
    ParticipationRole.PANELIST,
    ParticipationRole.WORKSHOP_LEADER,
)


def sessions_public() -> QuerySet[Session]:
    return Session.objects.filter(public_session_filter())


def _participations_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "participations",
        queryset=Participation.objects.public()
        .select_related("person__organisation")
        .order_by("order", "id"),
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
    sessions: list[Session | ProgramCard] = field(default_factory=list)


@dataclass
class ProgramDay:
    day: dt.date
    number: int
    slots: list[TimeSlot] = field(default_factory=list)


def program_by_day(
    *, edition: Edition, sessions: Sequence[Session] | Sequence[ProgramCard]
) -> list[ProgramDay]:
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
    *, sessions: Sequence[Placed], now: dt.datetime
) -> tuple[list[Placed], list[Placed]]:
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
            Participation.objects.public()
            .filter(session__in=sessions)
            .values("role")
            .annotate(people=Count("person", distinct=True))
            .values_list("role", "people")
        )
    )
    speakers = (
        Participation.objects.public()
        .filter(session__in=sessions, role__in=SPEAKING_ROLES)
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


@dataclass(frozen=True)
class ParityRow:
    """Self-declared gender counts of distinct people; only aggregates ever leave this module."""

    label: str
    women: int = 0
    men: int = 0
    other: int = 0  # non-binary or other
    undeclared: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.other + self.undeclared

    def share(self, part: int) -> float:
        return round(100 * part / self.total, 1) if self.total else 0.0

    @property
    def women_share(self) -> float:
        return self.share(self.women)

    @property
    def men_share(self) -> float:
        return self.share(self.men)

    @property
    def other_share(self) -> float:
        return self.share(self.other)

    @property
    def undeclared_share(self) -> float:
        return self.share(self.undeclared)


@dataclass(frozen=True)
class ParityFigures:
    speakers: ParityRow
    moderators: ParityRow
    by_session_type: list[ParityRow]


def _parity_row(label: str, pairs: list[tuple[int, str]]) -> ParityRow:
    genders = dict(pairs)  # person id -> gender, so each person counts once
    values = list(genders.values())
    return ParityRow(
        label=label,
        women=values.count("woman"),
        men=values.count("man"),
        other=values.count("non_binary") + values.count("other"),
        undeclared=values.count(""),
    )


def parity_figures(
    *, edition: Edition, statuses: tuple[str, ...] = PUBLIC_SESSION_STATUSES
) -> ParityFigures:
    """Parity among the people taking part in an edition's sessions, in one query.

    Speakers are ponentes, panelistas and talleristas; moderators are counted
    apart; each session type gets its own row (speakers and moderators).
    """
    rows = list(
        Participation.objects.filter(session__edition=edition, session__status__in=statuses)
        .exclude(session__code="")
        .values_list(
            "person_id",
            "person__gender",
            "role",
            "session__session_type__name",
            "session__session_type__order",
        )
        .order_by("session__session_type__order", "session__session_type__name")
    )
    speakers = [(pid, gender) for pid, gender, role, _t, _o in rows if role in SPEAKING_ROLES]
    moderators = [
        (pid, gender) for pid, gender, role, _t, _o in rows if role == ParticipationRole.MODERATOR
    ]
    by_type: dict[str, list[tuple[int, str]]] = {}
    for pid, gender, role, type_name, _order in rows:
        if role in (*SPEAKING_ROLES, ParticipationRole.MODERATOR):
            by_type.setdefault(type_name, []).append((pid, gender))
    return ParityFigures(
        speakers=_parity_row("speakers", speakers),
        moderators=_parity_row("moderators", moderators),
        by_session_type=[_parity_row(name, pairs) for name, pairs in by_type.items()],
    )


# --- The program at national scale --------------------------------------------------------
# A program of 1,000 sessions built from model instances creates ~15,000 objects
# (session, type, venue, room, participation, person, organisation) per render.
# The public program only needs a few columns of each, so these selectors read
# plain rows (two queries, whatever the size) into small frozen records.


@dataclass(frozen=True)
class ProgramCard:
    """What a session card on the public program shows, and nothing more."""

    id: int
    code: str
    title: str
    status: str
    type_slug: str
    type_name: str
    day: dt.date | None
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    venue_name: str
    room_name: str
    people: tuple[str, ...]
    title_en: str = ""
    language: str = "es"

    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ("title",)
    SOURCE_LANGUAGE_FIELD: ClassVar[str] = "language"

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"


def program_cards(
    *,
    edition: Edition,
    venue_id: int | None = None,
    room_id: int | None = None,
    session_type_slug: str = "",
) -> list[ProgramCard]:
    """The public sessions of an edition as cards, in program order (same filters as
    `program_sessions`), with the public names of the people taking part."""
    sessions = program_sessions(
        edition=edition,
        venue_id=venue_id,
        room_id=room_id,
        session_type_slug=session_type_slug,
    )
    return _cards(sessions)


def program_cards_now_and_next(
    *, edition: Edition, now: dt.datetime
) -> tuple[list[ProgramCard], list[ProgramCard]]:
    """The sessions running at `now` and those starting next, read without the rest
    of the program (three queries, a handful of rows, whatever the program's size)."""
    sessions = program_sessions(edition=edition)
    next_start = sessions.filter(starts_at__gt=now).aggregate(first=Min("starts_at"))["first"]
    wanted = Q(starts_at__lte=now, ends_at__gt=now)
    if next_start is not None:
        wanted |= Q(starts_at=next_start)
    cards = _cards(sessions.filter(wanted))
    return sessions_now_and_next(sessions=cards, now=now)


def _cards(sessions: QuerySet[Session]) -> list[ProgramCard]:
    sessions = sessions.prefetch_related(None)
    rows = list(
        sessions.values_list(
            "id",
            "code",
            "title",
            "status",
            "session_type__slug",
            "session_type__name",
            "day",
            "starts_at",
            "ends_at",
            "venue__name",
            "room__name",
            "title_en",
            "language",
        )
    )
    names: dict[int, list[str]] = {}
    for session_id, name in (
        Participation.objects.public()
        .filter(session__in=sessions.values("id"))
        .order_by("session_id", "order", "id")
        .values_list("session_id", "person__public_name")
    ):
        names.setdefault(session_id, []).append(name)
    return [
        ProgramCard(
            id=row[0],
            code=row[1],
            title=row[2],
            status=row[3],
            type_slug=row[4],
            type_name=row[5],
            day=row[6],
            starts_at=row[7],
            ends_at=row[8],
            venue_name=row[9] or "",
            room_name=row[10] or "",
            people=tuple(names.get(row[0], ())),
            title_en=row[11],
            language=row[12],
        )
        for row in rows
    ]


def participations_pending(*, edition: Edition) -> list[Participation]:
    """People on an edition's sessions who have not confirmed yet (for organisers only)."""
    return list(
        Participation.objects.filter(session__edition=edition, status=ParticipationStatus.PENDING)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "person")
        .order_by("session__day", "session__starts_at", "session__code", "order", "pk")
    )
