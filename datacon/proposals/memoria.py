"""Call-for-proposals figures the proposals capability contributes to each edition's memoria.

Aggregates only: proposals received and accepted per session type and the
acceptance rate. No title, no proponent, no reviewer: the memoria is public
and the call's individual records are not.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common import versions
from datacon.editions.models import Edition
from datacon.memoria.blocks import FigureBlock, MemoriaBlockProvider, memoria_block_register
from datacon.proposals.selectors import call_figures


def _call_block(edition: Edition) -> FigureBlock | None:
    figures = call_figures(edition=edition)
    if figures is None:
        return None
    rows = [
        (item.session_type, item.received, item.accepted, item.acceptance_rate)
        for item in figures.by_type
    ]
    total = figures.total
    rows.append((_("Total"), total.received, total.accepted, total.acceptance_rate))
    return FigureBlock(
        title=_("Convocatoria a propuestas"),
        columns=(
            _("Tipo de sesión"),
            _("Propuestas recibidas"),
            _("Propuestas aceptadas"),
            _("Tasa de aceptación (%)"),
        ),
        rows=rows,
        chart_columns=(1, 2),
        source=_("Convocatoria a propuestas de la plataforma"),
        note=_(
            "Recibidas: todas las propuestas enviadas, incluidas las retiradas. Aceptadas: "
            "decisiones ya comunicadas a quienes propusieron."
        ),
    )


def register_memoria_blocks() -> None:
    memoria_block_register(
        MemoriaBlockProvider(
            key="call-for-proposals",
            build=_call_block,
            # Accepting a proposal creates a draft session and bumps CONFERENCE, but the
            # decision e-mail leaving the outbox bumps no scope (proposals have none and
            # this module cannot add one): the page shows it within the cache's hour.
            scopes=(versions.CONFERENCE,),
            order=20,
        )
    )
