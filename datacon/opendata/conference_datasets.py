"""The conference's open datasets: editions, venues, sessions, public participations,
organisations, materials' metadata and aggregate figures.

Every `rows` function reads through the public selectors' rules (published or
archived editions, public sessions, people only through a public
participation), never touches a private field (e-mail, gender, account), and
runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from datacon.common import versions
from datacon.common.choices import MexicanState
from datacon.common.urls import absolute_url
from datacon.editions.models import (
    PUBLIC_EDITION_STATUSES,
    Edition,
    EditionOrganisation,
    Room,
    SessionType,
    Venue,
)
from datacon.editions.selectors import editions_public
from datacon.opendata.registry import Column, Dataset, dataset_register
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session
from datacon.program.selectors import public_session_filter

STATES = dict(MexicanState.choices)


def _url(name: str, **kwargs: Any) -> str:
    return absolute_url(f"public:{name}", **kwargs)


def _local(value: dt.datetime | None, zone: str) -> str | None:
    if value is None:
        return None
    import zoneinfo

    return value.astimezone(zoneinfo.ZoneInfo(zone)).isoformat()


def _edition_filter(edition: Edition | None, prefix: str = "edition") -> Q:
    if edition is not None:
        return Q(**{prefix: edition})
    return Q(**{f"{prefix}__status__in": PUBLIC_EDITION_STATUSES})


# --- editions ------------------------------------------------------------------------------


def editions_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = editions_public().order_by("year")
    if edition is not None:
        queryset = queryset.filter(pk=edition.pk)
    for row in queryset.values(
        "slug", "number", "year", "title", "theme", "summary", "start_date", "end_date",
        "timezone", "mode", "status", "organiser__slug", "website", "hashtag",
    ):  # fmt: skip
        yield {
            "edicion": row["slug"],
            "numero": row["number"],
            "anio": row["year"],
            "titulo": row["title"],
            "tema": row["theme"],
            "resumen": row["summary"],
            "fecha_inicio": row["start_date"],
            "fecha_fin": row["end_date"],
            "zona_horaria": row["timezone"],
            "modalidad": row["mode"],
            "estado": row["status"],
            "organizador": row["organiser__slug"] or None,
            "sitio_web": row["website"],
            "etiqueta": row["hashtag"],
            "url": _url("edition", edition=row["slug"]),
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
        Column("tema", "string", "Tema o lema de la edición."),
        Column("resumen", "string", "Resumen en Markdown."),
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
    queryset = Venue.objects.filter(_edition_filter(edition)).order_by(
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
    queryset = Room.objects.filter(_edition_filter(edition, "venue__edition")).order_by(
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
    queryset = SessionType.objects.filter(_edition_filter(edition)).order_by(
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
        "edition__slug", "edition__timezone", "code", "title", "session_type__slug",
        "session_type__name", "day", "starts_at", "ends_at", "venue_id", "venue__name",
        "room_id", "room__name", "abstract", "language", "status",
    ):  # fmt: skip
        zone = row["edition__timezone"]
        yield {
            "edicion": row["edition__slug"],
            "codigo": row["code"],
            "titulo": row["title"],
            "tipo": row["session_type__slug"],
            "tipo_nombre": row["session_type__name"],
            "dia": row["day"],
            "inicio": _local(row["starts_at"], zone),
            "fin": _local(row["ends_at"], zone),
            "zona_horaria": zone,
            "sede_id": row["venue_id"],
            "sede": row["venue__name"] or "",
            "sala_id": row["room_id"],
            "sala": row["room__name"] or "",
            "resumen": row["abstract"],
            "idioma": row["language"],
            "estado": row["status"],
            "url": _url("session", edition=row["edition__slug"], code=row["code"]),
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


def _people(edition: Edition | None):  # type: ignore[no-untyped-def]
    participations = Participation.objects.public()
    if edition is not None:
        participations = participations.filter(session__edition=edition)
    return Person.objects.filter(Exists(participations.filter(person=OuterRef("pk"))))


def people_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    # Only the public profile: PUBLIC_FIELDS of Person, never email, gender or user.
    for row in (
        _people(edition)
        .order_by("slug")
        .values("slug", "public_name", "position", "organisation__slug", "bio", "website")
    ):
        yield {
            "persona": row["slug"],
            "nombre_publico": row["public_name"],
            "cargo": row["position"],
            "organizacion": row["organisation__slug"] or None,
            "semblanza": row["bio"],
            "sitio_web": row["website"],
            "url": _url("person", slug=row["slug"]),
        }


PEOPLE = Dataset(
    order=7,
    slug="personas",
    title_en="Participants",
    description_en=(
        "Public profile of the people who take part in a public session (public name, position, organisation, biography). No private personal data."
    ),
    title="Personas participantes",
    description="Perfil público de quienes participan en alguna sesión pública (nombre público, cargo, organización, semblanza). Sin datos personales privados.",
    columns=(
        Column("persona", "string", "Identificador público de la persona.", required=True),
        Column("nombre_publico", "string", "Nombre público.", required=True),
        Column("cargo", "string", "Cargo que la persona hizo público."),
        Column("organizacion", "string", "Organización (tabla organizaciones)."),
        Column("semblanza", "string", "Semblanza pública."),
        Column("sitio_web", "string", "Sitio web público."),
        Column("url", "string", "Página de la persona en la plataforma.", required=True),
    ),
    rows=people_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("persona",),
)


def _organisations(edition: Edition | None):  # type: ignore[no-untyped-def]
    links = EditionOrganisation.objects.filter(_edition_filter(edition))
    organised = Edition.objects.filter(
        Q(pk=edition.pk) if edition is not None else Q(status__in=PUBLIC_EDITION_STATUSES)
    )
    return Organisation.objects.filter(
        Exists(links.filter(organisation=OuterRef("pk")))
        | Exists(_people(edition).filter(organisation=OuterRef("pk")))
        | Exists(organised.filter(organiser=OuterRef("pk")))
    )


def organisations_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    for row in (
        _organisations(edition)
        .order_by("slug")
        .values("slug", "name", "acronym", "kind", "website", "description")
    ):
        yield {
            "organizacion": row["slug"],
            "nombre": row["name"],
            "siglas": row["acronym"],
            "tipo": row["kind"],
            "sitio_web": row["website"],
            "descripcion": row["description"],
            "url": _url("organisation", slug=row["slug"]),
        }


ORGANISATIONS = Dataset(
    order=8,
    slug="organizaciones",
    title_en="Organisations",
    description_en=("Organisations that organise, co-convene or take part in the edition."),
    title="Organizaciones",
    description="Organizaciones que organizan, co-convocan o participan en la edición.",
    columns=(
        Column("organizacion", "string", "Identificador de la organización.", required=True),
        Column("nombre", "string", "Nombre.", required=True),
        Column("siglas", "string", "Siglas."),
        Column(
            "tipo",
            "string",
            "public, civil_society, academia, private, international o media.",
            required=True,
        ),
        Column("sitio_web", "string", "Sitio web."),
        Column("descripcion", "string", "Descripción."),
        Column("url", "string", "Página de la organización en la plataforma.", required=True),
    ),
    rows=organisations_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("organizacion",),
)


def edition_organisations_rows(edition: Edition | None) -> Iterator[dict[str, Any]]:
    queryset = EditionOrganisation.objects.filter(_edition_filter(edition)).order_by(
        "edition__year", "role", "order", "organisation__name"
    )
    for row in queryset.values("edition__slug", "organisation__slug", "role", "order"):
        yield {
            "edicion": row["edition__slug"],
            "organizacion": row["organisation__slug"],
            "papel": row["role"],
            "orden": row["order"],
        }


EDITION_ORGANISATIONS = Dataset(
    order=9,
    slug="organizaciones-por-edicion",
    title_en="Role of organisations in each edition",
    description_en=(
        "Organiser, organising committee, co-convening organisations and allies of each edition."
    ),
    title="Papel de las organizaciones en cada edición",
    description="Organizador, comité organizador, organizaciones co-convocantes y aliados de cada edición.",
    columns=(
        Column("edicion", "string", "Edición (tabla ediciones).", required=True),
        Column("organizacion", "string", "Organización (tabla organizaciones).", required=True),
        Column(
            "papel",
            "string",
            "organiser, committee, co_convener o ally.",
            required=True,
            enum=("organiser", "committee", "co_convener", "ally"),
        ),
        Column("orden", "integer", "Orden en que se presenta.", required=True),
    ),
    rows=edition_organisations_rows,
    scopes=(versions.CONFERENCE,),
    primary_key=("edicion", "organizacion", "papel"),
    extra={
        "foreignKeys": [
            {
                "fields": "organizacion",
                "reference": {"resource": "organizaciones", "fields": "organizacion"},
            }
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
            "url_sesion": _url(
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


for _dataset in (
    EDITIONS,
    VENUES,
    ROOMS,
    SESSION_TYPES,
    SESSIONS,
    PARTICIPATIONS,
    PEOPLE,
    ORGANISATIONS,
    EDITION_ORGANISATIONS,
    MATERIALS,
    FIGURES,
):
    dataset_register(_dataset)
