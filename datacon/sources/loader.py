"""Loads the sources and sourced facts of datacon/sources/data/*.yaml through the services.

Idempotent: every record is found by its key and written only when a field
differs, so a second run writes nothing, not even an audit entry. Facts about
an edition, a session or a policy milestone are loaded only when that record
exists (the demo loader creates the editions and the 2021 program first); a
missing session is left unlinked, never invented.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml
from django.db import models

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.policy.models import Milestone, Process
from datacon.policy.services import milestone_save
from datacon.program.models import Session
from datacon.sources.models import Source, SourcedFact
from datacon.sources.services import source_save, sourced_fact_save

DATA_DIR = Path(__file__).resolve().parent / "data"
ACTOR = Actor.system("sources")


@functools.cache
def data_file(name: str) -> dict[str, Any]:
    """One of the data files, parsed once per process."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))


def seed_keys_by_year() -> dict[int, list[str]]:
    """The seed documents each real edition's records come from (sources.yaml)."""
    result: dict[int, list[str]] = {}
    for item in data_file("sources.yaml")["sources"]:
        for year in item.get("editions") or []:
            result.setdefault(int(year), []).append(item["key"])
    return result


def _ensure(
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    save: Any,
    created: dict[str, int],
) -> Any:
    instance = model._default_manager.filter(**lookup).first()
    label = model._meta.model_name or "record"
    if instance is None:
        instance = model(**lookup, **values)
    elif all(getattr(instance, key) == value for key, value in values.items()):
        return instance
    else:
        for key, value in values.items():
            setattr(instance, key, value)
    save(instance)
    created[label] = created.get(label, 0) + 1
    return instance


def sources_load() -> dict[str, int]:
    """Load (or bring up to date) every source and fact; answers what it wrote, by model."""
    written: dict[str, int] = {}
    with unit_of_work(ACTOR):
        sources = {
            item["key"]: _ensure(
                Source,
                {"key": item["key"]},
                {
                    "kind": item["kind"],
                    "title": item["title"],
                    "publisher": item.get("publisher", ""),
                    "url": item.get("url", ""),
                    "published": str(item.get("published") or ""),
                },
                lambda obj: source_save(source=obj, actor=ACTOR),
                written,
            )
            for item in data_file("sources.yaml")["sources"]
        }
        facts = data_file("facts.yaml")
        editions = {e.year: e for e in Edition.objects.filter(is_demo=False)}
        processes = {p.slug: p for p in Process.objects.all()}
        milestones = _milestones(facts.get("milestones") or [], processes, written)
        for order, item in enumerate(facts["facts"], start=1):
            edition = editions.get(item["edition"]) if item.get("edition") else None
            process = processes.get(item["process"]) if item.get("process") else None
            if item.get("edition") and edition is None:
                continue
            if item.get("process") and process is None:
                continue
            session = (
                Session.objects.filter(edition=edition, code=item["session"]).first()
                if edition is not None and item.get("session")
                else None
            )
            _ensure(
                SourcedFact,
                {"key": item["key"]},
                {
                    "edition": edition,
                    "process": process,
                    "session": session,
                    "milestone": milestones.get(item.get("milestone", "")),
                    "category": item["category"],
                    "on_date": str(item.get("on_date") or ""),
                    "text": item["text"],
                    "text_en": item.get("text_en", ""),
                    "source": sources[item["source"]] if item.get("source") else None,
                    "quote": item.get("source_quote", ""),
                    "uncertain": bool(item.get("uncertain_why")),
                    "uncertain_why": item.get("uncertain_why", ""),
                    "order": order,
                },
                lambda obj: sourced_fact_save(fact=obj, actor=ACTOR),
                written,
            )
    return written


def _milestones(
    items: list[dict[str, Any]], processes: dict[str, Process], written: dict[str, int]
) -> dict[str, Milestone]:
    """The policy milestones the facts are about: an existing one on that date, or a new one."""
    process = processes.get("abramos-mexico")
    if process is None:
        return {}
    found: dict[str, Milestone] = {}
    for item in items:
        day = dt.date.fromisoformat(str(item["date"]))
        existing = Milestone.objects.filter(process=process, date=day).order_by("id").first()
        if existing is None:
            existing = Milestone(
                process=process, date=day, title=item["title"], description=item["description"]
            )
            milestone_save(milestone=existing, actor=ACTOR)
            written["milestone"] = written.get("milestone", 0) + 1
        found[item["key"]] = existing
    return found
