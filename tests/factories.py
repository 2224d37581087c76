"""factory_boy factories for the core records. Private fields get values so
privacy tests can look for them in pages and exports."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from datacon.backoffice.roles import ORGANISERS, READ_ONLY_STAFF, roles_ensure
from datacon.common.actor import Actor
from datacon.editions.models import (
    Edition,
    EditionOrganisation,
    EditionStatus,
    Room,
    SessionType,
    Venue,
)
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session

MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")

# The actor of test setup that is not about who acts (services require one).
SYSTEM = Actor.system("tests")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("clave-de-prueba-123")


def organiser_user(**kwargs):  # type: ignore[no-untyped-def]
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=ORGANISERS))
    return user


def read_only_staff_user(**kwargs):  # type: ignore[no-untyped-def]
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=READ_ONLY_STAFF))
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organización de prueba {n}")
    slug = factory.Sequence(lambda n: f"organizacion-{n}")
    kind = "civil_society"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    public_name = factory.Sequence(lambda n: f"Persona Ponente {n}")
    slug = factory.Sequence(lambda n: f"persona-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"privado.persona{n}@correo-privado.example")
    gender = "woman"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    number = factory.Sequence(lambda n: 100 + n)
    # Within the years the back-office form accepts (2000–2200) however many editions a
    # test worker has made before: the sequence grows across tests, the database does not.
    year = factory.Sequence(lambda n: 2030 + n % 160)
    slug = factory.LazyAttribute(lambda e: str(e.year))
    title = factory.LazyAttribute(lambda e: f"DATACON {e.year}")
    theme = "Datos abiertos para todas las personas"
    mode = "hybrid"
    status = EditionStatus.PUBLISHED
    start_date = factory.LazyAttribute(lambda e: dt.date(e.year, 5, 11))
    end_date = factory.LazyAttribute(lambda e: dt.date(e.year, 5, 12))
    organiser = factory.SubFactory(OrganisationFactory)
    privacy_contact_email = "privacidad@organizador.example"


class SessionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionType
        django_get_or_create = ("edition", "slug")

    edition = factory.SubFactory(EditionFactory)
    name = "Panel"
    slug = factory.LazyAttribute(lambda t: t.name.lower().replace(" ", "-"))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Sede {n}")
    state = "09"
    city = "Ciudad de México"
    capacity = 300


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Sala {n}")
    capacity = 80


class EditionOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionOrganisation

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "co_convener"


def at(edition: Edition, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime on day `day` (1-based) of the edition, in its time zone."""
    assert edition.start_date is not None
    date = edition.start_date + dt.timedelta(days=day - 1)
    return dt.datetime(
        date.year, date.month, date.day, hour, minute, tzinfo=zoneinfo.ZoneInfo(edition.timezone)
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    code = factory.Sequence(lambda n: f"T{n:04d}")
    title = factory.Sequence(lambda n: f"Sesión de prueba {n}")
    session_type = factory.LazyAttribute(lambda s: SessionTypeFactory(edition=s.edition))
    starts_at = factory.LazyAttribute(lambda s: at(s.edition, 1, 10))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=1))
    day = factory.LazyAttribute(lambda s: s.starts_at.astimezone(MEXICO).date())
    status = "confirmed"
    # A factory session is one of the last published version (the public program);
    # pass published=False for one confirmed but not published yet.
    published = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = "panelist"
    status = "confirmed"
    consent_basis = "organiser"


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    session = factory.SubFactory(SessionFactory)
    kind = "report"
    title = "Relatoría"
    body = "Se discutió **la apertura** de datos."
