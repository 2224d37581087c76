"""Loads the real DATACON editions (facts.py) through the ordinary services.

Idempotent: every record is found by its natural key (organisation slug,
edition year, venue name, session code) and written only when a field differs,
so a second run writes nothing, not even an audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models

from datacon.backoffice.roles import ORGANISERS, roles_ensure
from datacon.common.actor import Actor
from datacon.common.write import AuditAction, current_work, unit_of_work
from datacon.demo import facts, fictional
from datacon.editions.models import Edition, EditionOrganisation, Room, SessionType, Venue
from datacon.editions.services import room_save, session_types_seed
from datacon.people.models import Organisation
from datacon.program.models import Session
from datacon.program.publication import schedule_publish
from datacon.program.services import session_save

DEMO_ORGANISER_EMAIL = "organizadora@datacon.demo"
DEMO_ORGANISER_PASSWORD = "datacon-demo-2021"  # noqa: S105 - demo only, refused in production


class DemoAction(AuditAction):
    LOAD = "demo.load"


DEMO_ACTOR = Actor.system("demo")


def _demo_save(instance: models.Model) -> None:
    """A record with no service of its own, saved in the loader's unit of work."""
    work = current_work()
    assert work is not None, "the demo loader saves inside its unit of work"
    work.save(instance, action=DemoAction.LOAD)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], label: str) -> None:
        bucket[label] = bucket.get(label, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _upsert(
    report: LoadReport,
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    save: Any = None,
) -> Any:
    """Create or update one record through a service, only if something differs."""
    instance = model._default_manager.filter(**lookup).first()
    label = model._meta.model_name or "record"
    if instance is None:
        instance = model(**lookup, **values)
        bucket = report.created
    else:
        if all(getattr(instance, key) == value for key, value in values.items()):
            return instance
        for key, value in values.items():
            setattr(instance, key, value)
        bucket = report.updated
    (save or _demo_save)(instance)
    report.count(bucket, label)
    return instance


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def demo_load(*, with_demo_users: bool = True) -> LoadReport:
    report = LoadReport()
    with unit_of_work(DEMO_ACTOR):
        organisations = {
            org["slug"]: _upsert(
                report,
                Organisation,
                {"slug": org["slug"]},
                {k: v for k, v in org.items() if k != "slug"},
            )
            for org in [*facts.ORGANISATIONS, fictional.DEMO_ORGANISATION]
        }
        for data in [*facts.EDITIONS, fictional.DEMO_EDITION]:
            edition = _upsert(
                report,
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
            session_types_seed(edition=edition, actor=DEMO_ACTOR)
            if SessionType.objects.filter(edition=edition).count() != before:
                report.count(report.created, "sessiontype")
            for order, venue in enumerate(data["venues"], start=1):
                _upsert(
                    report,
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
                _upsert(
                    report,
                    EditionOrganisation,
                    {"edition": edition, "organisation": organisations[slug], "role": role},
                    {"order": order},
                )
            _load_sessions(report, edition)
        if with_demo_users:
            _demo_organiser(report)
        _capability_demos(report)
    return report


def _capability_demos(report: LoadReport) -> None:
    """Each capability may have `datacon/demo/<app>.py` with `demo_load() -> dict[str, int]`
    (what it created). It must be idempotent like this loader and use only facts
    from the seed documents, or the clearly fictional demonstration edition."""
    import importlib
    import importlib.util

    from django.apps import apps

    for app in apps.get_app_configs():
        module_name = f"datacon.demo.{app.name.rpartition('.')[2]}"
        if not app.name.startswith("datacon.") or app.name == "datacon.demo":
            continue
        if importlib.util.find_spec(module_name) is None:
            continue
        created = importlib.import_module(module_name).demo_load()
        for label, count in (created or {}).items():
            if count:
                report.created[label] = report.created.get(label, 0) + count


def _load_sessions(report: LoadReport, edition: Edition) -> None:
    rows = facts.SESSIONS.get(edition.year, [])
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
    channels = _channels(report, venue, starts, ends)
    for index, (code, day_number, _start, type_slug, title) in enumerate(rows):
        day = edition.start_date + dt.timedelta(days=day_number - 1)
        starts_at = starts[index]
        ends_at = ends[index]
        _upsert(
            report,
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
                "abstract": facts.ABSTRACTS_2024.get(code, "") if edition.year == 2024 else "",
                "status": "confirmed",
            },
            save=lambda obj: session_save(session=obj, actor=DEMO_ACTOR),
        )
    if Session.objects.filter(edition=edition, published=False).exists():
        # The public program is a published version, also for a program of the record.
        schedule_publish(
            edition=edition,
            actor=DEMO_ACTOR,
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
    report: LoadReport,
    venue: Venue | None,
    starts: list[dt.datetime | None],
    ends: list[dt.datetime | None],
) -> list[Room | None]:
    """Channel rooms of a virtual venue, so no two sessions share a room at once."""
    if venue is None or not venue.is_virtual:
        return [None] * len(starts)
    numbers = channel_numbers(starts, ends)
    rooms = {
        number: _upsert(
            report,
            Room,
            {"venue": venue, "name": CHANNEL_NAME.format(number=number)},
            {"is_channel": True, "platform_numbering": True, "order": number},
            save=lambda obj: room_save(room=obj, actor=DEMO_ACTOR),
        )
        for number in sorted({n for n in numbers if n is not None})
    }
    return [rooms[number] if number is not None else None for number in numbers]


def _estimated_end(starts_at: dt.datetime, all_starts: list[dt.datetime | None]) -> dt.datetime:
    cap = starts_at + dt.timedelta(minutes=facts.ESTIMATED_END_RULE_MINUTES)
    later = [s for s in all_starts if s and s.date() == starts_at.date() and s > starts_at]
    return min([*later, cap])


def _demo_organiser(report: LoadReport) -> None:
    User = get_user_model()
    roles_ensure()
    user = User.objects.filter(email=DEMO_ORGANISER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="organizadora",
            email=DEMO_ORGANISER_EMAIL,
            password=DEMO_ORGANISER_PASSWORD,
            first_name="Organizadora",
            last_name="Demo",
            is_staff=True,
        )
        report.count(report.created, "user")
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=DEMO_ORGANISER_EMAIL, verified=True, primary=True
        )
    user.groups.add(Group.objects.get(name=ORGANISERS))
