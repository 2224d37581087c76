"""Factories for memorias, plus a seeded edition with known private values for privacy tests."""

from __future__ import annotations

import datetime as dt

import factory

from datacon.memoria.models import Memoria, MemoriaSection, ReportedFigure
from tests import factories as core
from tests.factories import at

PRIVATE_EMAIL_DOMAIN = "correo-privado.example"


class MemoriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memoria
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(core.EditionFactory)
    status = "published"


class MemoriaSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemoriaSection

    memoria = factory.SubFactory(MemoriaFactory)
    kind = "background"
    body = "Texto de antecedentes de prueba."


class ReportedFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedFigure

    memoria = factory.SubFactory(MemoriaFactory)
    key = "attendees"
    value = 1200
    qualifier = "more_than"
    source = "Comunicado de prueba"


def seeded_edition(*, sessions: int = 3, people_per_session: int = 2, year: int | None = None):  # type: ignore[no-untyped-def]
    """A published edition with a venue, sessions with people, materials and a memoria.

    Every person has a private e-mail, a self-declared gender and an account whose
    username and e-mail are unique markers a privacy test can search for.
    """
    kwargs = {"year": year} if year else {}
    edition = core.EditionFactory(**kwargs)
    venue = core.VenueFactory(
        edition=edition, name=f"Sede central {edition.year}", address="Calle Pública 1"
    )
    room = core.RoomFactory(venue=venue, name="Sala A")
    session_type = core.SessionTypeFactory(edition=edition, name="Panel", slug="panel")
    workshop = core.SessionTypeFactory(edition=edition, name="Taller", slug="taller")
    organiser = edition.organiser
    core.EditionOrganisationFactory(edition=edition, organisation=organiser, role="organiser")
    people = []
    for index in range(sessions):
        starts = at(edition, 1 + index % 2, 9 + index % 8)
        session = core.SessionFactory(
            edition=edition,
            code=f"S{1 + index % 2:02d}{index + 1:02d}",
            title=f"Sesión {index + 1} de {edition.year}",
            session_type=session_type if index % 2 == 0 else workshop,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=45),
            venue=venue,
            room=room,
            abstract=f"Resumen público de la sesión {index + 1}.",
        )
        for order in range(people_per_session):
            number = len(people)
            user = core.UserFactory(
                username=f"cuenta-privada-{edition.year}-{number}",
                email=f"cuenta{edition.year}n{number}@{PRIVATE_EMAIL_DOMAIN}",
            )
            person = core.PersonFactory(
                public_name=f"Persona Pública {edition.year}-{number}",
                slug=f"persona-publica-{edition.year}-{number}",
                email=f"privado{edition.year}n{number}@{PRIVATE_EMAIL_DOMAIN}",
                gender=["woman", "man", "non_binary"][number % 3],
                user=user,
            )
            people.append(person)
            core.ParticipationFactory(
                session=session,
                person=person,
                role="moderator" if order == 0 else "panelist",
                order=order,
            )
        core.MaterialFactory(
            session=session,
            kind="report",
            title="Relatoría",
            body=f"Relatoría de la sesión {index + 1}.",
        )
        core.MaterialFactory(
            session=session,
            kind="video",
            title="Video",
            body="",
            url=f"https://video.example.org/v/{index}",
        )
    MemoriaSectionFactory(
        memoria=MemoriaFactory(edition=edition), kind="background", body="Antecedentes públicos."
    )
    ReportedFigureFactory(memoria=Memoria.objects.get(edition=edition))
    return edition
