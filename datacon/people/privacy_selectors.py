"""Reads for privacy: current notices, objections, and everything held about a person.

`personal_data_collect` asks every registered provider (see
`datacon.common.personal_data`) and is what the "download my data" buttons
serve, as JSON or as one CSV in long form (provider, table, row, field, value)
that any spreadsheet opens.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.utils import timezone

from datacon.common import csvout
from datacon.common.personal_data import personal_data_providers
from datacon.people.models_privacy import PrivacyNotice, UseObjection


def privacy_notice_current(*, edition: Any = None) -> PrivacyNotice | None:
    """The latest published version of the edition's notice (or the platform's, without edition)."""
    notices = PrivacyNotice.objects.filter(published_at__isnull=False)
    if edition is None:
        notices = notices.filter(edition__isnull=True)
    else:
        notices = notices.filter(edition=edition)
    return notices.select_related("edition").order_by("-version").first()


def privacy_notice_get(*, edition: Any = None, version: int | None = None) -> PrivacyNotice:
    """A published version (the current one when `version` is None), or 404."""
    if version is None:
        notice = privacy_notice_current(edition=edition)
    else:
        notices = PrivacyNotice.objects.filter(published_at__isnull=False, version=version)
        notices = (
            notices.filter(edition__isnull=True)
            if edition is None
            else notices.filter(edition=edition)
        )
        notice = notices.select_related("edition").first()
    if notice is None:
        raise Http404("Aviso de privacidad no encontrado")
    return notice


def privacy_notice_versions(*, edition: Any = None) -> list[PrivacyNotice]:
    notices = PrivacyNotice.objects.filter(published_at__isnull=False)
    notices = (
        notices.filter(edition__isnull=True) if edition is None else notices.filter(edition=edition)
    )
    return list(
        notices.order_by("-version").only("pk", "version", "published_at", "changes_summary")
    )


def use_objections_of(*, user: User) -> set[str]:
    return set(UseObjection.objects.filter(user=user).values_list("use", flat=True))


def use_allowed(*, user: User | None, use: str) -> bool:
    """False when the person objected to this non-essential use (other capabilities ask this)."""
    return not UseObjection.objects.filter(user=user, use=use).exists()


def users_objecting(*, use: str, user_ids: Iterable[int]) -> set[int]:
    """Of these accounts, those who objected to `use` (one query, for bulk mailings)."""
    return set(
        UseObjection.objects.filter(use=use, user_id__in=list(user_ids)).values_list(
            "user_id", flat=True
        )
    )


def personal_data_collect(*, user: User) -> dict[str, Any]:
    """Everything every capability holds about the account, grouped by provider."""
    return {
        "generated_at": timezone.now().isoformat(),
        "account_id": user.pk,
        "providers": {
            provider.key: {"label": str(provider.label), "tables": provider.export(user)}
            for provider in personal_data_providers()
        },
    }


def personal_data_json(*, user: User) -> bytes:
    data = personal_data_collect(user=user)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def personal_data_csv(*, user: User) -> bytes:
    """One CSV in long form: every value on its own line, with where it comes from."""
    data = personal_data_collect(user=user)
    rows = (
        [key, table, number, field, value]
        for key, provider in data["providers"].items()
        for table, table_rows in provider["tables"].items()
        for number, row in enumerate(table_rows, start=1)
        for field, value in row.items()
    )
    return csvout.csv_bytes(["proveedor", "tabla", "fila", "campo", "valor"], rows)
