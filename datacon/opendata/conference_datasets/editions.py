"""Datasets of the editions themselves: editions, venues, rooms, session types and
the aggregate figures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datacon.common import versions
from datacon.editions.models import (
    Edition,
    Room,
    SessionType,
    Venue,
)
from datacon.editions.selectors import editions_public
from datacon.opendata.conference_datasets.common import (
    STATES,
    edition_filter,
    public_url,
)
from datacon.opendata.registry import Column, Dataset

# --- editions ------------------------------------------------------------------------------


def editions_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = editions_public().order_by("year")
    if edition is not None:
        queryset = queryset.filter(pk=edition.pk)
    for row in queryset.values(
        "slug", "number", "year", "title", "title_en", "theme", "theme_en", "summary",
        "summary_en", "start_date", "end_date",
        "timezone", "mode", "status", "organiser__slug", "website", "hashtag",
    ):  # fmt: skip
        yield {
            "edicion": row["slug"],
            "numero": row["number"],
            "anio": row["year"],
            "titulo": row["title"],
            "titulo_en": row["title_en"],
            "tema": row["theme"],
            "tema_en": row["theme_en"],
            "resumen": row["summary"],
            "resumen_en": row["summary_en"],
            "fecha_inicio": row["start_date"],
            "fecha_fin": row["end_date"],
            "zona_horaria": row["timezone"],
            "modalidad": row["mode"],
            "estado": row["status"],
            "organizador": row["organiser__slug"] or None,
            "sitio_web": row["website"],
            "etiqueta": row["hashtag"],
            "url": public_url("edition", edition=row["slug"]),
        }


EDITIONS = Dataset(
    order=1,
    slug="ediciones",
    title_en="DATACON editions",
    description_en=(
        "Each published edition of the National Open Data Conference: dates, format, theme and organiser."
    ),
    title="Ediciones de la DATACON",
    description="Cada edición publicada de la Conferencia Nacional de Datos Abiertos: fechas, modalidad, tema y organizador.",
    columns=(
        Column(
            "edicion",
            "string",
            "Identificador de la edición (se usa en las URL y en las demás tablas).",
            required=True,
        ),
        Column("numero", "integer", "Número de edición (1 = primera).", required=True),
        Column("anio", "year", "Año en que se celebra.", required=True),
        Column("titulo", "string", "Nombre de la edición.", required=True),
        Column("titulo_en", "string", "Nombre en inglés; vacío si no se ha escrito."),
        Column("tema", "string", "Tema o lema de la edición."),
        Column("tema_en", "string", "Tema o lema en inglés; vacío si no se ha escrito."),
        Column("resumen", "string", "Resumen en Markdown."),
        Column("resumen_en", "string", "Resumen en inglés (Markdown); vacío si no se ha escrito."),
        Column(
            "fecha_inicio",
            "date",
            "Primer día (AAAA-MM-DD); vacío si los documentos fuente no lo registran.",
        ),
        Column("fecha_fin", "date", "Último día (AAAA-MM-DD)."),
        Column(
            "zona_horaria",
            "string",
            "Zona horaria IANA de los horarios de la edición.",
            required=True,
        ),
        Column(
            "modalidad",
            "string",
            "virtual, presencial (in_person) o híbrida (hybrid).",
            required=True,
            enum=("virtual", "in_person", "hybrid"),
        ),
        Column(
            "estado",
            "string",
            "published (publicada) o archived (archivada).",
            required=True,
            enum=("published", "archived"),
        ),
        Column(
            "organizador",
            "string",
            "Identificador de la organización que organiza la edición (tabla organizaciones).",
        ),
        Column("sitio_web", "string", "Sitio web de la edición en su momento."),
        Column("etiqueta", "string", "Etiqueta en redes sociales."),
        Column("url", "string", "Página de la edición en la plataforma.", required=True),
    ),
    rows=editions_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("edicion",),
    keywords=("DATACON", "ediciones", "conferencia"),
)


# --- venues and rooms ------------------------------------------------------------------------


def venues_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = Venue.objects.filter(edition_filter(edition)).order_by(
        "edition__year", "order", "pk"
    )
    for row in queryset.values(
        "pk", "edition__slug", "name", "is_virtual", "state", "city", "address", "capacity",
        "streaming_url",
    ):  # fmt: skip
        yield {
            "id": row["pk"],
            "edicion": row["edition__slug"],
            "nombre": row["name"],
            "virtual": row["is_virtual"],
            "entidad_clave": row["state"] or None,
            "entidad": STATES.get(row["state"], "") if row["state"] else "",
            "ciudad": row["city"],
            "direccion": row["address"],
            "aforo": row["capacity"],
            "transmision_url": row["streaming_url"],
        }


VENUES = Dataset(
    order=2,
    slug="sedes",
    title_en="Venues",
    description_en=("Places (in person or online) where each edition takes place."),
    title="Sedes",
    description="Lugares (presenciales o virtuales) donde ocurre cada edición.",
    columns=(
        Column("id", "integer", "Identificador de la sede.", required=True),
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("nombre", "string", "Nombre de la sede.", required=True),
        Column(
            "virtual",
            "boolean",
            "Verdadero si la sede es virtual (transmisión en línea).",
            required=True,
        ),
        Column("entidad_clave", "string", "Clave INEGI de dos dígitos de la entidad federativa."),
        Column("entidad", "string", "Nombre de la entidad federativa."),
        Column("ciudad", "string", "Ciudad o alcaldía."),
        Column("direccion", "string", "Dirección postal."),
        Column("aforo", "integer", "Aforo de la sede, si se conoce."),
        Column("transmision_url", "string", "Dirección de la transmisión en vivo."),
    ),
    rows=venues_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("id",),
    keywords=("sedes", "entidades federativas"),
    extra={
        "foreignKeys": [
            {"fields": "edicion", "reference": {"resource": "ediciones", "fields": "edicion"}}
        ]
    },
)


def rooms_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = Room.objects.filter(edition_filter(edition, "venue__edition")).order_by(
        "venue__edition__year", "venue__order", "order", "pk"
    )
    for row in queryset.values(
        "pk",
        "venue__edition__slug",
        "venue_id",
        "name",
        "capacity",
        "is_channel",
        "platform_numbering",
    ):
        yield {
            "id": row["pk"],
            "edicion": row["venue__edition__slug"],
            "sede_id": row["venue_id"],
            "nombre": row["name"],
            "aforo": row["capacity"],
            "canal_de_transmision": row["is_channel"],
            "numeracion_de_la_plataforma": row["platform_numbering"],
        }


ROOMS = Dataset(
    order=3,
    slug="salas",
    title_en="Rooms",
    description_en=("Rooms of each venue; at an online venue, its streaming channels."),
    title="Salas",
    description="Salas de cada sede; en una sede virtual, sus canales de transmisión.",
    columns=(
        Column("id", "integer", "Identificador de la sala.", required=True),
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("sede_id", "integer", "Sede a la que pertenece (tabla sedes).", required=True),
        Column("nombre", "string", "Nombre de la sala.", required=True),
        Column("aforo", "integer", "Aforo de la sala."),
        Column(
            "canal_de_transmision",
            "boolean",
            "La sala es un canal de transmisión de una sede virtual (sesiones simultáneas "
            "en línea van en canales distintos).",
            required=True,
        ),
        Column(
            "numeracion_de_la_plataforma",
            "boolean",
            "El nombre del canal (Transmisión 1, 2…) es la numeración propia de la "
            "plataforma, no un dato de las fuentes de la edición.",
            required=True,
        ),
    ),
    rows=rooms_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("id",),
    extra={
        "foreignKeys": [{"fields": "sede_id", "reference": {"resource": "sedes", "fields": "id"}}]
    },
)


def session_types_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = SessionType.objects.filter(edition_filter(edition)).order_by(
        "edition__year", "order", "name"
    )
    for row in queryset.values(
        "edition__slug", "slug", "name", "default_duration_minutes", "description"
    ):
        yield {
            "edicion": row["edition__slug"],
            "tipo": row["slug"],
            "nombre": row["name"],
            "duracion_habitual_minutos": row["default_duration_minutes"],
            "descripcion": row["description"],
        }


SESSION_TYPES = Dataset(
    order=4,
    slug="tipos-de-sesion",
    title_en="Session types",
    description_en=(
        "Session formats of each edition (ceremony, keynote, conversation, presentation, workshop, panel…)."
    ),
    title="Tipos de sesión",
    description="Formatos de sesión de cada edición (ceremonia, conferencia, conversatorio, presentación, taller, panel…).",
    columns=(
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("tipo", "string", "Identificador del tipo dentro de la edición.", required=True),
        Column("nombre", "string", "Nombre del tipo de sesión.", required=True),
        Column(
            "duracion_habitual_minutos", "integer", "Duración habitual en minutos.", required=True
        ),
        Column("descripcion", "string", "Descripción."),
    ),
    rows=session_types_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("edicion", "tipo"),
)


def figures_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    from datacon.opendata.figures import figure_rows

    yield from figure_rows(edition)


FIGURES = Dataset(
    order=11,
    slug="cifras",
    title_en="Aggregate figures of each edition",
    description_en=(
        "Indicators of each edition in long format: those computed by the platform (sessions by type, speakers, aggregate parity…) and those reported in its memorias, with their source."
    ),
    title="Cifras agregadas de cada edición",
    description="Indicadores de cada edición en formato largo: los calculados por la plataforma (sesiones por tipo, ponentes, paridad agregada…) y los reportados en sus memorias, con su fuente.",
    columns=(
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column(
            "edicion_ficticia",
            "boolean",
            "Verdadero si la edición es ficticia (de demostración): sus cifras nunca se suman, "
            "promedian ni comparan con las de las ediciones reales.",
            required=True,
        ),
        Column(
            "indicador",
            "string",
            "Qué se cuenta (p. ej. sesiones, ponentes, paridad_ponentes).",
            required=True,
        ),
        Column(
            "desglose",
            "string",
            "Categoría dentro del indicador (p. ej. el tipo de sesión o «mujeres»); vacío para el total.",
        ),
        Column("valor", "number", "Valor de la cifra.", required=True),
        Column(
            "precision",
            "string",
            "exact, more_than (más de) o about (aproximadamente).",
            required=True,
            enum=("exact", "more_than", "about"),
        ),
        Column(
            "calculada",
            "boolean",
            "Verdadero si la calcula la plataforma a partir de sus registros; falso si es una cifra reportada en un documento.",
            required=True,
        ),
        Column("fuente", "string", "Documento o sistema del que proviene la cifra.", required=True),
        Column("fuente_url", "string", "Enlace a la fuente, si existe."),
    ),
    rows=figures_rows,
    scopes=(versions.CONFERENCE, versions.REGISTRATION),
    keywords=("cifras", "paridad", "asistencia", "indicadores"),
)
