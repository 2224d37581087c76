"""Attendance figures: registered, attended, no-shows and waiting, by every breakdown.

Aggregates only (no person): what the memoria, the public figures page, the
API and the "asistencia" dataset show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from datacon.editions.models import Edition, Venue
from datacon.program.models import PUBLIC_SESSION_STATUSES, Session
from datacon.registration.models import (
    STATE_CHOICES,
    AttendanceMode,
    Registration,
    RegistrationStatus,
    Sector,
    SessionSignup,
)

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
ATTENDED = Q(checked_in_at__isnull=False) | Q(joined_online_at__isnull=False)


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


# One row per (mode, venue, status): {"mode", "venue_id", "status", "n", "attended"}.
PoolCount = Mapping[str, Any]


def _sum(rows: Sequence[PoolCount], name: str, status: str) -> int:
    return sum(int(r[name]) for r in rows if r["status"] == status)


def _pool_row(
    by_pool: Sequence[PoolCount], key: str, label: str, mode: str, venue_id: int | None = None,
    capacity: int | None = None,
) -> FigureRow:  # fmt: skip
    rows = [
        r for r in by_pool if r["mode"] == mode and (venue_id is None or r["venue_id"] == venue_id)
    ]
    return FigureRow(
        key=key,
        label=label,
        registered=_sum(rows, "n", CONFIRMED),
        attended=_sum(rows, "attended", CONFIRMED),
        waiting=_sum(rows, "n", WAITING),
        capacity=capacity,
    )


def _by_venue(edition: Edition, by_pool: Sequence[PoolCount]) -> tuple[FigureRow, ...]:
    venues = (
        Venue.objects.filter(edition=edition, is_virtual=False)
        .order_by("order", "name")
        .values_list("pk", "name", "capacity")
    )
    return tuple(
        _pool_row(by_pool, str(pk), name, AttendanceMode.IN_PERSON, pk, capacity)
        for pk, name, capacity in venues
    )


def _by_dimension(
    edition: Edition, field_name: str, labels: Mapping[str, object]
) -> tuple[FigureRow, ...]:
    """Confirmed and attended per value of a field (sector, state), in the labels' order."""
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


def _by_session(edition: Edition) -> tuple[FigureRow, ...]:
    """Sessions with limited seats or sign-ups (walk-ins): seats, line and attendance."""
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
    sessions = (
        Session.objects.filter(
            Q(seats__isnull=False) | Q(pk__in=list(signup_counts)), edition=edition
        )
        .values("pk", "code", "title", "status", "published", "seats__capacity", "starts_at")
        .order_by("day", "starts_at", "order_in_day", "code")
    )
    empty = {"confirmed": 0, "attended": 0, "waiting": 0}
    rows = []
    for s in sessions:
        counts = signup_counts.get(s["pk"], empty)
        rows.append(
            FigureRow(
                key=s["code"] or str(s["pk"]),
                label=s["title"],
                registered=counts["confirmed"],
                attended=counts["attended"],
                waiting=counts["waiting"],
                capacity=s["seats__capacity"],
                is_public=(
                    s["published"] and bool(s["code"]) and s["status"] in PUBLIC_SESSION_STATUSES
                ),
            )
        )
    return tuple(rows)


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
    return AttendanceFigures(
        edition_id=edition.pk,
        registered=_sum(by_pool, "n", CONFIRMED),
        attended=_sum(by_pool, "attended", CONFIRMED),
        waiting=_sum(by_pool, "n", WAITING),
        cancelled=_sum(by_pool, "n", RegistrationStatus.CANCELLED),
        in_person=_pool_row(
            by_pool, AttendanceMode.IN_PERSON, str(_("Presencial")), AttendanceMode.IN_PERSON
        ),
        online=_pool_row(by_pool, AttendanceMode.ONLINE, str(_("En línea")), AttendanceMode.ONLINE),
        by_venue=_by_venue(edition, by_pool),
        by_session=_by_session(edition),
        by_sector=_by_dimension(edition, "sector", dict(Sector.choices)) if breakdowns else (),
        by_state=_by_dimension(edition, "state", dict(STATE_CHOICES)) if breakdowns else (),
    )
