"""Reads for the organisers and check-in staff: the attendee lists, the export, live counts.

Personal data (name, e-mail, organisation, accessibility needs) is read only
by `attendee_rows` when the caller says the viewer may see it, and by the
public list of people who asked to be listed (name and organisation only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from datacon.editions.models import Edition
from datacon.program.models import Session
from datacon.registration.models import (
    STATE_CHOICES,
    AttendanceMode,
    Registration,
    RegistrationStatus,
    Sector,
    SessionSignup,
)
from datacon.registration.selectors.availability import (
    SeatInfo,
    online_availability,
    registration_settings_for,
    session_availability,
    venue_availability,
)

CONFIRMED = RegistrationStatus.CONFIRMED

ExportRow = dict[str, str | int]


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


def attendee_rows(*, edition: Edition, with_personal_data: bool) -> list[ExportRow]:
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
        row: ExportRow = {
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

    def as_json(self) -> dict[str, object]:
        def one(info: SeatInfo) -> dict[str, object]:
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
