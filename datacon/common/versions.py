"""Public-data versions: the one mechanism behind cache keys, ETags and Last-Modified.

A scope is a short string naming a body of public data. Bumping a scope is an
atomic UPDATE in the writer's transaction, so the new version becomes visible
exactly when the new data does. Readers read versions *before* data; at worst a
reader caches fresh data under an old key, which is harmless.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from datacon.common.models import PublicVersion

CONFERENCE = "conference"  # editions, venues, sessions, people, organisations
POLICY = "policy"  # processes, groups, meetings, documents, expenses, commitments
DEMAND = "demand"  # information needs, request analysis, reuse projects
REGISTRATION = "registration"  # aggregate attendance figures


def consultation_scope(consultation_id: int) -> str:
    return f"consultation:{consultation_id}"


def public_version_bump(*scopes: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        for scope in scopes:
            updated = PublicVersion.objects.filter(scope=scope).update(
                version=F("version") + 1, changed_at=now
            )
            if not updated:
                # First change of this scope: create the row at 0 (a concurrent
                # creator wins harmlessly), then count this change like any other.
                PublicVersion.objects.get_or_create(scope=scope)
                PublicVersion.objects.filter(scope=scope).update(
                    version=F("version") + 1, changed_at=now
                )


def public_versions_read(scopes: Iterable[str]) -> tuple[str, dt.datetime | None]:
    """The cache key part and the last change time of the given scopes, in one query.

    Every public page runs this before anything else, also when it is then
    served from the cache, so it is written as one plain indexed SELECT: the
    ORM would spend more time building the query than the database answering it.
    """
    wanted = tuple(sorted(set(scopes)))
    connection = connections[router.db_for_read(PublicVersion)]
    with connection.cursor() as cursor:
        cursor.execute(_versions_sql(connection.vendor, len(wanted)), wanted)
        rows = {scope: (version, _aware(changed_at)) for scope, version, changed_at in cursor}
    key = ".".join(f"{scope}={rows.get(scope, (0, None))[0]}" for scope in wanted)
    times = [changed for _version, changed in rows.values() if changed is not None]
    return key, (max(times) if times else None)


@functools.cache
def _versions_sql(vendor: str, count: int) -> str:
    table = PublicVersion._meta.db_table
    return (
        f'SELECT "scope", "version", "changed_at" FROM "{table}" '  # noqa: S608 - no user input
        f'WHERE "scope" IN ({", ".join(["%s"] * count)})'
    )


def _aware(value: dt.datetime | str | None) -> dt.datetime | None:
    # PostgreSQL returns aware datetimes; SQLite returns the stored UTC text.
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value
