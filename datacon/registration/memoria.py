"""Attendance figures the registration capability contributes to each edition's memoria.

Only aggregates: counts by mode, venue and public session. Sector and state
breakdowns stay on the figures page, where organisers read them with context.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common import versions
from datacon.editions.models import Edition
from datacon.memoria.blocks import (
    FigureBlock,
    MemoriaBlockProvider,
    memoria_block_register,
    memoria_block_shared,
)
from datacon.registration.selectors import AttendanceFigures, attendance_figures


def _figures(edition: Edition) -> AttendanceFigures:
    """Shared by both blocks within one memoria; without the sector and state rows,
    which the memoria does not show."""
    return memoria_block_shared(
        f"registration:attendance:{edition.pk}",
        lambda: attendance_figures(edition=edition, breakdowns=False),
    )


def _attendance_by_place(edition: Edition) -> FigureBlock | None:
    figures = _figures(edition)
    if not figures.registered:
        return None
    rows = [
        (row.label, row.registered, row.attended, row.no_shows)
        for row in (figures.in_person, figures.online, *figures.by_venue)
    ]
    return FigureBlock(
        title=_("Registro y asistencia por modalidad y sede"),
        columns=(_("Modalidad o sede"), _("Registradas"), _("Asistieron"), _("No asistieron")),
        rows=rows,
        chart_columns=(1, 2),
        source=_("Registro de asistencia de la plataforma"),
        note=_("Asistencia: registro de entrada en sede o conexión a la transmisión."),
    )


def _attendance_by_session(edition: Edition) -> FigureBlock | None:
    figures = _figures(edition)
    rows = [
        (row.label, row.registered, row.attended, row.waiting)
        for row in figures.by_session
        if row.is_public
    ]
    if not rows:
        return None
    return FigureBlock(
        title=_("Talleres y sesiones con cupo"),
        columns=(_("Sesión"), _("Inscritas"), _("Asistieron"), _("En lista de espera")),
        rows=rows,
        chart_columns=(1, 2),
        source=_("Registro de asistencia de la plataforma"),
    )


def register_memoria_blocks() -> None:
    memoria_block_register(
        MemoriaBlockProvider(
            key="attendance",
            build=_attendance_by_place,
            scopes=(versions.REGISTRATION,),
            order=10,
        )
    )
    memoria_block_register(
        MemoriaBlockProvider(
            key="attendance-sessions",
            build=_attendance_by_session,
            scopes=(versions.REGISTRATION,),
            order=11,
        )
    )
