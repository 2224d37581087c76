"""Open data of the registration capability: aggregate attendance figures only.

No row is about a person: each is a count of registrations (and of those who
attended) for one breakdown of one edition: mode, venue, public session,
sector or state. Sessions that are not public are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common.versions import CONFERENCE, REGISTRATION
from datacon.opendata.registry import Column, Dataset, dataset_register

DIMENSIONS = ("modalidad", "sede", "sesion", "sector", "entidad")


def attendance_rows(edition: Any) -> Iterator[dict[str, Any]]:
    from datacon.editions.selectors import editions_public
    from datacon.registration.models import RegistrationSettings
    from datacon.registration.selectors import attendance_figures

    editions = (
        [edition]
        if edition is not None
        else list(
            editions_public()
            .filter(pk__in=RegistrationSettings.objects.values("edition_id"))
            .order_by("year")
        )
    )
    for current in editions:
        if not current.is_public:
            continue
        figures = attendance_figures(edition=current)
        if not (figures.registered or figures.waiting or figures.cancelled):
            continue
        for dimension, row in figures.rows():
            if not row.is_public:
                continue
            yield {
                "edicion": current.year,
                "dimension": dimension,
                "clave": row.key,
                "etiqueta": row.label,
                "registradas": row.registered,
                "asistentes": row.attended,
                "no_asistieron": row.no_shows,
                "lista_de_espera": row.waiting,
                "cupo": row.capacity,
            }


ATTENDANCE = dataset_register(
    Dataset(
        slug="asistencia",
        title_en="Registration and attendance (aggregate figures)",
        description_en=(
            "People registered and attending by format, venue, session with limited seats, sector and state. Registered: confirmed registrations; attending: checked in at a venue or connected to the stream during the event. No personal data."
        ),
        title="Registro y asistencia (cifras agregadas)",
        description=(
            "Personas registradas y asistentes por modalidad, sede, sesión con cupo, sector y "
            "entidad federativa. Registradas: registros confirmados; asistentes: entrada "
            "registrada en sede o conexión a la transmisión durante el evento. Sin datos personales."
        ),
        columns=(
            Column("edicion", "year", "Año de la edición", required=True),
            Column(
                "dimension",
                "string",
                "Desglose: modalidad, sede, sesion, sector o entidad",
                required=True,
                enum=DIMENSIONS,
            ),
            Column(
                "clave",
                "string",
                "Clave del elemento (código de sesión, clave INEGI de la entidad…)",
                required=True,
            ),
            Column("etiqueta", "string", "Nombre legible del elemento"),
            Column("registradas", "integer", "Registros confirmados", required=True),
            Column("asistentes", "integer", "Registros con asistencia", required=True),
            Column(
                "no_asistieron", "integer", "Registros confirmados sin asistencia", required=True
            ),
            Column("lista_de_espera", "integer", "Personas en lista de espera"),
            Column("cupo", "integer", "Lugares disponibles (vacío: sin límite)"),
        ),
        rows=attendance_rows,
        scopes=(REGISTRATION, CONFERENCE),
        theme="conference",
        primary_key=("edicion", "dimension", "clave"),
        keywords=("asistencia", "registro", "DATACON"),
    )
)
