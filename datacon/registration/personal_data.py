"""The registration's personal-data provider (ARCO access, portability and erasure).

Export: every registration of the account with its sign-ups and attendance.
Erase: each registration is anonymised (see `services.registration_anonymise`),
so the edition's figures (registered, attended, by venue, sector and state)
stay exactly as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows, PersonalDataProvider, personal_data_register
from datacon.people.personal_data import plain_rows
from datacon.registration.models import Registration, SessionSignup

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def registrations_export(user: User) -> ExportedRows:
    return {
        "registros": plain_rows(
            Registration.objects.filter(user=user)
            .order_by("created_at", "pk")
            .values(
                "edition__slug",
                "ticket_code",
                "status",
                "mode",
                "venue__name",
                "email",
                "name",
                "organisation",
                "sector",
                "state",
                "accessibility_needs",
                "listed",
                "language",
                "created_at",
                "confirmed_at",
                "cancelled_at",
                "checked_in_at",
                "joined_online_at",
                "reminded_at",
                "consent__notice__version",
                "consent__given_at",
            )
        ),
        "inscripciones_a_sesiones": plain_rows(
            SessionSignup.objects.filter(registration__user=user)
            .order_by("created_at", "pk")
            .values(
                "registration__edition__slug",
                "session__code",
                "session__title",
                "status",
                "walk_in",
                "created_at",
                "confirmed_at",
                "cancelled_at",
                "checked_in_at",
            )
        ),
    }


def registrations_erase(user: User) -> None:
    from datacon.registration.services import registration_anonymise

    # The platform erases on the person's request (or an administrator's): the provider
    # interface gives the account, not who asked, so the system signs the anonymisation.
    actor = Actor.system("erasure of an account's personal data")
    for registration in Registration.objects.filter(user=user).order_by("pk"):
        registration_anonymise(registration=registration, actor=actor)


def register_providers() -> None:
    personal_data_register(
        PersonalDataProvider(
            key="registration",
            label=_("Registros a ediciones"),  # type: ignore[arg-type]  # lazy, translated when shown
            export=registrations_export,
            erase=registrations_erase,
        )
    )
