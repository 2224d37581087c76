"""The audit log's rows: snapshots, diffs and the entry itself (written by common.write)."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry


def _plain(value: Any) -> Any:
    """JSON-safe form of a field value, for the audit diff."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def instance_snapshot(instance: models.Model) -> dict[str, Any]:
    """Concrete field values of an instance, keyed by attribute name."""
    return {
        field.attname: _plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
    }


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def write_audit_entry(
    *,
    actor: Actor,
    action: str,
    instance: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """One row of the audit log. Only the write path (datacon.common.write) calls it."""
    if instance is not None:
        object_type = object_type or instance._meta.label_lower
        object_id = object_id or str(instance.pk)
        summary = summary or str(instance)[:300]
    return AuditEntry.objects.create(
        actor=actor.account,
        actor_label=actor.label[:120],
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:300],
        changes=changes or {},
    )
