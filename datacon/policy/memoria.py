"""What the national open-data policy reached in an edition's year, for its memoria.

The policy links to editions (`ProcessEdition`: the edition gave rise to,
fed or followed up a process; `Commitment.edition`: commitments born from an
edition's conclusions). For each public process so linked, the block counts
the milestones reached and the commitments active and met during the
edition's year, and names the milestones in its note: they are public facts
of the process, never people.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from datacon.common import versions
from datacon.common.dates import fecha
from datacon.editions.models import Edition
from datacon.memoria.blocks import FigureBlock, MemoriaBlockProvider, memoria_block_register
from datacon.policy.progress import edition_policy_year


def _policy_block(edition: Edition) -> FigureBlock | None:
    years = edition_policy_year(edition=edition)
    if not years:
        return None
    rows = [
        (str(item.process), len(item.milestones), item.active, item.achieved, item.from_edition)
        for item in years
    ]
    reached = [
        f"{fecha(milestone.date)}: {milestone.title}"
        for item in years
        for milestone in item.milestones
    ]
    return FigureBlock(
        title=_("Política nacional de datos abiertos en %(year)s") % {"year": edition.year},
        columns=(
            _("Proceso"),
            _("Hitos alcanzados en el año"),
            _("Compromisos activos en el año"),
            _("Compromisos cumplidos en el año"),
            _("Compromisos surgidos de esta edición"),
        ),
        rows=rows,
        chart_columns=(1, 3),
        source=_("Seguimiento público de la política en la plataforma"),
        note=(_("Hitos: %(list)s.") % {"list": "; ".join(reached)}) if reached else "",
    )


def register_memoria_blocks() -> None:
    memoria_block_register(
        MemoriaBlockProvider(
            key="policy-year",
            build=_policy_block,
            # Processes, milestones, commitments and progress reports all bump POLICY.
            scopes=(versions.POLICY,),
            order=30,
        )
    )
