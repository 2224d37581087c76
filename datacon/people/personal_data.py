"""The people app's personal-data providers (ARCO access, portability and erasure).

* account: the account itself, its e-mail addresses, the messages the platform
  sent to it and what the person did on the platform (the audit log).
* profile: a public person profile linked to the account (a speaker); its
  private fields are erased, the public profile stays because it documents a
  public role in a public event (the program and the memoria).
* privacy: the consents given and the objections made.

Each export runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry, OutboundEmail, OutboundEmailStatus
from datacon.common.personal_data import ExportedRows, PersonalDataProvider, personal_data_register
from datacon.common.write import unit_of_work
from datacon.people.models_privacy import PrivacyAction

# Erasure joins the unit of work of the deletion that asks for it (privacy_services).
ERASURE = Actor.system("ARCO erasure")


def plain_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with JSON types only (dates as ISO 8601 text)."""
    result = []
    for row in rows:
        result.append(
            {
                key: value.isoformat() if isinstance(value, dt.datetime | dt.date) else value
                for key, value in row.items()
            }
        )
    return result


def _addresses(user: User) -> list[str]:
    from allauth.account.models import EmailAddress

    found = {user.email.lower()} if user.email else set()
    found |= {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    return sorted(found)


def account_export(user: User) -> ExportedRows:
    from allauth.account.models import EmailAddress

    addresses = _addresses(user)
    return {
        "cuenta": plain_rows(
            [
                {
                    "id": user.pk,
                    "usuario": user.get_username(),
                    "correo": user.email,
                    "nombre": user.first_name,
                    "apellidos": user.last_name,
                    "alta": user.date_joined,
                    "ultimo_acceso": user.last_login,
                }
            ]
        ),
        "correos_de_la_cuenta": plain_rows(
            EmailAddress.objects.filter(user=user)
            .order_by("pk")
            .values("email", "verified", "primary")
        ),
        "mensajes_enviados": plain_rows(
            OutboundEmail.objects.filter(to__in=addresses)
            .order_by("created_at", "pk")
            .values("created_at", "to", "subject", "purpose", "status", "sent_at", "body_text")
        ),
        "actividad": plain_rows(
            AuditEntry.objects.filter(actor=user)
            .order_by("at", "pk")
            .values("at", "action", "object_type", "object_id", "summary")
        ),
    }


def account_erase(user: User) -> None:
    """Messages to the person lose their address and content; pending ones are not sent."""
    addresses = _addresses(user)
    if not addresses:
        return
    messages = OutboundEmail.objects.filter(to__in=addresses)
    with unit_of_work(ERASURE) as work:
        work.update(
            messages.filter(status__in=[OutboundEmailStatus.QUEUED, OutboundEmailStatus.DRAFT]),
            action=PrivacyAction.PERSONAL_DATA_ERASE,
            status=OutboundEmailStatus.DISCARDED,
        )
        # Keeps purpose, status and dates: the outbox's delivery figures stay right.
        work.update(
            messages,
            action=PrivacyAction.PERSONAL_DATA_ERASE,
            to="",
            subject="—",
            body_text="",
            body_html="",
            attachments=[],
            last_error="",
        )


def profile_export(user: User) -> ExportedRows:
    from datacon.people.models import Person

    return {
        "perfil": plain_rows(
            Person.objects.filter(user=user)
            .order_by("pk")
            .values(
                "public_name",
                "slug",
                "position",
                "organisation__name",
                "bio",
                "website",
                "photo_consent",
                "private_values",
                "email",
                "gender",
                "created_at",
                "updated_at",
            )
        )
    }


def profile_erase(user: User) -> None:
    from datacon.people.models import Person

    # Private fields go; the public profile documents a public role and stays, unlinked.
    with unit_of_work(ERASURE) as work:
        work.update(
            Person.objects.filter(user=user),
            action=PrivacyAction.PERSONAL_DATA_ERASE,
            email="",
            gender="",
            private_values={},
            user=None,
        )


def privacy_export(user: User) -> ExportedRows:
    from datacon.people.models_privacy import Consent, UseObjection

    return {
        "consentimientos": plain_rows(
            Consent.objects.filter(user=user)
            .order_by("given_at", "pk")
            .values(
                "purpose",
                "given_at",
                "notice__version",
                "notice__edition__slug",
                "notice__responsible_body",
            )
        ),
        "oposiciones": plain_rows(
            UseObjection.objects.filter(user=user).order_by("use").values("use", "created_at")
        ),
    }


def privacy_erase(user: User) -> None:
    from datacon.people.models_privacy import Consent, UseObjection

    with unit_of_work(ERASURE) as work:
        for record in [*Consent.objects.filter(user=user), *UseObjection.objects.filter(user=user)]:
            work.delete(record, action=PrivacyAction.PERSONAL_DATA_ERASE)


def register_providers() -> None:
    # Labels are lazy: the my-data page shows them in the reader's language.
    for key, label, export, erase in (
        ("account", _("Cuenta"), account_export, account_erase),
        ("profile", _("Perfil de persona"), profile_export, profile_erase),
        ("privacy", _("Consentimientos y oposiciones"), privacy_export, privacy_erase),
    ):
        personal_data_register(
            PersonalDataProvider(key=key, label=label, export=export, erase=erase)  # type: ignore[arg-type]
        )
