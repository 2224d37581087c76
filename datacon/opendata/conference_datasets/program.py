"""Datasets of the program: sessions, public participations and materials' metadata."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings

from datacon.common import versions
from datacon.common.urls import absolute_url
from datacon.editions.models import (
    Edition,
)
from datacon.opendata.conference_datasets.common import (
    local_iso,
    public_url,
)
from datacon.opendata.registry import Column, Dataset
from datacon.program.models import Material, Participation, Session, public_session_filter

# --- sessions, participations, materials -----------------------------------------------------


def _public_sessions(edition: Edition | None):  # type: ignore[no-untyped-def]
    queryset = Session.objects.filter(public_session_filter())
    if edition is not None:
        queryset = queryset.filter(edition=edition)
    return queryset


def sessions_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = _public_sessions(edition).order_by(
        "edition__year", "day", "starts_at", "order_in_day", "code"
    )
    for row in queryset.values(
        "edition__slug", "edition__timezone", "code", "title", "title_en", "session_type__slug",
        "session_type__name", "day", "starts_at", "ends_at", "venue_id", "venue__name",
        "room_id", "room__name", "abstract", "abstract_en", "language", "status",
    ):  # fmt: skip
        zone = row["edition__timezone"]
        yield {
            "edicion": row["edition__slug"],
            "codigo": row["code"],
            "titulo": row["title"],
            "titulo_en": row["title_en"],
            "tipo": row["session_type__slug"],
            "tipo_nombre": row["session_type__name"],
            "dia": row["day"],
            "inicio": local_iso(row["starts_at"], zone),
            "fin": local_iso(row["ends_at"], zone),
            "zona_horaria": zone,
            "sede_id": row["venue_id"],
            "sede": row["venue__name"] or "",
            "sala_id": row["room_id"],
            "sala": row["room__name"] or "",
            "resumen": row["abstract"],
            "resumen_en": row["abstract_en"],
            "idioma": row["language"],
            "estado": row["status"],
            "url": public_url("session", edition=row["edition__slug"], code=row["code"]),
        }


SESSIONS = Dataset(
    order=5,
    slug="sesiones",
    title_en="Sessions",
    description_en=(
        "Programme of each edition: one row per session, with its code (S + day + order), type, time and place."
    ),
    title="Sesiones",
    description="Programa de cada edición: una fila por sesión, con su código (S + día + orden), tipo, horario y lugar.",
    columns=(
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column(
            "codigo",
            "string",
            "Código de la sesión, único en la edición (p. ej. S0101: día 1, sesión 1).",
            required=True,
        ),
        Column("titulo", "string", "Título de la sesión.", required=True),
        Column("titulo_en", "string", "Título en inglés; vacío si no se ha escrito."),
        Column("tipo", "string", "Tipo de sesión (tabla tipos-de-sesion).", required=True),
        Column("tipo_nombre", "string", "Nombre del tipo de sesión.", required=True),
        Column("dia", "date", "Día de la sesión (AAAA-MM-DD)."),
        Column(
            "inicio",
            "datetime",
            "Inicio, en hora local de la edición con su desfase (ISO 8601); vacío si no se conoce.",
        ),
        Column("fin", "datetime", "Fin, en hora local de la edición con su desfase (ISO 8601)."),
        Column("zona_horaria", "string", "Zona horaria IANA de los horarios.", required=True),
        Column("sede_id", "integer", "Sede (tabla sedes)."),
        Column("sede", "string", "Nombre de la sede."),
        Column("sala_id", "integer", "Sala (tabla salas)."),
        Column("sala", "string", "Nombre de la sala."),
        Column("resumen", "string", "Resumen en Markdown."),
        Column("resumen_en", "string", "Resumen en inglés (Markdown); vacío si no se ha escrito."),
        Column("idioma", "string", "Idioma principal (es, en u other).", required=True),
        Column(
            "estado",
            "string",
            "confirmed (confirmada) o cancelled (cancelada).",
            required=True,
            enum=("confirmed", "cancelled"),
        ),
        Column("url", "string", "Página de la sesión en la plataforma.", required=True),
    ),
    rows=sessions_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("edicion", "codigo"),
    keywords=("programa", "sesiones", "agenda"),
    extra={
        "foreignKeys": [
            {"fields": "edicion", "reference": {"resource": "ediciones", "fields": "edicion"}}
        ]
    },
)


def participations_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = Participation.objects.public()
    if edition is not None:
        queryset = queryset.filter(session__edition=edition)
    queryset = queryset.order_by(
        "session__edition__year",
        "session__day",
        "session__starts_at",
        "session__code",
        "order",
        "pk",
    )
    for row in queryset.values(
        "session__edition__slug", "session__code", "person__slug", "person__public_name",
        "person__organisation__slug", "role", "order",
    ):  # fmt: skip
        yield {
            "edicion": row["session__edition__slug"],
            "codigo_sesion": row["session__code"],
            "persona": row["person__slug"],
            "nombre_publico": row["person__public_name"],
            "organizacion": row["person__organisation__slug"] or None,
            "papel": row["role"],
            "orden": row["order"],
        }


PARTICIPATIONS = Dataset(
    order=6,
    slug="participaciones",
    title_en="Participations",
    description_en=(
        "Who takes part in each session and in which role. Public names only: never e-mail addresses or other personal data."
    ),
    title="Participaciones",
    description="Quién participa en cada sesión y con qué papel. Solo nombres públicos: nunca correos ni otros datos personales.",
    columns=(
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("codigo_sesion", "string", "Código de la sesión (tabla sesiones).", required=True),
        Column(
            "persona",
            "string",
            "Identificador público de la persona (tabla personas).",
            required=True,
        ),
        Column(
            "nombre_publico",
            "string",
            "Nombre con el que la persona participa públicamente.",
            required=True,
        ),
        Column("organizacion", "string", "Organización de la persona (tabla organizaciones)."),
        Column(
            "papel",
            "string",
            "speaker (ponente), panelist (panelista), moderator (moderación), rapporteur (relatoría) o workshop_leader (tallerista).",
            required=True,
            enum=("speaker", "panelist", "moderator", "rapporteur", "workshop_leader"),
        ),
        Column("orden", "integer", "Orden de aparición en la sesión.", required=True),
    ),
    rows=participations_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("edicion", "codigo_sesion", "persona", "papel"),
    keywords=("ponentes", "panelistas", "moderación"),
    extra={
        "foreignKeys": [
            {
                "fields": ["edicion", "codigo_sesion"],
                "reference": {"resource": "sesiones", "fields": ["edicion", "codigo"]},
            },
            {"fields": "persona", "reference": {"resource": "personas", "fields": "persona"}},
        ]
    },
)


def materials_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = Material.objects.filter(public_session_filter("session__"))
    if edition is not None:
        queryset = queryset.filter(session__edition=edition)
    queryset = queryset.order_by("session__edition__year", "session__code", "order", "pk")
    for row in queryset.values(
        "pk", "session__edition__slug", "session__code", "kind", "title", "url", "file",
        "licence", "language", "body",
    ):  # fmt: skip
        yield {
            "id": row["pk"],
            "edicion": row["session__edition__slug"],
            "codigo_sesion": row["session__code"],
            "tipo": row["kind"],
            "titulo": row["title"],
            "enlace": row["url"],
            "archivo": absolute_url(settings.MEDIA_URL + row["file"]) if row["file"] else "",
            "tiene_texto": bool(row["body"]),
            "licencia": row["licence"],
            "idioma": row["language"],
            "url_sesion": public_url(
                "session", edition=row["session__edition__slug"], code=row["session__code"]
            ),
        }


MATERIALS = Dataset(
    order=10,
    slug="materiales",
    title_en="Session materials",
    description_en=(
        "Metadata of the reports, videos, slides and documents of each session, with their licence."
    ),
    title="Materiales de las sesiones",
    description="Metadatos de relatorías, videos, presentaciones y documentos de cada sesión, con su licencia.",
    columns=(
        Column("id", "integer", "Identificador del material.", required=True),
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("codigo_sesion", "string", "Código de la sesión (tabla sesiones).", required=True),
        Column(
            "tipo",
            "string",
            "report (relatoría), video, slides (diapositivas), document o link.",
            required=True,
            enum=("report", "video", "slides", "document", "link"),
        ),
        Column("titulo", "string", "Título del material."),
        Column("enlace", "string", "Dirección externa del material (p. ej. el video)."),
        Column("archivo", "string", "Dirección del archivo alojado en la plataforma."),
        Column(
            "tiene_texto",
            "boolean",
            "Verdadero si la relatoría tiene su texto en la página de la sesión.",
            required=True,
        ),
        Column(
            "licencia",
            "string",
            "Licencia del material (identificador SPDX o all-rights-reserved).",
            required=True,
        ),
        Column("idioma", "string", "Idioma (es, en u other).", required=True),
        Column(
            "url_sesion",
            "string",
            "Página de la sesión donde se consulta el material.",
            required=True,
        ),
    ),
    rows=materials_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("id",),
    keywords=("relatorías", "videos", "materiales"),
)
