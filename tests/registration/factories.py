"""Factories for registration and privacy tests. Personal data gets distinctive values so
privacy tests can look for them in every public page, API response and export."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from datacon.editions.models import Edition, Venue
from datacon.people.models_privacy import PrivacyNotice
from datacon.people.privacy_services import privacy_notice_publish, privacy_notice_save
from datacon.program.models import Session
from datacon.registration.models import Registration, RegistrationSettings, SessionSeats
from datacon.registration.services import registration_create, session_signup
from tests import factories

_numbers = itertools.count(1)


def notice_fields(**overrides: Any) -> dict[str, Any]:
    fields = {
        "responsible_body": "Organismo responsable de prueba",
        "short_text": "Aviso simplificado de prueba: usamos su correo para registrarle.",
        "data_collected": "Nombre y correo.",
        "purposes": "Registro y boletín (no necesario).",
        "legal_basis": "Fundamento de prueba.",
        "arco_contact": "arco@organizador.example",
        "arco_procedure": "Desde su cuenta o por correo.",
    }
    fields.update(overrides)
    return fields


def published_notice(edition: Edition | None = None, **overrides: Any) -> PrivacyNotice:
    notice = privacy_notice_save(
        notice=PrivacyNotice(edition=edition, **notice_fields(**overrides)), actor=factories.SYSTEM
    )
    return privacy_notice_publish(notice=notice, actor=factories.SYSTEM)


class RegistrationSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSettings
        django_get_or_create = ("edition",)

    edition = factory.SubFactory(factories.EditionFactory)
    is_open = True
    allow_in_person = True
    allow_online = True
    streaming_url = "https://transmision.example/en-vivo"


def registration_edition(
    *, capacity: int | None = 300, venues: int = 1, **settings: Any
) -> tuple[Edition, list[Venue]]:
    """A published future edition with registration open, a notice and in-person venues."""
    today = timezone.localdate()
    year = today.year + 1 + next(_numbers)
    edition = factories.EditionFactory(
        year=year, start_date=dt.date(year, 5, 11), end_date=dt.date(year, 5, 12)
    )
    places = [
        factories.VenueFactory(edition=edition, capacity=capacity, name=f"Sede {i} de {year}")
        for i in range(1, venues + 1)
    ]
    factories.VenueFactory(
        edition=edition, name=f"En línea {year}", is_virtual=True, state="", capacity=None
    )
    RegistrationSettingsFactory(edition=edition, **settings)
    published_notice(edition)
    return edition, places


def attendee_user(**kwargs: Any) -> Any:
    number = next(_numbers)
    kwargs.setdefault("username", f"asistente{number}")
    kwargs.setdefault("email", f"persona.asistente{number}@correo-privado.example")
    kwargs.setdefault("first_name", f"Nombreprivado{number}")
    kwargs.setdefault("last_name", f"Apellidoprivado{number}")
    user = factories.UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def register(
    edition: Edition,
    *,
    user: Any = None,
    venue: Venue | None = None,
    mode: str = "in_person",
    notify: bool = True,
    **fields: Any,
) -> Registration:
    user = user or attendee_user()
    if mode == "in_person" and venue is None:
        venue = Venue.objects.filter(edition=edition, is_virtual=False).order_by("pk").first()
    fields.setdefault("sector", "civil_society")
    fields.setdefault("state", "09")
    return registration_create(
        edition=edition,
        user=user,
        mode=mode,
        venue=venue if mode == "in_person" else None,
        name=fields.pop("name", f"{user.first_name} {user.last_name}"),
        consent_given=True,
        notify=notify,
        actor=fields.pop("actor", factories.SYSTEM),
        **fields,
    )


def workshop(edition: Edition, *, capacity: int = 3, hour: int = 11, **kwargs: Any) -> Session:
    session = factories.SessionFactory(
        edition=edition,
        session_type=factories.SessionTypeFactory(edition=edition, name="Taller"),
        starts_at=factories.at(edition, 2, hour),
        ends_at=factories.at(edition, 2, hour) + dt.timedelta(minutes=90),
        **kwargs,
    )
    SessionSeats.objects.create(session=session, capacity=capacity)
    return session


def signup(registration: Registration, session: Session, **kwargs: Any) -> Any:
    return session_signup(
        registration=registration, session=session, actor=factories.SYSTEM, **kwargs
    )[0]
