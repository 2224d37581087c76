"""Open datasets of the policy's commitments and their progress reports (see datasets.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.opendata.registry import Column
from datacon.policy.datasets import ID, PROCESS, _file_url, _register, _under
from datacon.policy.models import (
    Commitment,
    ProgressReport,
)
from datacon.policy.progress import progress_ratio


def commitment_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    from django.db.models import OuterRef, Subquery

    latest = ProgressReport.objects.filter(commitment=OuterRef("pk")).order_by(
        "-reported_on", "-id"
    )
    rows = (
        Commitment.objects.filter(**_under("process"))
        .annotate(latest_value=Subquery(latest.values("value")[:1]))
        .order_by("pk")
        .values(
            "pk", "process__slug", "code", "title", "source", "edition__year", "owner",
            "owner_organisation__name", "indicator", "unit", "baseline", "target",
            "starts_year", "due_on", "is_cancelled", "is_demo", "edition__is_demo",
            "latest_value",
        )
    )  # fmt: skip
    for row in rows:
        ratio = progress_ratio(
            baseline=row["baseline"], target=row["target"], value=row["latest_value"]
        )
        yield {
            "id": row["pk"],
            "proceso": row["process__slug"],
            "clave": row["code"],
            "compromiso": row["title"],
            "origen": row["source"],
            "edicion_datacon": row["edition__year"],
            "responsable": row["owner"],
            "organizacion_responsable": row["owner_organisation__name"] or "",
            "indicador": row["indicator"],
            "unidad": row["unit"],
            "linea_base": float(row["baseline"]),
            "meta": float(row["target"]),
            "anio_inicio": row["starts_year"],
            "fecha_limite": row["due_on"],
            "cancelado": row["is_cancelled"],
            # Commitment.is_fictional: marked, or born from a fictional edition.
            "demostracion": bool(row["is_demo"] or row["edition__is_demo"]),
            "valor_mas_reciente": float(row["latest_value"])
            if row["latest_value"] is not None
            else None,
            "avance": float(round(ratio, 4)),
        }


def progress_rows(_edition: object = None) -> Iterator[dict[str, Any]]:
    rows = ProgressReport.objects.filter(**_under("commitment__process")).order_by("pk")
    for row in rows.values(
        "pk", "commitment__process__slug", "commitment__code", "commitment__baseline",
        "commitment__target", "reported_on", "value", "note", "evidence", "evidence_url",
        "evidence_file",
    ):  # fmt: skip
        ratio = progress_ratio(
            baseline=row["commitment__baseline"],
            target=row["commitment__target"],
            value=row["value"],
        )
        yield {
            "id": row["pk"],
            "proceso": row["commitment__process__slug"],
            "compromiso": row["commitment__code"],
            "fecha_corte": row["reported_on"],
            "valor": float(row["value"]),
            "avance": float(round(ratio, 4)),
            "nota": row["note"],
            "evidencia": row["evidence"],
            "evidencia_enlace": row["evidence_url"] or _file_url(row["evidence_file"]),
        }


COMMITMENTS_DATASET = _register(
    "compromisos",
    "Compromisos y su avance",
    "Compromisos de la política y de las conclusiones de cada DATACON, con indicador, meta y avance (0 a 1) según el reporte más reciente.",
    commitment_rows,
    (
        ID,
        PROCESS,
        Column("clave", "string", "Clave.", required=True),
        Column("compromiso", "string", "Compromiso.", required=True),
        Column(
            "origen",
            "string",
            "policy, datacon o agreement.",
            enum=("policy", "datacon", "agreement"),
        ),
        Column("edicion_datacon", "year", "Edición de la DATACON de la que surge."),
        Column("responsable", "string", "Responsable."),
        Column("organizacion_responsable", "string", "Organización responsable."),
        Column("indicador", "string", "Indicador."),
        Column("unidad", "string", "Unidad de medida."),
        Column("linea_base", "number", "Línea base."),
        Column("meta", "number", "Meta."),
        Column("anio_inicio", "year", "Año de inicio."),
        Column("fecha_limite", "date", "Fecha límite."),
        Column("cancelado", "boolean", "Compromiso cancelado."),
        Column(
            "demostracion",
            "boolean",
            "Compromiso ficticio de demostración (o de una edición ficticia): no se promedia "
            "con los reales.",
        ),
        Column("valor_mas_reciente", "number", "Valor del reporte más reciente."),
        Column(
            "avance",
            "number",
            "Avance de 0 a 1: (valor − línea base) / (meta − línea base), acotado.",
        ),
    ),
    ("seguimiento", "compromisos"),
)
PROGRESS_DATASET = _register(
    "avances",
    "Reportes de avance de los compromisos",
    "Cada reporte de avance con su fecha de corte, valor y evidencia.",
    progress_rows,
    (
        ID,
        PROCESS,
        Column("compromiso", "string", "Clave del compromiso.", required=True),
        Column("fecha_corte", "date", "Fecha de corte.", required=True),
        Column("valor", "number", "Valor alcanzado."),
        Column("avance", "number", "Avance de 0 a 1 con este valor."),
        Column("nota", "string", "Nota."),
        Column("evidencia", "string", "Evidencia."),
        Column("evidencia_enlace", "string", "Enlace o archivo de evidencia."),
    ),
)
