"""A large, realistic and entirely fictional data set for load tests (bench/).

One edition at national scale: 1,000 sessions over 3 days in 10 venues and
60 rooms, 3,000 people from 800 organisations, their participations and
materials. Capabilities add their own parts (registrations, consultation
comments...) through pluggable steps, so this module never needs to know
their models.

Deterministic: the same seed and scale give the same data, record for record,
on SQLite or PostgreSQL (nothing depends on database ids or the clock).
`dataset_fingerprint()` proves it.

Everything here is labelled fictional ("ficticia") on every public page: it
must never be loaded next to real data in production, and the command refuses
to run with DATACON_ENV=production.

Speed: records are written with `bulk_create` in batches instead of one
service call per record (a service call validates, audits and bumps versions
for every row: minutes instead of seconds for 10,000 rows). That is acceptable
only because this is benchmark data that no person typed; the invariants the
services keep (codes, search documents, public versions) are kept here too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random  # noqa: F401 - each step's generator is random.Random("<seed>:<step>")
from collections.abc import Callable
from typing import Any

from django.db import connection

from datacon.common.actor import Actor
from datacon.common.versions import CONFERENCE
from datacon.common.write import AuditAction, unit_of_work
from datacon.demo.large_dataset.base import (
    BATCH_SIZE,
    EDITION_NUMBER,
    EDITION_SLUG,
    EDITION_YEAR,
    SLUG_PREFIX,
    STEPS,
    TIMEZONE,
    Context,
    Scale,
    Step,
)
from datacon.demo.large_dataset.conference import _conference, _memoria
from datacon.demo.large_dataset.vocabulary import MEMORIA_SECTIONS
from datacon.editions.models import Edition, EditionOrganisation, Room
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session

__all__ = [
    "BATCH_SIZE",
    "EDITION_NUMBER",
    "EDITION_SLUG",
    "EDITION_YEAR",
    "MEMORIA_SECTIONS",
    "SLUG_PREFIX",
    "STEPS",
    "TIMEZONE",
    "Context",
    "Scale",
    "Step",
    "dataset_fingerprint",
    "edition_remove",
    "generate",
]

ACTOR = Actor.system("large data set")


class LargeDatasetAction(AuditAction):
    GENERATE = "large_dataset.generate"


def edition_remove() -> bool:
    """Delete the generated edition and its people and organisations (for --replace)."""
    edition = Edition.objects.filter(slug=EDITION_SLUG).first()
    with unit_of_work(ACTOR) as work:
        if edition is not None:
            for step in STEPS:
                module = step.module()
                if module is not None and hasattr(module, "remove"):
                    module.remove(edition=edition)
            # Sessions first: their types are protected while a session uses them.
            Session.objects.filter(edition=edition).delete()  # participations, materials too
            edition.delete()  # venues, rooms, types and organisation roles cascade
        Person.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        if edition is not None:
            work.touch_scopes(CONFERENCE)
    return edition is not None


def generate(
    *,
    seed: int = 2030,
    scale: Scale | None = None,
    steps: list[Step] | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> Context:
    """Create the large edition. Fails if it exists: call `edition_remove()` first."""
    scale = scale or Scale.full()
    if Edition.objects.filter(slug=EDITION_SLUG).exists():
        raise ValueError(
            f"La edición «{EDITION_SLUG}» ya existe; use --replace para generarla de nuevo."
        )
    with unit_of_work(ACTOR) as work:
        context = _conference(seed=seed, scale=scale, say=say)
        for step in STEPS if steps is None else steps:
            module = step.module()
            if module is None:
                say(
                    f"Se omite «{step.name}» ({step.description}): la aplicación "
                    f"{step.app} aún no ofrece {step.module_name}.generate()."
                )
                continue
            count = step.count(scale)
            created = module.generate(context=context, count=count, rng=context.rng(step.name))
            context.counts[step.name] = created
            say(f"{step.name}: {created}")
        context.counts["memoria_sections"] = _memoria(context)
        work.record(
            LargeDatasetAction.GENERATE,
            context.edition,
            changes={"seed": seed, "counts": context.counts},
        )
        # The bulk writes above skip the services, so nothing has collected the
        # public scopes yet: add them now; the unit of work bumps them as the last
        # statement of this transaction, so every cached page and ETag of every
        # app server moves on with the new data.
        work.touch_scopes(CONFERENCE)
    # Tens of thousands of rows arrived at once: refresh the planner's
    # statistics now, or PostgreSQL plans the first pages for tables it still
    # believes empty (autovacuum catches up only minutes later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return context


def dataset_fingerprint() -> str:
    """A digest of the generated records by their natural keys (no ids, no timestamps).

    Two runs with the same seed and scale give the same fingerprint.
    """
    digest = hashlib.sha256()

    def plain(value: Any) -> Any:
        # The same text whatever time zone object the database driver attaches.
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).isoformat()
        return value

    def feed(rows: Any) -> None:
        for row in rows:
            digest.update(repr(tuple(plain(value) for value in row)).encode())
            digest.update(b"\n")

    edition = Edition.objects.get(slug=EDITION_SLUG)
    feed([(edition.title, edition.start_date, edition.end_date, edition.organiser.slug)])  # type: ignore[union-attr]
    feed(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("slug", "name", "acronym", "kind", "website", "description")
    )
    feed(
        Person.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("slug", "public_name", "position", "organisation__slug", "bio", "email")
    )
    feed(
        EditionOrganisation.objects.filter(edition=edition)
        .order_by("organisation__slug", "role")
        .values_list("organisation__slug", "role", "order")
    )
    feed(
        Room.objects.filter(venue__edition=edition)
        .order_by("venue__name", "name")
        .values_list("venue__name", "venue__city", "name", "capacity")
    )
    feed(
        Session.objects.filter(edition=edition)
        .order_by("code")
        .values_list(
            "code",
            "title",
            "session_type__slug",
            "starts_at",
            "ends_at",
            "room__name",
            "venue__name",
            "status",
            "language",
            "abstract",
        )
    )
    feed(
        Participation.objects.filter(session__edition=edition)
        .order_by("session__code", "order", "person__slug")
        .values_list("session__code", "person__slug", "role", "order")
    )
    feed(
        Material.objects.filter(session__edition=edition)
        .order_by("session__code", "order")
        .values_list("session__code", "kind", "title", "body", "url")
    )
    from datacon.memoria.models import Memoria, MemoriaSection

    feed(Memoria.objects.filter(edition=edition).values_list("status", "published_on", "subtitle"))
    feed(
        MemoriaSection.objects.filter(memoria__edition=edition)
        .order_by("kind")
        .values_list("kind", "title", "body")
    )
    for step in STEPS:
        module = step.module()
        if module is not None and hasattr(module, "fingerprint_rows"):
            digest.update(f"[{step.name}]\n".encode())
            feed(module.fingerprint_rows(edition=edition))
    return digest.hexdigest()
