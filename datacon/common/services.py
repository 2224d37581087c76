"""The shared write path: validate, save, audit and bump public versions, atomically.

Entity services (`session_create`, `edition_publish`...) do their own rules and
then call `record_save`; the back office calls entity services or, for plain
records with no rules beyond their fields, `record_save` directly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from datacon.common.audit import audit_record, instance_snapshot, snapshot_diff
from datacon.common.text import search_normalise
from datacon.common.versions import public_version_bump

ModelT = TypeVar("ModelT", bound=models.Model)


def scopes_of(instance: models.Model) -> tuple[str, ...]:
    """The public-data scopes a record belongs to (empty for private records)."""
    method = getattr(instance, "public_scopes", None)
    return tuple(method()) if callable(method) else ()


def search_document_fill(instance: models.Model) -> None:
    fields = getattr(type(instance), "SEARCH_FIELDS", ())
    if fields:
        parts = [str(getattr(instance, name) or "") for name in fields]
        instance.search_document = search_normalise(" ".join(parts))  # type: ignore[attr-defined]


def record_save(
    *,
    instance: ModelT,
    actor: Any,
    action: str = "",
    exclude_from_validation: list[str] | None = None,
) -> ModelT:
    model = type(instance)
    with transaction.atomic():
        creating = instance._state.adding or instance.pk is None
        before: dict[str, Any] = {}
        if not creating:
            previous = model._default_manager.filter(pk=instance.pk).first()
            before = instance_snapshot(previous) if previous is not None else {}
        search_document_fill(instance)
        instance.full_clean(exclude=exclude_from_validation)
        instance.save()
        after = instance_snapshot(instance)
        audit_record(
            actor=actor,
            action=action or f"{model._meta.model_name}.{'create' if creating else 'update'}",
            instance=instance,
            changes=snapshot_diff(before, after) if not creating else {},
        )
        scopes = scopes_of(instance)
        if scopes:
            public_version_bump(*scopes)
    return instance


def record_delete(*, instance: models.Model, actor: Any, action: str = "") -> None:
    model = type(instance)
    with transaction.atomic():
        scopes = scopes_of(instance)
        audit_record(
            actor=actor,
            action=action or f"{model._meta.model_name}.delete",
            instance=instance,
            changes={"deleted": instance_snapshot(instance)},
        )
        instance.delete()
        if scopes:
            public_version_bump(*scopes)
