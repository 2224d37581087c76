"""The public record of the real DATACON editions (2021–2024): their organisations,
venues, roles and programs (datacon/sources/data/editions.yaml, read by
editions_record.py) and the sourced facts (sources/loader.py), loaded through the
ordinary services. Production loads it with `manage.py load_record`; the demo
loads it first and adds the fictional edition (datacon/demo/loader.py).

Idempotent: every record is found by its natural key (organisation slug,
edition year, venue name, session code) and written only when a field differs,
so a second run writes nothing, not even an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from datacon.common.actor import Actor
from datacon.common.write import AuditAction, current_work, unit_of_work
from datacon.editions.models import Edition, EditionOrganisation, Room, SessionType, Venue
from datacon.editions.services import room_save, session_types_seed
from datacon.people.models import Organisation
from datacon.program.models import Session
from datacon.program.publication import schedule_publish
from datacon.program.services import session_save
from datacon.sources import editions_record
from datacon.sources.loader import sources_load


class RecordAction(AuditAction):
    LOAD = "record.load"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


@dataclass
class RecordLoader:
    """Who loads (the audit's actor) and what was created or updated."""

    actor: Actor
    report: LoadReport = field(default_factory=lambda: LoadReport())
    action: AuditAction = RecordAction.LOAD

    def save(self, instance: models.Model) -> None:
        """A record with no service of its own, saved in the loader's unit of work."""
        work = current_work()
        assert work is not None, "the record loader saves inside its unit of work"
        work.save(instance, action=self.action)

    def upsert(
        self,
        model: type[models.Model],
        lookup: dict[str, Any],
        values: dict[str, Any],
        save: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Create or update one record through a service, only if something differs."""
        instance = model._default_manager.filter(**lookup).first()
        label = model._meta.model_name or "record"
        if instance is None:
            instance = model(**lookup, **values)
            bucket = self.report.created
        else:
            if all(getattr(instance, key) == value for key, value in values.items()):
                return instance
            for key, value in values.items():
                setattr(instance, key, value)
            bucket = self.report.updated
        (save or self.save)(instance)
        self.report.count(bucket, label)
        return instance


def organisations_load(loader: RecordLoader, rows: list[dict[str, str]]) -> dict[str, Organisation]:
    return {
        org["slug"]: loader.upsert(
            Organisation, {"slug": org["slug"]}, {k: v for k, v in org.items() if k != "slug"}
        )
        for org in rows
    }


def record_load(*, actor: Actor) -> LoadReport:
    """The real editions, their programs and the sourced facts, in one unit of work."""
    loader = RecordLoader(actor=actor)
    with unit_of_work(actor):
        organisations = organisations_load(loader, editions_record.ORGANISATIONS)
        for data in editions_record.EDITIONS:
            edition_load(loader, data, organisations)
        for label, count in sources_load().items():
            if count:
                loader.report.created[label] = loader.report.created.get(label, 0) + count
    return loader.report


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def edition_load(
    loader: RecordLoader, data: dict[str, Any], organisations: dict[str, Organisation]
) -> Edition:
    """One edition as its data says: the edition, its session types, venues, the
    organisations and their roles, and its program (published as a version)."""
    report = loader.report
    edition: Edition = loader.upsert(
        Edition,
        {"year": data["year"]},
        {
            "number": data["number"],
            "slug": data["slug"],
            "title": data["title"],
            "theme": data["theme"],
            "summary": data["summary"],
            "mode": data["mode"],
            "status": data["status"],
            "start_date": _date(data["start_date"]),
            "end_date": _date(data["end_date"]),
            "organiser": organisations[data["organiser"]],
            "website": data.get("website", ""),
            "hashtag": data.get("hashtag", ""),
            "is_demo": data.get("is_demo", False),
        },
    )
    before = SessionType.objects.filter(edition=edition).count()
    session_types_seed(edition=edition, actor=loader.actor)
    if SessionType.objects.filter(edition=edition).count() != before:
        report.count(report.created, "sessiontype")
    for order, venue in enumerate(data["venues"], start=1):
        loader.upsert(
            Venue,
            {"edition": edition, "name": venue["name"]},
            {
                "is_virtual": venue.get("is_virtual", False),
                "state": venue.get("state", ""),
                "city": venue.get("city", ""),
                "address": venue.get("address", ""),
                "capacity": venue.get("capacity"),
                "order": order,
            },
        )
    for order, (slug, role) in enumerate(data["roles"], start=1):
        loader.upsert(
            EditionOrganisation,
            {"edition": edition, "organisation": organisations[slug], "role": role},
            {"order": order},
        )
    _load_sessions(loader, edition)
    return edition


def _load_sessions(loader: RecordLoader, edition: Edition) -> None:
    rows = editions_record.SESSIONS.get(edition.year, [])
    if not rows:
        return
    types = {t.slug: t for t in SessionType.objects.filter(edition=edition)}
    venue = Venue.objects.filter(edition=edition).order_by("order").first()
    tz = edition.tz
    assert edition.start_date is not None
    starts = []
    for _code, day_number, start, _type, _title in rows:
        day = edition.start_date + dt.timedelta(days=day_number - 1)
        starts.append(
            dt.datetime.combine(day, dt.time.fromisoformat(start), tzinfo=tz) if start else None
        )
    ends = [_estimated_end(start, starts) if start else None for start in starts]
    channels = _channels(loader, venue, starts, ends)
    for index, (code, day_number, _start, type_slug, title) in enumerate(rows):
        day = edition.start_date + dt.timedelta(days=day_number - 1)
        starts_at = starts[index]
        ends_at = ends[index]
        loader.upsert(
            Session,
            {"edition": edition, "code": code},
            {
                "title": title,
                "session_type": types[type_slug],
                "day": day,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "order_in_day": int(code[3:]),
                "venue": venue,
                "room": channels[index],
                "abstract": editions_record.ABSTRACTS_2024.get(code, "")
                if edition.year == 2024
                else "",
                "status": "confirmed",
            },
            save=lambda obj: session_save(session=obj, actor=loader.actor),
        )
    if Session.objects.filter(edition=edition, published=False).exists():
        # The public program is a published version, also for a program of the record.
        schedule_publish(
            edition=edition,
            actor=loader.actor,
            renumber=False,
            note="Programa según las fuentes públicas de la edición.",
        )


CHANNEL_NAME = "Transmisión {number}"


def channel_numbers(
    starts: list[dt.datetime | None], ends: list[dt.datetime | None]
) -> list[int | None]:
    """The channel (1, 2, 3...) of each session of an online edition, in code order:
    the first channel free for its whole time. The sources give only the times;
    the numbers are the platform's own numbering of parallel streams."""
    taken: list[list[tuple[dt.datetime, dt.datetime]]] = []
    numbers: list[int | None] = []
    for start, end in zip(starts, ends, strict=True):
        if start is None or end is None:
            numbers.append(None)
            continue
        for number, intervals in enumerate(taken, start=1):
            if all(
                end <= other_start or other_end <= start for other_start, other_end in intervals
            ):
                intervals.append((start, end))
                numbers.append(number)
                break
        else:
            taken.append([(start, end)])
            numbers.append(len(taken))
    return numbers


def _channels(
    loader: RecordLoader,
    venue: Venue | None,
    starts: list[dt.datetime | None],
    ends: list[dt.datetime | None],
) -> list[Room | None]:
    """Channel rooms of a virtual venue, so no two sessions share a room at once."""
    if venue is None or not venue.is_virtual:
        return [None] * len(starts)
    numbers = channel_numbers(starts, ends)
    rooms = {
        number: loader.upsert(
            Room,
            {"venue": venue, "name": CHANNEL_NAME.format(number=number)},
            {"is_channel": True, "platform_numbering": True, "order": number},
            save=lambda obj: room_save(room=obj, actor=loader.actor),
        )
        for number in sorted({n for n in numbers if n is not None})
    }
    return [rooms[number] if number is not None else None for number in numbers]


def _estimated_end(starts_at: dt.datetime, all_starts: list[dt.datetime | None]) -> dt.datetime:
    cap = starts_at + dt.timedelta(minutes=editions_record.ESTIMATED_END_RULE_MINUTES)
    later = [s for s in all_starts if s and s.date() == starts_at.date() and s > starts_at]
    return min([*later, cap])
