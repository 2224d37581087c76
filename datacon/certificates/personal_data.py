"""The constancias' personal-data provider (ARCO access, portability and erasure).

Export: every constancia of the account (folio, role, name on it, status).
Erase: issued constancias keep their folio, kind, role and status, so they stay
verifiable ("emitida a una persona que eliminó su cuenta"), without the name;
prepared ones are deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from datacon.certificates.models import Certificate
from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows, PersonalDataProvider, personal_data_register
from datacon.people.personal_data import plain_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def certificates_export(user: User) -> ExportedRows:
    return {
        "constancias": plain_rows(
            Certificate.objects.filter(user=user)
            .order_by("pk")
            .values(
                "edition__slug",
                "folio",
                "kind",
                "role",
                "name",
                "email",
                "hours",
                "status",
                "issued_at",
                "revoked_at",
                "revoked_reason",
            )
        )
    }


def certificates_erase(user: User) -> None:
    from datacon.certificates.services import certificates_erase_holder

    certificates_erase_holder(
        user=user, actor=Actor.system("erasure of an account's personal data")
    )


def register_providers() -> None:
    personal_data_register(
        PersonalDataProvider(
            key="certificates",
            label=str(_("Constancias")),
            export=certificates_export,
            erase=certificates_erase,
        )
    )
