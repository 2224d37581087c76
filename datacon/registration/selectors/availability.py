"""Reads for registration: the window, seats left, a person's own registrations and lines.

Every list here runs a fixed number of queries whatever the number of rows;
tests measure that with two data sizes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from datacon.editions.models import Edition, Venue
from datacon.program.models import Session, public_session_filter
from datacon.registration.models import (
    ACTIVE_STATUSES,
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    SessionSeats,
    SessionSignup,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING


# --- settings and the registration window ----------------------------------------------


def registration_settings_for(*, edition: Edition) -> RegistrationSettings | None:
    return RegistrationSettings.objects.filter(edition=edition).first()


class WindowState:
    NOT_CONFIGURED = "not_configured"
    CLOSED = "closed"  # organisers closed it
    NOT_YET = "not_yet"
    OPEN = "open"
    ENDED = "ended"  # past the closing time or the edition is over


def registration_window(*, config: RegistrationSettings | None, now: dt.datetime) -> str:
    if config is None:
        return WindowState.NOT_CONFIGURED
    edition = config.edition
    if edition.end_date and now.astimezone(edition.tz).date() > edition.end_date:
        return WindowState.ENDED
    if config.closes_at and now >= config.closes_at:
        return WindowState.ENDED
    if not config.is_open:
        return WindowState.CLOSED
    if config.opens_at and now < config.opens_at:
        return WindowState.NOT_YET
    return WindowState.OPEN


WINDOW_MESSAGES = {
    WindowState.NOT_CONFIGURED: _("Esta edición no tiene registro en la plataforma."),
    WindowState.CLOSED: _("El registro de esta edición está cerrado."),
    WindowState.NOT_YET: _("El registro de esta edición aún no abre."),
    WindowState.ENDED: _("El registro de esta edición ya terminó."),
}


def edition_starts_at(*, edition: Edition) -> dt.datetime | None:
    """When the edition begins: its first scheduled session, else 09:00 of its first day."""
    first = (
        Session.objects.filter(edition=edition, starts_at__isnull=False)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if first is not None:
        return first
    if edition.start_date is None:
        return None
    return dt.datetime.combine(edition.start_date, dt.time(9, 0), tzinfo=edition.tz)


def streaming_url_for(*, config: RegistrationSettings) -> str:
    if config.streaming_url:
        return config.streaming_url
    return (
        Venue.objects.filter(edition_id=config.edition_id, is_virtual=True)
        .exclude(streaming_url="")
        .order_by("order", "pk")
        .values_list("streaming_url", flat=True)
        .first()
        or ""
    )


# --- availability (live) -----------------------------------------------------------------


@dataclass(frozen=True)
class SeatInfo:
    key: str  # "venue:12", "online", "session:7"
    label: str
    capacity: int | None
    confirmed: int
    waiting: int
    checked_in: int = 0
    object_id: int | None = None
    code: str = ""
    starts_at: dt.datetime | None = None
    signups_open: bool = True

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.confirmed >= self.capacity


def venue_availability(*, edition: Edition) -> list[SeatInfo]:
    """In-person venues of the edition with their seats (one query)."""
    venues = (
        Venue.objects.filter(edition=edition, is_virtual=False)
        .annotate(
            n_confirmed=Count("registrations", filter=Q(registrations__status=CONFIRMED)),
            n_waiting=Count("registrations", filter=Q(registrations__status=WAITING)),
            n_checked_in=Count(
                "registrations",
                filter=Q(
                    registrations__status=CONFIRMED, registrations__checked_in_at__isnull=False
                ),
            ),
        )
        .order_by("order", "name")
    )
    return [
        SeatInfo(
            key=f"venue:{venue.pk}",
            label=venue.name,
            capacity=venue.capacity,
            confirmed=venue.n_confirmed,
            waiting=venue.n_waiting,
            checked_in=venue.n_checked_in,
            object_id=venue.pk,
        )
        for venue in venues
    ]


def online_availability(*, config: RegistrationSettings) -> SeatInfo:
    counts = Registration.objects.filter(
        edition_id=config.edition_id, mode=AttendanceMode.ONLINE
    ).aggregate(
        confirmed=Count("pk", filter=Q(status=CONFIRMED)),
        waiting=Count("pk", filter=Q(status=WAITING)),
        joined=Count("pk", filter=Q(status=CONFIRMED, joined_online_at__isnull=False)),
    )
    return SeatInfo(
        key="online",
        label=str(_("En línea")),
        capacity=config.online_capacity,
        confirmed=counts["confirmed"],
        waiting=counts["waiting"],
        checked_in=counts["joined"],
    )


def session_availability(*, edition: Edition, public_only: bool = True) -> list[SeatInfo]:
    """Sessions with limited seats (workshops) and their seats (one query)."""
    seats = SessionSeats.objects.filter(session__edition=edition)
    if public_only:
        seats = seats.filter(public_session_filter("session__"))
    seats = seats.select_related("session").annotate(
        n_confirmed=Count("session__signups", filter=Q(session__signups__status=CONFIRMED)),
        n_waiting=Count("session__signups", filter=Q(session__signups__status=WAITING)),
        n_checked_in=Count(
            "session__signups",
            filter=Q(
                session__signups__status=CONFIRMED, session__signups__checked_in_at__isnull=False
            ),
        ),
    )
    rows = sorted(
        seats,
        key=lambda s: (
            s.session.starts_at or dt.datetime.max.replace(tzinfo=dt.UTC),
            s.session.code,
        ),
    )
    return [
        SeatInfo(
            key=f"session:{s.session_id}",
            label=s.session.title,
            capacity=s.capacity,
            confirmed=s.n_confirmed,
            waiting=s.n_waiting,
            checked_in=s.n_checked_in,
            object_id=s.session_id,
            code=s.session.code,
            starts_at=s.session.starts_at,
            signups_open=s.signups_open and s.session.status == "confirmed",
        )
        for s in rows
    ]


def session_seats_public(*, session: Session) -> SessionSeats | None:
    """The seats of a session, if it has limited seats (for the session page's sign-up link)."""
    return SessionSeats.objects.filter(session=session).first()


# --- a person's own registrations ----------------------------------------------------


def registration_active_for(*, edition: Edition, user: User | AnonymousUser) -> Registration | None:
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(edition=edition, user=user, status__in=ACTIVE_STATUSES)
        .select_related("venue", "edition")
        .first()
    )


def waiting_position(*, registration: Registration) -> int | None:
    """1 for the first in line (venue or online pool), None when not waiting."""
    if registration.status != WAITING:
        return None
    same_venue = (
        Q(venue__isnull=True) if registration.venue_id is None else Q(venue=registration.venue_id)
    )
    ahead = Registration.objects.filter(
        same_venue,
        edition_id=registration.edition_id,
        status=WAITING,
        mode=registration.mode,
        queue_number__lt=registration.queue_number,
    ).count()
    return ahead + 1


def signup_position(*, signup: SessionSignup) -> int | None:
    if signup.status != WAITING:
        return None
    ahead = SessionSignup.objects.filter(
        session_id=signup.session_id, status=WAITING, queue_number__lt=signup.queue_number
    ).count()
    return ahead + 1


def registrations_of_user(*, user: User | AnonymousUser) -> list[Registration]:
    """The person's registrations, newest edition first, with their workshop sign-ups (3 queries)."""
    if isinstance(user, AnonymousUser):
        return []
    registrations = list(
        Registration.objects.filter(user=user)
        .select_related("edition", "venue")
        .prefetch_related(_waiting_signups_prefetch())
        .order_by("-edition__year", "-created_at")
    )
    _fill_waiting_positions(registrations)
    return registrations


def _waiting_signups_prefetch() -> Prefetch[str, QuerySet[SessionSignup]]:
    return Prefetch(
        "signups",
        queryset=SessionSignup.objects.filter(status__in=ACTIVE_STATUSES)
        .select_related("session__venue", "session__room")
        .order_by("session__starts_at", "session__code"),
        to_attr="active_signups",
    )


def _fill_waiting_positions(registrations: list[Registration]) -> None:
    """Positions in line for every waiting registration and sign-up, in two queries."""
    waiting_regs = [r for r in registrations if r.status == WAITING]
    for r in registrations:
        r.position = None  # type: ignore[attr-defined]
    if waiting_regs:
        pools = {(r.edition_id, r.mode, r.venue_id) for r in waiting_regs}
        condition = Q()
        for edition_id, mode, venue_id in pools:
            condition |= Q(edition_id=edition_id, mode=mode, venue_id=venue_id)
        queue = list(
            Registration.objects.filter(condition, status=WAITING).values_list(
                "edition_id", "mode", "venue_id", "queue_number"
            )
        )
        for r in waiting_regs:
            r.position = 1 + sum(  # type: ignore[attr-defined]
                1
                for e, m, v, q in queue
                if (e, m, v) == (r.edition_id, r.mode, r.venue_id) and q < r.queue_number
            )
    waiting_signups = [
        s for r in registrations for s in getattr(r, "active_signups", []) if s.status == WAITING
    ]
    for r in registrations:
        for s in getattr(r, "active_signups", []):
            s.position = None
    if waiting_signups:
        sessions = {s.session_id for s in waiting_signups}
        queue_by_session: dict[int, list[int]] = {}
        for session_id, number in SessionSignup.objects.filter(
            session_id__in=sessions, status=WAITING
        ).values_list("session_id", "queue_number"):
            queue_by_session.setdefault(session_id, []).append(number)
        for s in waiting_signups:
            s.position = 1 + sum(1 for q in queue_by_session[s.session_id] if q < s.queue_number)


def signups_by_session_for(*, registration: Registration | None) -> dict[int, SessionSignup]:
    """The person's active sign-ups keyed by session id, with their place in line."""
    if registration is None:
        return {}
    signups = list(
        SessionSignup.objects.filter(registration=registration, status__in=ACTIVE_STATUSES)
    )
    waiting = [s for s in signups if s.status == WAITING]
    if waiting:
        queue: dict[int, list[int]] = {}
        for session_id, number in SessionSignup.objects.filter(
            session_id__in={s.session_id for s in waiting}, status=WAITING
        ).values_list("session_id", "queue_number"):
            queue.setdefault(session_id, []).append(number)
        for s in waiting:
            s.position = 1 + sum(1 for q in queue[s.session_id] if q < s.queue_number)  # type: ignore[attr-defined]
    return {s.session_id: s for s in signups}


def limited_sessions(*, edition: Edition) -> list[Session]:
    """Public sessions with limited seats, with their live seat counts (one query)."""
    return list(
        Session.objects.filter(public_session_filter(), edition=edition, seats__isnull=False)
        .select_related("seats", "venue", "room", "session_type")
        .annotate(
            n_confirmed=Count("signups", filter=Q(signups__status=CONFIRMED)),
            n_waiting=Count("signups", filter=Q(signups__status=WAITING)),
        )
        .order_by("day", "starts_at", "order_in_day", "code")
    )
