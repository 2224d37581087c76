"""Open data of constancias: how many were issued and revoked, per edition, kind and role.

Counts only, never a name or a folio.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common.versions import REGISTRATION
from datacon.opendata.registry import Column, Dataset, dataset_register

KINDS = ("attendance", "participation")
ROLES = (
    "attendee",
    "speaker",
    "panelist",
    "moderator",
    "rapporteur",
    "workshop_leader",
    "reviewer",
)


def certificate_count_rows(edition: Any) -> Iterator[dict[str, Any]]:
    from datacon.certificates.models import Certificate
    from datacon.certificates.selectors import counts
    from datacon.editions.selectors import editions_public

    editions = (
        [edition]
        if edition is not None
        else list(
            editions_public()
            .filter(pk__in=Certificate.objects.values("edition_id"))
            .order_by("year")
        )
    )
    for current in editions:
        if not current.is_public:
            continue
        for kind, role, valid, revoked in counts(edition=current):
            yield {
                "edicion": current.year,
                "tipo": kind,
                "papel": role,
                "emitidas": valid + revoked,
                "vigentes": valid,
                "revocadas": revoked,
            }


CERTIFICATES = dataset_register(
    Dataset(
        slug="constancias",
        title_en="Certificates issued (aggregate figures)",
        description_en=(
            "Certificates of attendance and of participation issued by the platform, by type and role. Attendance: checked in at a venue or connected to the stream; participation: role confirmed by the person or review completed. No personal data or serial numbers."
        ),
        title="Constancias emitidas (cifras agregadas)",
        description=(
            "Constancias de asistencia y de participación emitidas por la plataforma, por tipo "
            "y papel. Asistencia: entrada registrada en sede o conexión a la transmisión; "
            "participación: papel confirmado por la persona o revisión completa. Sin datos "
            "personales ni folios."
        ),
        columns=(
            Column("edicion", "year", "Año de la edición", required=True),
            Column("tipo", "string", "Tipo de constancia", required=True, enum=KINDS),
            Column("papel", "string", "Papel que certifica", required=True, enum=ROLES),
            Column("emitidas", "integer", "Constancias emitidas", required=True),
            Column("vigentes", "integer", "Emitidas y no revocadas", required=True),
            Column("revocadas", "integer", "Revocadas", required=True),
        ),
        rows=certificate_count_rows,
        scopes=(REGISTRATION,),
        primary_key=("edicion", "tipo", "papel"),
        keywords=("constancias", "asistencia", "participación"),
        order=101,
    )
)
