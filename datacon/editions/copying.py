"""A new edition from the last one, with one generic copy of records.

`record_copy` copies every field of a record (reading the model's `_meta`,
so a field added later is copied without anyone listing it) except the
primary key, the time stamps and the fields the caller names in `exclude` or
sets in `changes`. Many-to-many relations are copied too, mapped through
`m2m` when their targets were copied as well.

`edition_new_from` copies the edition's settings and session types; each
capability that keeps per-edition configuration (the call for proposals: the
call, questions, tracks, criteria, teams, templates) registers a step with
`edition_copy_step_register` from its `ready()`, so editions never import them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, EditionStatus, SessionType

ModelT = TypeVar("ModelT", bound=models.Model)

# Never copied: a copy is a new record with its own identity and history.
NEVER_COPIED = frozenset({"id", "created_at", "updated_at"})

# What a new edition does not take from the one it copies: its identity and
# dates, its public texts (in both languages) and its publication state.
# Everything else is copied.
EDITION_PUBLIC_TEXTS = ("title", "theme", "summary")
EDITION_NOT_COPIED = frozenset(
    {
        "number",
        "year",
        "slug",
        *EDITION_PUBLIC_TEXTS,
        *(f"{name}_en" for name in EDITION_PUBLIC_TEXTS),
        "start_date",
        "end_date",
        "status",
        "website",
    }
)


def copyable_fields(
    model: type[models.Model], exclude: Iterable[str] = ()
) -> list[models.Field[Any, Any]]:
    """The concrete fields `record_copy` copies from a record of this model."""
    skipped = NEVER_COPIED | set(exclude)
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in skipped]


def record_copy(
    work: Work,
    source: ModelT,
    *,
    changes: Mapping[str, Any] | None = None,
    exclude: Iterable[str] = (),
    m2m: Mapping[str, Callable[[Sequence[models.Model]], Sequence[models.Model]]] | None = None,
) -> ModelT:
    """A saved copy of `source` with every field copied unless excluded or changed.

    `changes` sets fields of the copy by name (e.g. `edition=new_edition`).
    Many-to-many relations are copied as they are, or through the function
    `m2m[name]` that maps the source's related records to the copy's (they are
    set once the copy is saved; the copy's audit entry stands for them).
    """
    model = type(source)
    changes = dict(changes or {})
    excluded = set(exclude)
    values: dict[str, Any] = {}
    for f in copyable_fields(model, excluded):
        if f.name not in changes:
            values[f.attname] = getattr(source, f.attname)
    values.update(changes)
    copy = model(**values)
    work.save(copy)
    for relation in model._meta.many_to_many:
        if relation.name in excluded or relation.name in changes:
            continue
        related = list(getattr(source, relation.name).all())
        mapper = (m2m or {}).get(relation.name)
        getattr(copy, relation.name).set(mapper(related) if mapper else related)
    return copy


@dataclass
class EditionCopy:
    """What a copy step receives: the source, the new edition, its session types by slug,
    and how far the dates move (the difference between the editions' start dates)."""

    work: Work
    source: Edition
    edition: Edition
    shift: dt.timedelta
    session_types: dict[str, SessionType] = field(default_factory=dict)


CopyStep = Callable[[EditionCopy], None]
_steps: list[CopyStep] = []


def edition_copy_step_register(step: CopyStep) -> None:
    if step not in _steps:
        _steps.append(step)


def edition_new_from(
    *,
    source: Edition,
    number: int,
    year: int,
    title: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    actor: Actor,
) -> Edition:
    """A draft edition with the source's settings and session types, and whatever the
    capabilities copy (the call's configuration, dates moved by as many days as the
    edition). Venues, sessions, proposals and people stay behind: each edition moves to
    a different state and has its own."""
    with unit_of_work(actor) as work:
        require(actor, "editions.create")
        edition = record_copy(
            work,
            source,
            changes={
                "number": number,
                "year": year,
                "slug": str(year),
                "title": title,
                "start_date": start_date,
                "end_date": end_date,
                "status": EditionStatus.DRAFT,
            },
            exclude=EDITION_NOT_COPIED,
        )
        types = {
            session_type.slug: record_copy(work, session_type, changes={"edition": edition})
            for session_type in source.session_types.all()
        }
        shift = (
            (start_date - source.start_date)
            if start_date and source.start_date
            else dt.timedelta(days=365 * (year - source.year))
        )
        copy = EditionCopy(
            work=work, source=source, edition=edition, shift=shift, session_types=types
        )
        for step in _steps:
            step(copy)
    return edition
