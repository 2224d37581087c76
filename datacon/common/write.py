"""The one write path: a unit of work that validates, saves, audits and bumps public versions.

Every change to a record goes through here:

    with unit_of_work(actor) as work:
        require(actor, "proposals.decide", proposal)      # the rule (common.access)
        proposal.status = decision
        work.save(proposal, action=ProposalAction.DECIDE)  # full_clean, save, audit, scopes

What the unit of work owns, so that no service wires it by hand:

* the transaction: `atomic(durable=True)` when it is the outermost one (a
  service can never be half-applied inside a caller's transaction it did not
  expect); a unit of work opened inside another one joins it;
* validation: `full_clean()` before every save (a crafted request gets the same
  answer as the form);
* the audit entry: an action from an enum (`AuditAction` subclasses, one per
  app) and the field diff, with the acting `Actor`;
* the public scopes: each saved or deleted record says which public data it
  feeds (`public_scopes()` next to its model: a released decision feeds its
  edition's memoria). The unit of work collects them and bumps each scope once,
  as the last statement of the outermost transaction, so the new version
  becomes visible exactly when the new data does. `common` never knows which
  domain rule makes a record public.

Guards keep it so: tests/common/test_write_guards.py fails on a `.save()`,
`.delete()`, hand-written audit entry or version bump in a service outside this
module, and an autouse fixture fails any test in which a model with public
scopes is saved or deleted with no unit of work open.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, TypeVar

from django.db import models, transaction

from datacon.common.actor import Actor
from datacon.common.audit import instance_snapshot, snapshot_diff, write_audit_entry
from datacon.common.text import search_normalise
from datacon.common.versions import public_version_bump

ModelT = TypeVar("ModelT", bound=models.Model)


class AuditAction(StrEnum):
    """Base of every app's audit actions (`class ProposalAction(AuditAction): ...`).

    Values read "<entity>.<verb>" ("proposal.decide"). Plain creates, updates
    and deletes need no member: the unit of work writes "<model>.create" etc.
    """


class RecordVerb(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


def public_scopes_of(instance: models.Model) -> tuple[str, ...]:
    """The public-data scopes a record feeds, as its model declares (empty: private)."""
    method = getattr(instance, "public_scopes", None)
    return tuple(method()) if callable(method) else ()


def search_document_fill(instance: models.Model) -> None:
    """Models with SEARCH_FIELDS keep a normalised copy for accent-insensitive search."""
    fields = getattr(type(instance), "SEARCH_FIELDS", ())
    if fields:
        parts = [str(getattr(instance, name) or "") for name in fields]
        instance.search_document = search_normalise(" ".join(parts))  # type: ignore[attr-defined]


class Work:
    """What a service does inside `unit_of_work`: saves, deletes and audit-only records."""

    def __init__(self, actor: Actor, root: Work | None = None) -> None:
        if not isinstance(actor, Actor):
            raise TypeError(f"A unit of work needs an Actor, not {type(actor).__name__}.")
        self.actor = actor
        self.root = root or self
        self.scopes: set[str] = set()

    def save(
        self,
        instance: ModelT,
        *,
        action: AuditAction | None = None,
        fields: Iterable[str] | None = None,
        validate: bool = True,
        exclude_from_validation: Iterable[str] | None = None,
        summary: str = "",
        extra_changes: dict[str, Any] | None = None,
    ) -> ModelT:
        """Validate, save, audit (with the field diff) and collect the record's public scopes.

        `fields` saves only those fields (plus `updated_at` when the model has it)
        and validates only them.
        """
        model = type(instance)
        creating = instance._state.adding or instance.pk is None
        before: dict[str, Any] = {}
        if not creating:
            previous = model._default_manager.filter(pk=instance.pk).first()
            before = instance_snapshot(previous) if previous is not None else {}
        search_document_fill(instance)
        update_fields = list(fields) if fields is not None else None
        if update_fields is not None:
            if hasattr(instance, "updated_at") and "updated_at" not in update_fields:
                update_fields.append("updated_at")
            if hasattr(instance, "search_document") and "search_document" not in update_fields:
                update_fields.append("search_document")
        if validate:
            exclude = set(exclude_from_validation or ())
            if update_fields is not None:
                exclude |= {
                    field.name for field in model._meta.fields if field.name not in update_fields
                }
            instance.full_clean(exclude=sorted(exclude) or None)
        instance.save(update_fields=update_fields)
        verb = RecordVerb.CREATE if creating else RecordVerb.UPDATE
        changes = snapshot_diff(before, instance_snapshot(instance)) if not creating else {}
        self._audit(instance, action, verb, changes | (extra_changes or {}), summary)
        self.touch(instance)
        return instance

    def delete(self, instance: models.Model, *, action: AuditAction | None = None) -> None:
        self.touch(instance)  # before the delete: the scopes may read related rows
        self._audit(
            instance, action, RecordVerb.DELETE, {"deleted": instance_snapshot(instance)}, ""
        )
        instance.delete()

    def update(self, queryset: models.QuerySet[Any], *, action: AuditAction, **values: Any) -> int:
        """A bulk UPDATE that still audits (one entry, with the count) and bumps scopes."""
        self._touch_all(queryset)
        count = queryset.update(**values)
        self.record(
            action,
            object_type=queryset.model._meta.label_lower,
            changes={"count": count, "values": {k: str(v) for k, v in values.items()}},
        )
        return count

    def delete_many(self, queryset: models.QuerySet[Any], *, action: AuditAction) -> int:
        """A bulk DELETE (derived rows replaced by a new run...): one audit entry with the
        count, the scopes of the deleted rows bumped."""
        self._touch_all(queryset)
        count, _per_model = queryset.delete()
        self.record(action, object_type=queryset.model._meta.label_lower, changes={"count": count})
        return count

    def _touch_all(self, queryset: models.QuerySet[Any]) -> None:
        # Rows of a model that feeds no public page have no scopes: not worth loading them.
        if hasattr(queryset.model, "public_scopes"):
            for instance in queryset:
                self.touch(instance)

    def create_many(
        self,
        instances: list[ModelT],
        *,
        action: AuditAction,
        ignore_conflicts: bool = False,
        batch_size: int | None = None,
    ) -> list[ModelT]:
        """bulk_create for many rows at once: one audit entry with the count, scopes bumped."""
        if not instances:
            return []
        model = type(instances[0])
        created = model._default_manager.bulk_create(
            instances, ignore_conflicts=ignore_conflicts, batch_size=batch_size
        )
        for instance in instances:
            self.touch(instance)
        self.record(action, object_type=model._meta.label_lower, changes={"count": len(created)})
        return created

    def update_many(
        self,
        instances: list[ModelT],
        fields: list[str],
        *,
        action: AuditAction,
        batch_size: int | None = None,
    ) -> int:
        """bulk_update of the given fields: one audit entry with the count, scopes bumped."""
        if not instances:
            return 0
        model = type(instances[0])
        count = model._default_manager.bulk_update(instances, fields, batch_size=batch_size)
        for instance in instances:
            self.touch(instance)
        self.record(
            action,
            object_type=model._meta.label_lower,
            changes={"count": count, "fields": list(fields)},
        )
        return count

    def record(
        self,
        action: AuditAction,
        instance: models.Model | None = None,
        *,
        object_type: str = "",
        object_id: str = "",
        summary: str = "",
        changes: dict[str, Any] | None = None,
    ) -> None:
        """An audit entry for something that is not a save (an export, a sent link...)."""
        write_audit_entry(
            actor=self.actor,
            action=str(action),
            instance=instance,
            object_type=object_type,
            object_id=object_id,
            summary=summary,
            changes=changes,
        )

    def touch(self, instance: models.Model) -> None:
        """The record's public data changed without a save here (e.g. by a bulk update)."""
        self.root.scopes.update(public_scopes_of(instance))

    def touch_scopes(self, *scopes: str) -> None:
        """For the rare change that has no record of its own (a whole edition renumbered)."""
        self.root.scopes.update(scopes)

    def _audit(
        self,
        instance: models.Model,
        action: AuditAction | None,
        verb: RecordVerb,
        changes: dict[str, Any],
        summary: str,
    ) -> None:
        name = str(action) if action is not None else f"{instance._meta.model_name}.{verb}"
        write_audit_entry(
            actor=self.actor, action=name, instance=instance, changes=changes, summary=summary
        )


_current: contextvars.ContextVar[Work | None] = contextvars.ContextVar(
    "datacon_unit_of_work", default=None
)


def current_work() -> Work | None:
    return _current.get()


@contextmanager
def unit_of_work(actor: Actor) -> Iterator[Work]:
    """Open (or join) the unit of work of this actor's change; see the module's docstring."""
    outer = _current.get()
    if outer is not None:
        # Nested: same transaction, same scopes; this actor signs its own records.
        with transaction.atomic():
            yield Work(actor, root=outer.root)
        return
    work = Work(actor)
    token = _current.set(work)
    try:
        with transaction.atomic(durable=True):
            yield work
            if work.scopes:
                public_version_bump(*sorted(work.scopes))
    finally:
        _current.reset(token)
