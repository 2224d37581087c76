"""Open dataset of the sourced public record: each fact with its source in its own columns.

Only facts about public real editions (never the fictional demonstration
edition) and public policy processes. People appear only by the public role the
press reported. One query, primary-key order, plain values.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from datacon.common import versions
from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition
from datacon.opendata.registry import Column, Dataset, dataset_register, edition_provenance_register
from datacon.policy.models import PUBLIC_PROCESS_STATUSES
from datacon.sources.models import FactCategory, SourcedFact, SourceKind

SLUG = "hechos-con-fuente"
SEEDS_TITLE = "Documentos semilla de la plataforma"


def _public(edition: Edition | None) -> Q:
    about_edition = Q(edition__status__in=PUBLIC_EDITION_STATUSES, edition__is_demo=False)
    if edition is not None:
        return about_edition & Q(edition=edition)
    about_process = Q(edition__isnull=True, process__status__in=PUBLIC_PROCESS_STATUSES)
    return about_edition | about_process


def fact_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    rows = (
        SourcedFact.objects.filter(_public(edition))
        .order_by("pk")
        .values(
            "pk", "key", "edition__slug", "process__slug", "category", "on_date", "text",
            "text_en", "session__code", "milestone__date", "uncertain", "uncertain_why",
            "quote", "source__key", "source__kind", "source__title", "source__publisher",
            "source__published", "source__url",
        )
    )  # fmt: skip
    for row in rows:
        yield {
            "id": row["pk"],
            "clave": row["key"],
            "edicion": row["edition__slug"] or "",
            "proceso": row["process__slug"] or "",
            "categoria": row["category"],
            "fecha_hecho": row["on_date"],
            "dato": row["text"],
            "dato_en": row["text_en"],
            "sesion": row["session__code"] or "",
            "hito_fecha": row["milestone__date"],
            "no_confirmado": row["uncertain"],
            "motivo_no_confirmado": row["uncertain_why"],
            "fuente_clave": row["source__key"] or "",
            "fuente_tipo": row["source__kind"] or SourceKind.SEED.value,
            "fuente_titulo": row["source__title"] or SEEDS_TITLE,
            "fuente_editor": row["source__publisher"] or "",
            "fuente_fecha": row["source__published"] or "",
            "fuente_url": row["source__url"] or "",
            "fuente_cita": row["quote"],
        }


FACTS_DATASET = dataset_register(
    Dataset(
        order=200,  # after every other table of the conference theme
        slug=SLUG,
        title_en="Sourced facts of the public record",
        description_en=(
            "Each public fact about a real DATACON edition (2021 to 2024) or about the National Open Data Policy process, with its source in its own columns: title, publisher, date, link and short quotation. Unconfirmed facts say so and explain why. A fact without its own source comes from the platform's seed documents."
        ),
        title="Datos con fuente del registro público",
        description=(
            "Cada dato público sobre una edición real de la DATACON (2021 a 2024) o sobre el "
            "proceso de la Política Nacional de Datos Abiertos, con su fuente en columnas propias: "
            "título, quién la publica, fecha, enlace y cita breve. Los datos no confirmados lo "
            "dicen y explican por qué. Un dato sin fuente propia proviene de los documentos "
            "semilla de la plataforma."
        ),
        columns=(
            Column("id", "integer", "Identificador del dato.", required=True),
            Column("clave", "string", "Clave estable del dato.", required=True),
            Column("edicion", "string", "Edición de la que trata (tabla ediciones), si alguna."),
            Column("proceso", "string", "Proceso de política pública del que trata, si alguno."),
            Column(
                "categoria",
                "string",
                "Qué tipo de dato es.",
                required=True,
                enum=tuple(value for value, _label in FactCategory.choices),
            ),
            Column("fecha_hecho", "string", "Fecha del hecho: AAAA, AAAA-MM o AAAA-MM-DD."),
            Column("dato", "string", "El dato, en español.", required=True),
            Column("dato_en", "string", "El dato en inglés, como lo registró la investigación."),
            Column("sesion", "string", "Código de la sesión de la que trata (tabla sesiones)."),
            Column("hito_fecha", "date", "Fecha del hito de la política del que trata."),
            Column("no_confirmado", "boolean", "Verdadero si la fuente deja lugar a dudas."),
            Column("motivo_no_confirmado", "string", "Por qué el dato no está confirmado."),
            Column("fuente_clave", "string", "Clave estable de la fuente."),
            Column(
                "fuente_tipo",
                "string",
                "Tipo de fuente.",
                required=True,
                enum=tuple(value for value, _label in SourceKind.choices),
            ),
            Column("fuente_titulo", "string", "Título de la fuente.", required=True),
            Column("fuente_editor", "string", "Quién publica la fuente."),
            Column("fuente_fecha", "string", "Fecha de la fuente: AAAA, AAAA-MM o AAAA-MM-DD."),
            Column("fuente_url", "string", "Enlace a la fuente."),
            Column("fuente_cita", "string", "Cita breve de la fuente que respalda el dato."),
        ),
        rows=fact_rows,
        scopes=(versions.CONFERENCE, versions.POLICY),
        theme="conference",
        per_edition=True,
        primary_key=("id",),
        keywords=("fuentes", "procedencia", "prensa"),
    )
)


def editions_provenance(editions: list[Edition]) -> dict[int, tuple[str, str | None]]:
    """dct:provenance of each edition's dataset in the catalogue (one query)."""
    from datacon.sources.loader import seed_keys_by_year
    from datacon.sources.models import Source

    keys = seed_keys_by_year()
    titles = dict(Source.objects.filter(kind=SourceKind.SEED).values_list("key", "title"))
    result: dict[int, tuple[str, str | None]] = {}
    for edition in editions:
        if edition.is_demo:
            result[edition.pk] = (
                "Edición ficticia de demostración: ninguno de sus registros es real.",
                None,
            )
            continue
        seeds = [titles[key] for key in keys.get(edition.year, []) if key in titles]
        text = (
            "Registros tomados de los documentos semilla de la plataforma ("
            + "; ".join(seeds)
            + ") y de las fuentes públicas (prensa y páginas oficiales) que cita cada dato del "
            "conjunto «Datos con fuente del registro público»."
            if seeds
            else "Registros cargados en la plataforma; las fuentes de cada dato están en el "
            "conjunto «Datos con fuente del registro público»."
        )
        result[edition.pk] = (text, SLUG)
    return result


edition_provenance_register(editions_provenance)
