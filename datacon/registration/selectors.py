"""Reads for registration: availability, a person's registrations, lists, live counts, figures.

Every list here runs a fixed number of queries whatever the number of rows;
tests measure that with two data sizes. Personal data (name, e-mail,
organisation, accessibility needs) is read only by `attendee_rows` when the
caller says the viewer may see it, by the owner's own views, and by the
public list of people who asked to be listed (name and organisation only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from datacon.editions.models import Edition, Venue
from datacon.program.models import PUBLIC_SESSION_STATUSES, Session
from datacon.registration.models import (
    ACTIVE_STATUSES,
    STATE_CHOICES,
    AttendanceMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    Sector,
    SessionSeats,
    SessionSignup,
)

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
ATTENDED = Q(checked_in_at__isnull=False) | Q(joined_online_at__isnull=False)


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
        seats = seats.filter(session__status__in=PUBLIC_SESSION_STATUSES).exclude(session__code="")
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


def registration_active_for(*, edition: Edition, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
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


def registrations_of_user(*, user: Any) -> list[Registration]:
    """The person's registrations, newest edition first, with their workshop sign-ups (3 queries)."""
    registrations = list(
        Registration.objects.filter(user=user)
        .select_related("edition", "venue")
        .prefetch_related(_waiting_signups_prefetch())
        .order_by("-edition__year", "-created_at")
    )
    _fill_waiting_positions(registrations)
    return registrations


def _waiting_signups_prefetch() -> Prefetch:
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


# --- public list of attendees (opt-in) -------------------------------------------------


def attendees_listed(*, edition: Edition) -> list[tuple[str, str]]:
    """Name and organisation of confirmed attendees who asked to be listed. Nothing else."""
    return list(
        Registration.objects.filter(
            edition=edition,
            status=CONFIRMED,
            listed=True,
            anonymised_at__isnull=True,
            edition__registration_settings__public_list_enabled=True,
        )
        .exclude(name="")
        .order_by("name", "pk")
        .values_list("name", "organisation")
    )


# --- organisers' lists -----------------------------------------------------------------


def attendees_for_organisers(
    *,
    edition: Edition,
    status: str = "",
    venue_id: int | None = None,
    mode: str = "",
    query: str = "",
    may_see_personal_data: bool = False,
) -> QuerySet[Registration]:
    """The attendee list of the back office. Searching by name or e-mail needs the permission."""
    registrations = Registration.objects.filter(edition=edition).select_related("venue")
    if status:
        registrations = registrations.filter(status=status)
    if venue_id:
        registrations = registrations.filter(venue_id=venue_id)
    if mode:
        registrations = registrations.filter(mode=mode)
    if query:
        from datacon.registration.models import ticket_code_normalise

        code = ticket_code_normalise(query)
        condition = Q(ticket_code__startswith=code) if code else Q(pk__in=[])
        if may_see_personal_data:
            condition |= Q(name__icontains=query) | Q(email__icontains=query)
        registrations = registrations.filter(condition)
    return registrations.annotate(
        signup_count=Count("signups", filter=Q(signups__status=CONFIRMED))
    ).order_by("created_at", "pk")


EXPORT_COLUMNS = [
    ("codigo", _("Código del boleto")),
    ("estado", _("Estado")),
    ("modalidad", _("Modalidad")),
    ("sede", pgettext_lazy("registro", "Sede")),
    ("turno", _("Turno")),
    ("sector", _("Sector")),
    ("entidad", _("Entidad federativa")),
    ("registrado", _("Fecha de registro")),
    ("entrada", _("Entrada")),
    ("conexion_en_linea", _("Conexión en línea")),
    ("talleres", _("Talleres confirmados")),
]
PERSONAL_EXPORT_COLUMNS = [
    ("nombre", _("Nombre")),
    ("correo", _("Correo")),
    ("organizacion", _("Organización")),
    ("accesibilidad", _("Necesidades de accesibilidad")),
    ("lista_publica", _("En la lista pública")),
]


def attendee_rows(*, edition: Edition, with_personal_data: bool) -> list[dict[str, Any]]:
    """Rows of the attendee export (two queries). Personal columns only when asked and allowed."""
    sectors = dict(Sector.choices)
    states = dict(STATE_CHOICES)
    statuses = dict(RegistrationStatus.choices)
    modes = dict(AttendanceMode.choices)
    codes: dict[int, list[str]] = {}
    for registration_id, code in (
        SessionSignup.objects.filter(registration__edition=edition, status=CONFIRMED)
        .order_by("session__code")
        .values_list("registration_id", "session__code")
    ):
        codes.setdefault(registration_id, []).append(code)
    rows = []
    for r in (
        Registration.objects.filter(edition=edition)
        .select_related("venue")
        .order_by("created_at", "pk")
    ):
        row: dict[str, Any] = {
            "codigo": r.ticket_display,
            "estado": str(statuses.get(r.status, r.status)),
            "modalidad": str(modes.get(r.mode, r.mode)),
            "sede": r.venue.name if r.venue else "",
            "turno": r.queue_number,
            "sector": str(sectors.get(r.sector, "")),
            "entidad": str(states.get(r.state, "")),
            "registrado": timezone.localtime(r.created_at).isoformat(timespec="minutes"),
            "entrada": timezone.localtime(r.checked_in_at).isoformat(timespec="minutes")
            if r.checked_in_at
            else "",
            "conexion_en_linea": timezone.localtime(r.joined_online_at).isoformat(
                timespec="minutes"
            )
            if r.joined_online_at
            else "",
            "talleres": " ".join(codes.get(r.pk, [])),
        }
        if with_personal_data:
            row.update(
                {
                    "nombre": r.name,
                    "correo": r.email,
                    "organizacion": r.organisation,
                    "accesibilidad": r.accessibility_needs,
                    "lista_publica": "sí" if r.listed else "no",
                }
            )
        rows.append(row)
    return rows


# --- live counts (check-in screens) -------------------------------------------------------


@dataclass(frozen=True)
class LiveCounts:
    venues: list[SeatInfo]
    online: SeatInfo | None
    sessions: list[SeatInfo]
    at: dt.datetime = field(default_factory=timezone.now)

    def as_json(self) -> dict[str, Any]:
        def one(info: SeatInfo) -> dict[str, Any]:
            return {
                "key": info.key,
                "label": info.label,
                "capacity": info.capacity,
                "confirmed": info.confirmed,
                "waiting": info.waiting,
                "checked_in": info.checked_in,
            }

        return {
            "at": self.at.isoformat(),
            "venues": [one(v) for v in self.venues],
            "online": one(self.online) if self.online else None,
            "sessions": [one(s) for s in self.sessions],
        }


def live_counts(*, edition: Edition) -> LiveCounts:
    """Seats, waiting lists and check-ins per venue, online and per session (four queries)."""
    config = registration_settings_for(edition=edition)
    return LiveCounts(
        venues=venue_availability(edition=edition),
        online=online_availability(config=config) if config else None,
        sessions=session_availability(edition=edition, public_only=False)
        + walk_in_sessions(edition=edition),
    )


def walk_in_sessions(*, edition: Edition) -> list[SeatInfo]:
    """Sessions without limited seats where staff checked people in (one query)."""
    sessions = (
        Session.objects.filter(edition=edition, seats__isnull=True)
        .filter(Exists(SessionSignup.objects.filter(session=OuterRef("pk"))))
        .annotate(
            n_checked_in=Count(
                "signups",
                filter=Q(signups__status=CONFIRMED, signups__checked_in_at__isnull=False),
            )
        )
        .order_by("day", "starts_at", "code")
    )
    return [
        SeatInfo(
            key=f"session:{s.pk}",
            label=s.title,
            capacity=None,
            confirmed=s.n_checked_in,
            waiting=0,
            checked_in=s.n_checked_in,
            object_id=s.pk,
            code=s.code,
            starts_at=s.starts_at,
        )
        for s in sessions
    ]


def checkin_sessions(*, edition: Edition) -> list[Session]:
    """Sessions staff can check people into: every scheduled session of the edition."""
    return list(
        Session.objects.filter(edition=edition)
        .exclude(code="")
        .exclude(status="cancelled")
        .select_related("venue", "room", "seats")
        .order_by("day", "starts_at", "order_in_day", "code")
    )


# --- figures for the memoria ----------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    registered: int
    attended: int
    waiting: int = 0
    capacity: int | None = None
    is_public: bool = True

    @property
    def no_shows(self) -> int:
        return max(self.registered - self.attended, 0)

    @property
    def attendance_rate(self) -> float:
        return round(100 * self.attended / self.registered, 1) if self.registered else 0.0


@dataclass(frozen=True)
class AttendanceFigures:
    """Registered = confirmed registrations; attended = checked in at a venue or joined online."""

    edition_id: int
    registered: int
    attended: int
    waiting: int
    cancelled: int
    in_person: FigureRow
    online: FigureRow
    by_venue: tuple[FigureRow, ...]
    by_session: tuple[FigureRow, ...]
    by_sector: tuple[FigureRow, ...]
    by_state: tuple[FigureRow, ...]

    @property
    def no_shows(self) -> int:
        return max(self.registered - self.attended, 0)

    @property
    def attendance_rate(self) -> float:
        return round(100 * self.attended / self.registered, 1) if self.registered else 0.0

    def rows(self) -> list[tuple[str, FigureRow]]:
        """Every breakdown as (dimension, row): what CSV and open-data exports write."""
        result: list[tuple[str, FigureRow]] = [
            ("modalidad", self.in_person),
            ("modalidad", self.online),
        ]
        result += [("sede", row) for row in self.by_venue]
        result += [("sesion", row) for row in self.by_session]
        result += [("sector", row) for row in self.by_sector]
        result += [("entidad", row) for row in self.by_state]
        return result


def attendance_figures(*, edition: Edition, breakdowns: bool = True) -> AttendanceFigures:
    """Registered, attended and no-shows by mode, venue, session, sector and state (six queries).

    With breakdowns=False the sector and state rows are left empty and their two
    queries (each a pass over every registration) are not run: the memoria shows
    neither."""
    by_pool = list(
        Registration.objects.filter(edition=edition)
        .values("mode", "venue_id", "status")
        .annotate(n=Count("pk"), attended=Count("pk", filter=ATTENDED))
        .order_by()
    )
    venues = list(
        Venue.objects.filter(edition=edition)
        .order_by("order", "name")
        .values("pk", "name", "capacity", "is_virtual")
    )
    registered = sum(r["n"] for r in by_pool if r["status"] == CONFIRMED)
    attended = sum(r["attended"] for r in by_pool if r["status"] == CONFIRMED)

    def pool_row(key: str, label: str, match: Any, capacity: int | None = None) -> FigureRow:
        rows = [r for r in by_pool if match(r)]
        return FigureRow(
            key=key,
            label=label,
            registered=sum(r["n"] for r in rows if r["status"] == CONFIRMED),
            attended=sum(r["attended"] for r in rows if r["status"] == CONFIRMED),
            waiting=sum(r["n"] for r in rows if r["status"] == WAITING),
            capacity=capacity,
        )

    in_person = pool_row(
        AttendanceMode.IN_PERSON,
        str(_("Presencial")),
        lambda r: r["mode"] == AttendanceMode.IN_PERSON,
    )
    online = pool_row(
        AttendanceMode.ONLINE, str(_("En línea")), lambda r: r["mode"] == AttendanceMode.ONLINE
    )
    by_venue = tuple(
        pool_row(
            str(v["pk"]),
            v["name"],
            lambda r, pk=v["pk"]: r["venue_id"] == pk and r["mode"] == AttendanceMode.IN_PERSON,
            v["capacity"],
        )
        for v in venues
        if not v["is_virtual"]
    )

    def dimension(field_name: str, labels: dict[str, Any]) -> tuple[FigureRow, ...]:
        grouped = (
            Registration.objects.filter(edition=edition, status=CONFIRMED)
            .values(field_name)
            .annotate(n=Count("pk"), attended=Count("pk", filter=ATTENDED))
            .order_by()
        )
        counted = {g[field_name]: g for g in grouped}
        ordered = [key for key in labels if key in counted]
        if "" in counted:
            ordered.append("")
        return tuple(
            FigureRow(
                key=key,
                label=str(labels.get(key, _("Sin dato"))),
                registered=counted[key]["n"],
                attended=counted[key]["attended"],
            )
            for key in ordered
        )

    by_sector = dimension("sector", dict(Sector.choices)) if breakdowns else ()
    by_state = dimension("state", dict(STATE_CHOICES)) if breakdowns else ()

    signup_counts = {
        row["session_id"]: row
        for row in SessionSignup.objects.filter(session__edition=edition)
        .values("session_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=CONFIRMED)),
            waiting=Count("pk", filter=Q(status=WAITING)),
            attended=Count("pk", filter=Q(status=CONFIRMED, checked_in_at__isnull=False)),
        )
        .order_by()
    }
    sessions = list(
        Session.objects.filter(
            Q(seats__isnull=False) | Q(pk__in=list(signup_counts)), edition=edition
        )
        .values("pk", "code", "title", "status", "seats__capacity", "starts_at")
        .order_by("day", "starts_at", "order_in_day", "code")
    )

    def counted(session_id: int, name: str) -> int:
        row: dict[str, Any] = dict(signup_counts.get(session_id) or {})
        return int(row.get(name, 0))

    by_session = tuple(
        FigureRow(
            key=s["code"] or str(s["pk"]),
            label=s["title"],
            registered=counted(s["pk"], "confirmed"),
            attended=counted(s["pk"], "attended"),
            waiting=counted(s["pk"], "waiting"),
            capacity=s["seats__capacity"],
            is_public=bool(s["code"]) and s["status"] in PUBLIC_SESSION_STATUSES,
        )
        for s in sessions
    )
    return AttendanceFigures(
        edition_id=edition.pk,
        registered=registered,
        attended=attended,
        waiting=sum(r["n"] for r in by_pool if r["status"] == WAITING),
        cancelled=sum(r["n"] for r in by_pool if r["status"] == RegistrationStatus.CANCELLED),
        in_person=in_person,
        online=online,
        by_venue=by_venue,
        by_session=by_session,
        by_sector=by_sector,
        by_state=by_state,
    )


def limited_sessions(*, edition: Edition) -> list[Session]:
    """Public sessions with limited seats, with their live seat counts (one query)."""
    return list(
        Session.objects.filter(
            edition=edition, seats__isnull=False, status__in=PUBLIC_SESSION_STATUSES
        )
        .exclude(code="")
        .select_related("seats", "venue", "room", "session_type")
        .annotate(
            n_confirmed=Count("signups", filter=Q(signups__status=CONFIRMED)),
            n_waiting=Count("signups", filter=Q(signups__status=WAITING)),
        )
        .order_by("day", "starts_at", "order_in_day", "code")
    )
