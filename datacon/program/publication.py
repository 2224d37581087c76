"""Publishing the program: numbered versions, their snapshots and the changelog.

The public program is exactly the last published version: publishing applies the
builder's placements to the sessions, marks the sessions of the new version as
`published` (the flag `public_session_filter` reads), stores the version's
snapshot and records what changed since the previous one (`ScheduleChange`),
which the public changelog shows. Between publications nothing else moves a
published session (see `schedule_changes_defer` in program/services.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.program.models import (
    GENERATED_CODE_PATTERN,
    PUBLIC_SESSION_STATUSES,
    Participation,
    ParticipationStatus,
    ProgramAction,
    ScheduleChange,
    ScheduleChangeKind,
    ScheduleVersion,
    Session,
    SessionPlacement,
    SessionStatus,
)
from datacon.program.schedule import builder_state, people_by_session, placements_sync
from datacon.program.selectors import parity_figures
from datacon.program.services import room_clashes, session_codes_renumber, session_save


def schedule_snapshot(*, edition: Edition, published: bool = True) -> dict[str, dict[str, Any]]:
    """The public program as plain data: what a version freezes and the changelog compares.

    `published=False` also takes the sessions that would be public once published
    (confirmed or cancelled, with a code): what the next publication will freeze.
    """
    sessions_qs = Session.objects.filter(
        edition=edition, status__in=PUBLIC_SESSION_STATUSES
    ).exclude(code="")
    if published:
        sessions_qs = sessions_qs.filter(published=True)
    sessions = list(
        sessions_qs.select_related("session_type", "venue", "room").order_by(
            "day", "starts_at", "order_in_day", "code"
        )
    )
    tz = edition.tz
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    # The people each person confirmed; the sessions were filtered above, so this is
    # `Participation.objects.public()` for them, also before their first publication.
    for session_id, person_id, name in (
        Participation.objects.filter(status=ParticipationStatus.CONFIRMED)
        .filter(session__in=sessions)
        .order_by("order", "id")
        .values_list("session_id", "person_id", "person__public_name")
    ):
        people[session_id].append((person_id, name))
    return {
        str(s.pk): {
            "code": s.code,
            "title": s.title,
            "type": s.session_type.name,
            "status": s.status,
            "day": s.day.isoformat() if s.day else None,
            "starts_at": s.starts_at.astimezone(tz).isoformat() if s.starts_at else None,
            "ends_at": s.ends_at.astimezone(tz).isoformat() if s.ends_at else None,
            "venue": s.venue.name if s.venue else "",
            "room": s.room.name if s.room else "",
            "people": [name for _pid, name in people.get(s.pk, [])],
            "person_ids": [pid for pid, _name in people.get(s.pk, [])],
        }
        for s in sessions
    }


@dataclass(frozen=True)
class ChangeRow:
    session_id: int
    code: str
    title: str
    kind: str
    before: dict[str, Any]
    after: dict[str, Any]


def schedule_diff(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> list[ChangeRow]:
    """What changed between two snapshots, one row per kind of change per session."""
    rows: list[ChangeRow] = []

    def pick(data: dict[str, Any], *names: str) -> dict[str, Any]:
        return {name: data.get(name) for name in names}

    for key in sorted(set(before) | set(after), key=lambda k: (after.get(k) or before[k])["code"]):
        old, new = before.get(key), after.get(key)
        current = new or old
        assert current is not None
        base = {"session_id": int(key), "code": current["code"], "title": current["title"]}
        if old is None:
            assert new is not None
            if new["status"] == "confirmed":
                rows.append(
                    ChangeRow(
                        **base,
                        kind=ScheduleChangeKind.ADDED,
                        before={},
                        after=pick(new, "day", "starts_at", "ends_at", "venue", "room"),
                    )
                )
            continue
        if new is None or (old["status"] == "confirmed" and new["status"] == "cancelled"):
            rows.append(
                ChangeRow(
                    **base,
                    kind=ScheduleChangeKind.CANCELLED,
                    before=pick(old, "day", "starts_at", "ends_at", "venue", "room"),
                    after={},
                )
            )
            continue
        if old["status"] == "cancelled" and new["status"] == "confirmed":
            rows.append(
                ChangeRow(
                    **base,
                    kind=ScheduleChangeKind.RESTORED,
                    before={},
                    after=pick(new, "day", "starts_at", "ends_at", "venue", "room"),
                )
            )
        for kind, names in (
            (ScheduleChangeKind.MOVED, ("day", "starts_at", "ends_at")),
            (ScheduleChangeKind.RELOCATED, ("venue", "room")),
            (ScheduleChangeKind.RETITLED, ("title",)),
            (ScheduleChangeKind.RECODED, ("code",)),
            (ScheduleChangeKind.PEOPLE, ("people",)),
        ):
            if any(old.get(name) != new.get(name) for name in names):
                rows.append(
                    ChangeRow(**base, kind=kind, before=pick(old, *names), after=pick(new, *names))
                )
    return rows


def _apply_placement(placement: SessionPlacement, edition: Edition, actor: Actor) -> None:
    session = placement.session
    if placement.is_placed:
        assert placement.starts_at is not None
        new_day = placement.starts_at.astimezone(edition.tz).date()
        match = GENERATED_CODE_PATTERN.match(session.code or "")
        if match and session.day is not None and new_day != session.day:
            # A generated code names its day; a session moved to another day gets a new one.
            session.code = ""
        session.starts_at, session.ends_at = placement.starts_at, placement.ends_at
        session.day = new_day
        session.venue_id, session.room_id = placement.venue_id, placement.room_id
        session.expected_audience = placement.expected_audience
        if session.status in (SessionStatus.DRAFT, SessionStatus.CANCELLED):
            session.status = SessionStatus.CONFIRMED
        # Rooms are checked for the whole edition once every placement is applied.
        session_save(session=session, actor=actor, room_check=False, publishing=True)
    elif session.status == SessionStatus.CONFIRMED and session.code:
        # Taken off the grid after it was public: the public sees it cancelled.
        session.status = SessionStatus.CANCELLED
        session_save(session=session, actor=actor, publishing=True)


def _publication_applies(placement: SessionPlacement) -> bool:
    """Whether publishing now applies this placement to its session: a change made in
    the builder, a placed draft, or a placed session never published yet (confirmed
    by an import or in the admin, it is public only from the next version on)."""
    session = placement.session
    if placement.pending:
        return True
    if not placement.is_placed:
        return False
    return session.status == SessionStatus.DRAFT or (
        not session.published and session.status == SessionStatus.CONFIRMED
    )


def schedule_publish(
    *, edition: Edition, actor: Actor, note: str = "", renumber: bool | None = None
) -> ScheduleVersion:
    """Publish the builder's state as the next numbered version of the program.

    Codes: the first publication numbers every generated code from the
    placement (S + day + order in the day). Later publications keep published
    codes stable, so shared links keep working, unless `renumber` is asked for;
    new sessions get the next free number of their day.
    """
    with unit_of_work(actor) as work:
        require(actor, "program.schedule", edition)
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        placements_sync(edition=edition)
        previous = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
        placements = list(
            SessionPlacement.objects.select_for_update(of=("self",))
            .filter(session__edition=edition)
            .select_related("session")
        )
        for placement in placements:
            if _publication_applies(placement):
                _apply_placement(placement, edition, actor)
        clashes = room_clashes(edition=edition)
        if clashes:
            # Nothing is published: the unit of work rolls the placements back.
            raise ValidationError({"room": clashes})
        work.update(
            SessionPlacement.objects.filter(session__edition=edition, pending=True),
            action=ProgramAction.SCHEDULE_PUBLISH,
            pending=False,
        )
        if renumber if renumber is not None else previous is None:
            session_codes_renumber(edition=edition, actor=actor)
        # The new version is the public program from now on, and nothing else is.
        edition_sessions = Session.objects.filter(edition=edition)
        public_now = edition_sessions.filter(status__in=PUBLIC_SESSION_STATUSES).exclude(code="")
        work.update(
            public_now.filter(published=False),
            action=ProgramAction.SCHEDULE_PUBLISH,
            published=True,
        )
        work.update(
            edition_sessions.filter(published=True).exclude(pk__in=public_now.values("pk")),
            action=ProgramAction.SCHEDULE_PUBLISH,
            published=False,
        )
        snapshot = schedule_snapshot(edition=edition)
        rows = schedule_diff(previous.snapshot if previous else {}, snapshot)
        parity = parity_figures(edition=edition)
        version = work.save(
            ScheduleVersion(
                edition=edition,
                number=(previous.number + 1) if previous else 1,
                published_at=timezone.now(),
                published_by=work.actor.account,
                note=note,
                snapshot=snapshot,
                parity={
                    "speakers": asdict(parity.speakers),
                    "moderators": asdict(parity.moderators),
                    "by_session_type": [asdict(row) for row in parity.by_session_type],
                },
            ),
            action=ProgramAction.SCHEDULE_PUBLISH,
        )
        existing = set(Session.objects.filter(edition=edition).values_list("pk", flat=True))
        work.create_many(
            [
                ScheduleChange(
                    version=version,
                    session_id=row.session_id if row.session_id in existing else None,
                    code=row.code,
                    title=row.title[:300],
                    kind=row.kind,
                    before=row.before,
                    after=row.after,
                )
                for row in rows
            ],
            action=ProgramAction.SCHEDULE_PUBLISH,
        )
        # The program's public pages read the conference scope (ScheduleVersion declares it).
    return version


def unpublished_changes(*, edition: Edition) -> list[ChangeRow]:
    """What publishing now would change, for the builder's "publish" screen.

    Computed from the placements without writing anything: a dry run of the
    publication's diff (codes are shown as they are now).
    """
    previous = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
    # Sessions already public or waiting for their first publication, as they are now.
    current = schedule_snapshot(edition=edition, published=False)
    state = builder_state(edition=edition, sync=True)
    projected: dict[str, dict[str, Any]] = {key: dict(value) for key, value in current.items()}
    rooms = {r.pk: r.name for v in state.venues for r in v.rooms.all()}
    venues = {v.pk: v.name for v in state.venues}
    tz = edition.tz
    people = people_by_session([p.session_id for p in state.placements])
    for placement in state.placements:
        session = placement.session
        key = str(session.pk)
        if not _publication_applies(placement):
            continue
        if placement.is_placed:
            assert placement.starts_at is not None and placement.ends_at is not None
            entry = projected.get(key) or {
                "code": session.code or "—",
                "title": session.title,
                "type": session.session_type.name,
                "people": [name for _pid, name in people.get(session.pk, ())],
            }
            entry.update(
                status="confirmed",
                day=placement.starts_at.astimezone(tz).date().isoformat(),
                starts_at=placement.starts_at.astimezone(tz).isoformat(),
                ends_at=placement.ends_at.astimezone(tz).isoformat(),
                venue=venues.get(placement.venue_id, "") if placement.venue_id else "",
                room=rooms.get(placement.room_id, "") if placement.room_id else "",
            )
            projected[key] = entry
        elif key in projected and projected[key]["status"] == "confirmed":
            projected[key] = {**projected[key], "status": "cancelled"}
    return schedule_diff(previous.snapshot if previous else {}, projected)


def schedule_versions_public(*, edition: Edition) -> list[ScheduleVersion]:
    """Published versions with their changes, newest first, in two queries."""
    return list(
        ScheduleVersion.objects.filter(edition=edition)
        .defer("snapshot", "parity")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=ScheduleChange.objects.select_related("session").order_by("code", "id"),
            )
        )
        .order_by("-number")
    )
