"""Datasets of who takes part: people (only through a public participation),
organisations and the organisations' roles in each edition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, OuterRef, Q

from datacon.common import versions
from datacon.editions.models import (
    PUBLIC_EDITION_STATUSES,
    Edition,
    EditionOrganisation,
)
from datacon.opendata.conference_datasets.common import (
    edition_filter,
    public_url,
)
from datacon.opendata.registry import Column, Dataset
from datacon.people.models import Organisation, Person
from datacon.program.models import Participation

# --- people and organisations ----------------------------------------------------------------


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
            "url": public_url("person", slug=row["slug"]),
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
    links = EditionOrganisation.objects.filter(edition_filter(edition))
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
            "url": public_url("organisation", slug=row["slug"]),
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
    queryset = EditionOrganisation.objects.filter(edition_filter(edition)).order_by(
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
