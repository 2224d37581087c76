"""Open data of the call for proposals: the public changelog of each edition's program.

Only what the public changelog already shows: version number and date, the
session's code and title, the kind of change and the before/after times and
places. No proposal, review or person on a proposal is ever exported; the
aggregate parity of each version is not exported either (per session type it
can be small enough to reveal one person's self-declared gender).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common.versions import CONFERENCE
from datacon.opendata.registry import Column, Dataset, dataset_register


def _rows(edition: Any) -> Iterator[dict[str, Any]]:
    from datacon.editions.models import PUBLIC_EDITION_STATUSES
    from datacon.program.models import ScheduleChange

    changes = ScheduleChange.objects.filter(
        version__edition__status__in=PUBLIC_EDITION_STATUSES
    ).select_related("version__edition")
    if edition is not None:
        changes = changes.filter(version__edition=edition)
    for change in changes.order_by("pk").iterator(chunk_size=2000):
        before, after = change.before or {}, change.after or {}
        yield {
            "edicion": change.version.edition.slug,
            "version": change.version.number,
            "publicada": change.version.published_at,
            "codigo": change.code,
            "titulo": change.title,
            "cambio": change.kind,
            "inicio_antes": before.get("starts_at"),
            "fin_antes": before.get("ends_at"),
            "lugar_antes": " · ".join(p for p in (before.get("venue"), before.get("room")) if p),
            "inicio_despues": after.get("starts_at"),
            "fin_despues": after.get("ends_at"),
            "lugar_despues": " · ".join(p for p in (after.get("venue"), after.get("room")) if p),
        }


SCHEDULE_CHANGES = dataset_register(
    Dataset(
        slug="cambios-del-programa",
        title_en="Programme versions and changes",
        description_en=(
            "Each publication of an edition's programme has a version number; this dataset lists, per version, the sessions that are new, cancelled, moved in time or place, or have another title, code or participants."
        ),
        title="Versiones y cambios del programa",
        description=(
            "Cada publicación del programa de una edición tiene un número de versión; este "
            "conjunto lista, por versión, las sesiones nuevas, canceladas, movidas de horario o "
            "de lugar, o con otro título, código o participantes."
        ),
        columns=(
            Column("edicion", "string", "Identificador de la edición", required=True),
            Column("version", "integer", "Número de versión del programa", required=True),
            Column(
                "publicada", "datetime", "Fecha y hora de publicación de la versión", required=True
            ),
            Column("codigo", "string", "Código de la sesión (S + día + orden)"),
            Column("titulo", "string", "Título de la sesión", required=True),
            Column(
                "cambio",
                "string",
                "Tipo de cambio",
                required=True,
                enum=(
                    "added",
                    "cancelled",
                    "restored",
                    "moved",
                    "relocated",
                    "retitled",
                    "recoded",
                    "people",
                ),
            ),
            Column("inicio_antes", "string", "Inicio anterior (ISO 8601, hora de la edición)"),
            Column("fin_antes", "string", "Fin anterior (ISO 8601, hora de la edición)"),
            Column("lugar_antes", "string", "Sede y sala anteriores"),
            Column("inicio_despues", "string", "Inicio nuevo (ISO 8601, hora de la edición)"),
            Column("fin_despues", "string", "Fin nuevo (ISO 8601, hora de la edición)"),
            Column("lugar_despues", "string", "Sede y sala nuevas"),
        ),
        rows=_rows,
        scopes=(CONFERENCE,),
        theme="conference",
        per_edition=True,
        keywords=("programa", "cambios", "versiones"),
    )
)
