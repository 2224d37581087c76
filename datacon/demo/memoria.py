"""Demo memorias: the figures the seed documents report, and the 2021 memoria's own text.

Sources: the DATACON 2021 memoria ("Memoria del evento"), the DATACON concept
note (its summary of the 2022 edition) and the edition facts in
datacon/sources/data/editions.yaml. The narrative is the 2021 memoria's text,
verbatim (datacon/demo/data/memoria_2021.yaml); the sessions-by-type table, the
session list and every count are not copied: the memoria page computes them
from the loaded program.

Idempotent: the services write only what differs.
"""

from __future__ import annotations

from datacon.common.actor import Actor
from datacon.demo.records import records_read
from datacon.editions.models import Edition
from datacon.memoria.models import FigureKey, FigureQualifier, Memoria, MemoriaStatus, SectionKind
from datacon.memoria.services import (
    memoria_ensure,
    memoria_save,
    memoria_section_save,
    reported_figure_save,
)
from datacon.sources import editions_record as facts

SOURCES: dict[int, tuple[str, str]] = {
    2021: ("Memoria del evento, DATACON 2021", "https://datacon.mx/edicion-2021-memoria/"),
    2022: (
        "Nota conceptual de la DATACON, apartado «Introducción» (resumen de la edición 2022)",
        "",
    ),
    # No seed document gives the 2023 figure; the press does (datacon/sources/data).
    2023: (
        "Acceso libre a datos abiertos, Reporte Índigo (octubre de 2023)",
        "https://reporteindigo.com/reporte/acceso-libre-a-datos-abiertos/amp",
    ),
}

# facts.EDITIONS[...]["reported"] key -> (figure key, qualifier)
REPORTED_KEYS: dict[str, tuple[str, str]] = {
    "co_conveners": (FigureKey.CO_CONVENERS, FigureQualifier.EXACT),
    "panelists": (FigureKey.PANELISTS, FigureQualifier.EXACT),
    "attendees_online_more_than": (FigureKey.ATTENDEES_ONLINE, FigureQualifier.MORE_THAN),
    "moderators": (FigureKey.MODERATORS, FigureQualifier.EXACT),
    "panels": (FigureKey.PANELS, FigureQualifier.EXACT),
    "workshops": (FigureKey.WORKSHOPS, FigureQualifier.EXACT),
    "conferences": (FigureKey.CONFERENCES, FigureQualifier.EXACT),
    "venues": (FigureKey.VENUES, FigureQualifier.EXACT),
}

# The DATACON 2021 memoria ("Memoria del evento"), verbatim, as Markdown.
SECTIONS_2021: dict[str, str] = {
    SectionKind(kind): body for kind, body in records_read("memoria_2021").items()
}

SUBTITLES = {2021: "Memoria del evento"}


def demo_load() -> dict[str, int]:
    created = {"memoria": 0, "memoriasection": 0, "reportedfigure": 0}
    for data in facts.EDITIONS:
        reported = data.get("reported") or {}
        sections = SECTIONS_2021 if data["year"] == 2021 else {}
        if not reported and not sections:
            continue
        edition = Edition.objects.filter(year=data["year"]).first()
        if edition is None:
            continue
        existed = Memoria.objects.filter(edition=edition).exists()
        memoria = memoria_ensure(edition=edition, actor=Actor.system("demo"))
        created["memoria"] += 0 if existed else 1
        source, source_url = SOURCES.get(data["year"], ("", ""))
        for fact_key, value in reported.items():
            key, qualifier = REPORTED_KEYS[fact_key]
            before = memoria.figures.filter(key=key).exists()
            reported_figure_save(
                memoria=memoria,
                key=key,
                value=value,
                qualifier=qualifier,
                source=source,
                source_url=source_url,
                actor=Actor.system("demo"),
            )
            created["reportedfigure"] += 0 if before else 1
        for kind, body in sections.items():
            before = memoria.sections.filter(kind=kind).exists()
            memoria_section_save(memoria=memoria, kind=kind, body=body, actor=Actor.system("demo"))
            created["memoriasection"] += 0 if before else 1
        subtitle = SUBTITLES.get(data["year"], "")
        if memoria.status != MemoriaStatus.PUBLISHED or memoria.subtitle != subtitle:
            # Published as the organisers did; the real publication date is not in the
            # sources, so it stays empty rather than invented.
            memoria.status = MemoriaStatus.PUBLISHED
            memoria.subtitle = subtitle
            memoria_save(memoria=memoria, actor=Actor.system("demo"))
    return created
