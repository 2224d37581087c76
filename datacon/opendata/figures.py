"""The "cifras" dataset: every aggregate figure of every public edition, in long format.

Computed figures come from the same selectors as the memoria (so the page, the
PDF and the data always agree); reported figures come from published
memorias, with their source; blocks contributed by other capabilities
(attendance, proposals) become one row per numeric cell. Parity rows below
the privacy minimum are left out, exactly as on the memoria page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.editions.models import Edition
from datacon.editions.selectors import editions_public

PLATFORM_SOURCE = "Plataforma DATACON (registros públicos)"


def _row(
    edition: Edition, indicator: str, breakdown: str, value: Any, **extra: Any
) -> dict[str, Any]:
    return {
        "edicion": edition.slug,
        # Fictional (demonstration) editions are listed, but marked: never add them to real ones.
        "edicion_ficticia": edition.is_demo,
        "indicador": indicator,
        "desglose": breakdown,
        "valor": value,
        "precision": extra.get("precision", "exact"),
        "calculada": extra.get("computed", True),
        "fuente": extra.get("source", PLATFORM_SOURCE),
        "fuente_url": extra.get("source_url", ""),
    }


def figure_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    from datacon.memoria.selectors import memoria_data

    editions = [edition] if edition is not None else list(editions_public().order_by("year"))
    for current in editions:
        data = memoria_data(edition=current)
        figures = data.figures
        yield _row(current, "sesiones", "", figures.sessions)
        for name, total in figures.sessions_by_type:
            yield _row(current, "sesiones_por_tipo", name, total)
        yield _row(current, "ponentes", "", figures.speakers)
        yield _row(current, "moderadores", "", figures.moderators)
        yield _row(current, "organizaciones_co_convocantes", "", len(data.co_conveners))
        yield _row(current, "organizaciones", "", figures.organisations)
        yield _row(current, "sedes", "", figures.venues)
        for parity in data.parity_rows:
            for label, value in (
                ("mujeres", parity.women),
                ("hombres", parity.men),
                ("no_binarias_u_otras", parity.other),
                ("no_declarado", parity.undeclared),
            ):
                yield _row(current, "paridad", f"{parity.label}: {label}", value)
        for figure in data.reported:
            yield _row(
                current,
                f"reportado_{figure.key}",
                "",
                figure.value,
                precision=figure.qualifier,
                computed=False,
                source=figure.source,
                source_url=figure.source_url,
            )
        for block in data.blocks:
            for row in block.rows:
                for index in block.numeric_columns:
                    if row[index] is None:
                        continue
                    yield _row(
                        current,
                        block.key or block.title,
                        f"{row[0]}: {block.columns[index]}",
                        row[index],
                        source=block.source or PLATFORM_SOURCE,
                    )
