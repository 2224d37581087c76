"""The columns of an access-to-information request export, and how their headers are spelled.

The transparency platform's exports change their headers between years: each
column is recognised by its known spellings, once normalised (accents, case,
spaces and underscores do not matter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from datacon.demand.text import fold


@dataclass(frozen=True)
class ColumnSpec:
    name: str  # our field
    label: str  # how we name it to people, in Spanish
    required: bool
    aliases: tuple[str, ...]  # normalised header spellings seen across years


def normalise_header(value: str) -> str:
    """ "Fecha de Solicitud" / "FECHA_SOLICITUD" / "fechaSolicitud " → "FECHA DE SOLICITUD" style keys."""
    value = value.replace("\ufeff", "").strip().strip('"').strip("'")
    return re.sub(r"[\s_.]+", " ", fold(value)).strip().upper()


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "folio",
        "folio",
        True,
        ("FOLIO", "FOLIO SOLICITUD", "FOLIO DE LA SOLICITUD", "NUMERO DE FOLIO", "NO FOLIO"),
    ),
    ColumnSpec(
        "filed_on",
        "fecha de solicitud",
        True,
        (
            "FECHASOLICITUD",
            "FECHA SOLICITUD",
            "FECHA DE SOLICITUD",
            "FECHA DE PRESENTACION",
            "FECHAINGRESO",
            "FECHA DE INGRESO",
            "FECHA DE RECEPCION",
        ),
    ),
    ColumnSpec(
        "institution",
        "institución (dependencia o sujeto obligado)",
        True,
        (
            "DEPENDENCIA",
            "SUJETO OBLIGADO",
            "SUJETOOBLIGADO",
            "NOMBRE DEL SUJETO OBLIGADO",
            "NOMBRE SUJETO OBLIGADO",
            "INSTITUCION",
            "ORGANO GARANTE SUJETO OBLIGADO",
        ),
    ),
    ColumnSpec(
        "text",
        "descripción de la solicitud",
        True,
        (
            "DESCRIPCIONSOLICITUD",
            "DESCRIPCION SOLICITUD",
            "DESCRIPCION DE LA SOLICITUD",
            "DESCRIPCION",
            "SOLICITUD",
            "TEXTO SOLICITUD",
            "TEXTO DE LA SOLICITUD",
        ),
    ),
    ColumnSpec(
        "status",
        "estatus",
        False,
        ("ESTATUS", "ESTATUS SOLICITUD", "ESTATUS DE LA SOLICITUD", "ESTADO DE LA SOLICITUD"),
    ),
    ColumnSpec(
        "response",
        "respuesta",
        False,
        (
            "RESPUESTA",
            "TIPO DE RESPUESTA",
            "TIPORESPUESTA",
            "TIPO RESPUESTA",
            "RESPUESTA SOLICITUD",
        ),
    ),
    ColumnSpec(
        "state",
        "estado (entidad federativa)",
        False,
        ("ESTADO", "ENTIDAD FEDERATIVA", "ENTIDAD", "ESTADO SOLICITANTE", "ESTADO DEL SOLICITANTE"),
    ),
)
COLUMNS_BY_NAME = {spec.name: spec for spec in COLUMNS}
