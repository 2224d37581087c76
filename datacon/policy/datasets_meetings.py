"""Open datasets of the policy process's meetings: attendance and agreements (see datasets.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.opendata.registry import Column
from datacon.policy.datasets import ID, PROCESS, _register, _under, _url
from datacon.policy.models import (
    Agreement,
    Attendance,
    Meeting,
)


def meeting_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    from datacon.policy.counts import count_of

    rows = (
        Meeting.objects.filter(**_under("process"))
        .annotate(listed=count_of(Attendance, "meeting"))
        .order_by("pk")
        .values(
            "pk", "process__slug", "group__slug", "stage__name", "kind", "title", "status",
            "starts_at", "ends_at", "date_is_approximate", "location", "online_url", "agenda",
            "minutes", "listed", "other_attendees",
        )
    )  # fmt: skip
    for row in rows:
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "grupo": row["group__slug"] or "",
            "etapa": row["stage__name"] or "",
            "tipo": row["kind"],
            "titulo": row["title"],
            "estado": row["status"],
            "inicio": row["starts_at"],
            "fin": row["ends_at"],
            "fecha_aproximada": row["date_is_approximate"],
            "lugar": row["location"],
            "enlace_en_linea": row["online_url"],
            "orden_del_dia": row["agenda"],
            "minuta": row["minutes"],
            "asistentes_registrados": row["listed"],
            "otras_personas_asistentes": row["other_attendees"],
            "url": _url("policy_meeting", process=row["process__slug"], meeting=row["pk"]),
        }


def attendance_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Attendance.objects.filter(**_under("meeting__process")).order_by("pk")
    for row in rows.values(
        "pk", "meeting_id", "person__public_name", "organisation__name", "status"
    ):
        yield {
            "id": row["pk"],
            "reunion": row["meeting_id"],
            "persona": row["person__public_name"] or "",
            "organizacion": row["organisation__name"] or "",
            "asistencia": row["status"],
        }


def agreement_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = Agreement.objects.filter(**_under("meeting__process")).order_by("pk")
    for row in rows.values(
        "pk", "meeting_id", "meeting__process__slug", "number", "text", "owner_group__name",
        "owner_organisation__name", "owner_person__public_name", "due_on", "status",
        "completed_on", "follow_up",
    ):  # fmt: skip
        owners = [
            row["owner_person__public_name"],
            row["owner_organisation__name"],
            row["owner_group__name"],
        ]
        yield {
            "id": row["pk"],
            "proceso": row["meeting__process__slug"],
            "reunion": row["meeting_id"],
            "clave": f"A{row['meeting_id']}-{row['number']}",
            "numero": row["number"],
            "acuerdo": row["text"],
            "responsable": " · ".join(name for name in owners if name),
            "fecha_compromiso": row["due_on"],
            "estado": row["status"],
            "fecha_cumplimiento": row["completed_on"],
            "seguimiento": row["follow_up"],
        }


MEETINGS_DATASET = _register(
    "reuniones",
    "Reuniones y actividades",
    "Reuniones de los grupos y actividades públicas, con orden del día y minuta.",
    meeting_rows,
    (
        ID,
        PROCESS,
        Column("grupo", "string", "Grupo que se reúne (vacío: actividad de todo el proceso)."),
        Column("etapa", "string", "Etapa."),
        Column(
            "tipo",
            "string",
            "meeting, session, roundtable o public_event.",
            enum=("meeting", "session", "roundtable", "public_event"),
        ),
        Column("titulo", "string", "Título.", required=True),
        Column(
            "estado",
            "string",
            "scheduled, held o cancelled.",
            enum=("scheduled", "held", "cancelled"),
        ),
        Column("inicio", "datetime", "Inicio.", required=True),
        Column("fin", "datetime", "Fin."),
        Column("fecha_aproximada", "boolean", "La fecha es aproximada."),
        Column("lugar", "string", "Lugar."),
        Column("enlace_en_linea", "string", "Enlace para seguirla en línea."),
        Column("orden_del_dia", "string", "Orden del día (Markdown)."),
        Column("minuta", "string", "Minuta (Markdown)."),
        Column(
            "asistentes_registrados", "integer", "Asistentes registrados por nombre u organización."
        ),
        Column("otras_personas_asistentes", "integer", "Otras personas asistentes (número)."),
        Column("url", "string", "Página de la reunión."),
    ),
    ("calendario", "reuniones"),
)
ATTENDANCE_DATASET = _register(
    "asistencia-a-reuniones",
    "Asistencia a las reuniones",
    "Quién asistió a cada reunión (personas por su nombre público u organizaciones).",
    attendance_rows,
    (
        ID,
        Column("reunion", "integer", "Reunión.", required=True),
        Column("persona", "string", "Nombre público."),
        Column("organizacion", "string", "Organización."),
        Column(
            "asistencia",
            "string",
            "present, excused o absent.",
            enum=("present", "excused", "absent"),
        ),
    ),
)
AGREEMENTS_DATASET = _register(
    "acuerdos",
    "Acuerdos de las reuniones",
    "Acuerdos con responsable, fecha compromiso y estado.",
    agreement_rows,
    (
        ID,
        PROCESS,
        Column("reunion", "integer", "Reunión en la que se tomó.", required=True),
        Column("clave", "string", "Clave del acuerdo (A<reunión>-<número>)."),
        Column("numero", "integer", "Número dentro de la reunión."),
        Column("acuerdo", "string", "Texto del acuerdo.", required=True),
        Column("responsable", "string", "Persona, organización o grupo responsable."),
        Column("fecha_compromiso", "date", "Fecha compromiso."),
        Column(
            "estado",
            "string",
            "pending, in_progress, done o cancelled.",
            enum=("pending", "in_progress", "done", "cancelled"),
        ),
        Column("fecha_cumplimiento", "date", "Fecha de cumplimiento."),
        Column("seguimiento", "string", "Notas de seguimiento."),
    ),
)
