"""The schedule builder: placing sessions, publishing numbered versions, the changelog.

Organisers place sessions on a work-in-progress layer (`SessionPlacement`), so
the public program does not move while they try things. Publishing applies the
placements to the sessions, confirms the placed drafts, generates the codes
from the placement (S + day + order), stores a numbered `ScheduleVersion` with a
snapshot of the public program, and records what changed since the previous
version (`ScheduleChange`), which the public changelog shows.

Every write locks the edition row, so two organisers placing sessions at once
are checked one after the other and can never both take the same room.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Room, Venue
from datacon.program.conflicts import Conflict, Kind, Slot, conflicts_all, conflicts_for
from datacon.program.models import (
    GENERATED_CODE_PATTERN,
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
from datacon.program.selectors import parity_figures
from datacon.program.services import room_clashes, session_codes_renumber, session_save

_PLACEMENT_FIELDS = ("starts_at", "ends_at", "venue_id", "room_id", "expected_audience")


class PlacementRefused(ValidationError):
    """The placement breaks a hard rule (a room taken twice); nothing was saved.
    A room conflict is an error of the `room` field."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        errors: dict[str, list[str]] = defaultdict(list)
        for conflict in conflicts:
            field = "room" if conflict.kind == Kind.ROOM else NON_FIELD_ERRORS
            errors[field].append(conflict.message)
        super().__init__(dict(errors))


class PlacementNeedsConfirmation(ValidationError):
    """The placement has warnings the organiser has not accepted yet; nothing was saved."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__([c.message for c in conflicts])


# --- reading the work-in-progress layer -----------------------------------------


def placements_sync(*, edition: Edition) -> None:
    """Give every session of the edition a placement; untouched ones mirror the session.

    Sessions entered in the admin (ceremonies, keynotes) join the builder this
    way, and an admin edit of a session is picked up as long as the builder has
    no unpublished change for it. A fixed number of queries.
    """
    sessions: list[dict[str, Any]] = [
        dict(row)
        for row in Session.objects.filter(edition=edition).values(
            "pk", "starts_at", "ends_at", "venue_id", "room_id", "expected_audience"
        )
    ]
    placements = {
        p.session_id: p for p in SessionPlacement.objects.filter(session__edition=edition)
    }
    missing: list[SessionPlacement] = []
    stale: list[SessionPlacement] = []
    for row in sessions:
        placement = placements.get(row["pk"])
        if placement is None:
            missing.append(
                SessionPlacement(
                    session_id=row["pk"], **{name: row[name] for name in _PLACEMENT_FIELDS}
                )
            )
        elif not placement.pending and any(
            getattr(placement, name) != row[name] for name in _PLACEMENT_FIELDS
        ):
            for name in _PLACEMENT_FIELDS:
                setattr(placement, name, row[name])
            stale.append(placement)
    if not (missing or stale):
        return
    # A builder-internal layer (no public scopes): the system keeps it in step.
    with unit_of_work(Actor.system("schedule builder sync")) as work:
        work.create_many(missing, action=ProgramAction.SCHEDULE_SYNC, ignore_conflicts=True)
        work.update_many(stale, list(_PLACEMENT_FIELDS), action=ProgramAction.SCHEDULE_SYNC)


def _people_by_session(session_ids: list[int]) -> dict[int, tuple[tuple[int, str], ...]]:
    people: dict[int, dict[int, str]] = defaultdict(dict)
    # Pending people count for the builder's conflict warnings; declined ones do not.
    for session_id, person_id, name in (
        Participation.objects.filter(session_id__in=session_ids)
        .exclude(status=ParticipationStatus.DECLINED)
        .values_list("session_id", "person_id", "person__public_name")
    ):
        people[session_id][person_id] = name
    return {key: tuple(sorted(value.items())) for key, value in people.items()}


def _slot(
    placement: SessionPlacement,
    *,
    label: str,
    tz: dt.tzinfo,
    venue: Venue | None,
    room: Room | None,
    people: tuple[tuple[int, str], ...],
) -> Slot:
    assert placement.starts_at is not None and placement.ends_at is not None
    return Slot(
        key=placement.session_id,
        label=label,
        starts_at=placement.starts_at,
        ends_at=placement.ends_at,
        tz=tz,
        room_id=room.pk if room else None,
        room_label=room.name if room else "",
        room_capacity=room.capacity if room else None,
        venue_id=venue.pk if venue else None,
        venue_label=venue.name if venue else "",
        venue_capacity=venue.capacity if venue else None,
        venue_opens=venue.opens_at if venue else None,
        venue_closes=venue.closes_at if venue else None,
        people=people,
        expected_audience=placement.expected_audience,
    )


def session_label(session: Session) -> str:
    return f"{session.code} «{session.title}»" if session.code else f"«{session.title}»"


@dataclass
class BuilderState:
    """Everything the grid and the checks need, read in a fixed number of queries."""

    edition: Edition
    placements: list[SessionPlacement]  # with .session (type) loaded
    slots: list[Slot]
    conflicts: list[Conflict]
    venues: list[Venue]

    def placed(self) -> list[SessionPlacement]:
        return [p for p in self.placements if p.is_placed and p.session.status != "cancelled"]

    def unplaced(self) -> list[SessionPlacement]:
        return [p for p in self.placements if not p.is_placed and p.session.status != "cancelled"]

    def conflicts_by_session(self) -> dict[int, list[Conflict]]:
        grouped: dict[int, list[Conflict]] = defaultdict(list)
        for conflict in self.conflicts:
            for key in conflict.sessions:
                grouped[key].append(conflict)
        return dict(grouped)

    @property
    def pending_count(self) -> int:
        return sum(1 for p in self.placements if p.pending)


def builder_state(*, edition: Edition, sync: bool = True) -> BuilderState:
    if sync:
        placements_sync(edition=edition)
    venues = list(Venue.objects.filter(edition=edition).prefetch_related("rooms"))
    venue_by_id = {v.pk: v for v in venues}
    room_by_id = {r.pk: r for v in venues for r in v.rooms.all()}
    placements = list(
        SessionPlacement.objects.filter(session__edition=edition)
        .select_related("session__session_type")
        .order_by("starts_at", "session__order_in_day", "session__code", "session_id")
    )
    active = [p for p in placements if p.is_placed and p.session.status != "cancelled"]
    people = _people_by_session([p.session_id for p in active])
    tz = edition.tz
    slots = [
        _slot(
            p,
            label=session_label(p.session),
            tz=tz,
            venue=venue_by_id.get(p.venue_id) if p.venue_id else None,
            room=room_by_id.get(p.room_id) if p.room_id else None,
            people=people.get(p.session_id, ()),
        )
        for p in active
    ]
    return BuilderState(
        edition=edition,
        placements=placements,
        slots=slots,
        conflicts=conflicts_all(slots),
        venues=venues,
    )


# --- writing placements ---------------------------------------------------------


def _placement_for(session: Session) -> SessionPlacement:
    placement = SessionPlacement.objects.select_for_update().filter(session=session).first()
    if placement is None:
        placement = SessionPlacement(
            session=session, **{name: getattr(session, name) for name in _PLACEMENT_FIELDS}
        )
    return placement


def placement_set(
    *,
    session: Session,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    venue: Venue | None,
    room: Room | None,
    expected_audience: int | None,
    actor: Actor,
    accept_warnings: bool = False,
    action: ProgramAction = ProgramAction.SCHEDULE_PLACE,
) -> list[Conflict]:
    """Place a session; returns the warnings accepted. Raises PlacementRefused
    (hard rule broken) or PlacementNeedsConfirmation (warnings not accepted).
    An undo in the builder passes `action=SCHEDULE_UNDO`: same checks, its own audit action."""
    with unit_of_work(actor) as work:
        edition = Edition.objects.select_for_update().get(pk=session.edition_id)
        require(actor, "program.schedule", edition)
        if room is not None and venue is None:
            venue = room.venue
        errors: dict[str, list[str]] = {}
        if ends_at <= starts_at:
            errors.setdefault("ends_at", []).append(
                _("La sesión debe terminar después de empezar.")
            )
        local_start = starts_at.astimezone(edition.tz)
        if edition.days and local_start.date() not in edition.days:
            errors.setdefault("day", []).append(_("El día debe ser uno de los días de la edición."))
        if venue is not None and venue.edition_id != edition.pk:
            errors.setdefault("venue", []).append(_("La sede pertenece a otra edición."))
        if room is not None and venue is not None and room.venue_id != venue.pk:
            errors.setdefault("room", []).append(_("La sala no pertenece a la sede elegida."))
        if errors:
            raise ValidationError(errors)

        state = builder_state(edition=edition, sync=True)
        placement = SessionPlacement.objects.select_for_update().get(session=session)
        placement.starts_at, placement.ends_at = starts_at, ends_at
        placement.venue, placement.room = venue, room
        placement.expected_audience = expected_audience
        candidate = _slot(
            placement,
            label=session_label(session),
            tz=edition.tz,
            venue=venue,
            room=room,
            people=_people_by_session([session.pk]).get(session.pk, ()),
        )
        conflicts = conflicts_for(candidate, [s for s in state.slots if s.key != session.pk])
        hard = [c for c in conflicts if c.is_error]
        if hard:
            raise PlacementRefused(hard)
        if conflicts and not accept_warnings:
            raise PlacementNeedsConfirmation(conflicts)
        placement.pending = True
        placement.updated_by = work.actor.account
        work.save(
            placement,
            action=action,
            summary=str(session)[:300],
            extra_changes={"accepted_warnings": [c.message for c in conflicts]}
            if conflicts
            else None,
        )
    return conflicts


def placement_clear(
    *, session: Session, actor: Actor, action: ProgramAction = ProgramAction.SCHEDULE_UNPLACE
) -> None:
    """Take a session off the grid. A published session is cancelled at the next publication."""
    with unit_of_work(actor) as work:
        require(actor, "program.schedule", session)
        placement_clear_for(work, session=session, action=action)


def placement_clear_for(
    work: Work, *, session: Session, action: ProgramAction = ProgramAction.SCHEDULE_UNPLACE
) -> None:
    """Inside a caller's unit of work: the session leaves the grid because its proposal
    left the program (a decision changed, the proponent declined). The caller's rule
    applies, not the schedule's."""
    Edition.objects.select_for_update().get(pk=session.edition_id)
    placement = _placement_for(session)
    placement.starts_at = placement.ends_at = None
    placement.venue = placement.room = None
    placement.pending = True
    placement.updated_by = work.actor.account
    work.save(placement, action=action, summary=str(session)[:300])


# --- publishing ---------------------------------------------------------------------


def schedule_snapshot(*, edition: Edition) -> dict[str, dict[str, Any]]:
    """The public program as plain data: what a version freezes and the changelog compares."""
    sessions = list(
        Session.objects.filter(edition=edition, status__in=("confirmed", "cancelled"))
        .exclude(code="")
        .select_related("session_type", "venue", "room")
        .order_by("day", "starts_at", "order_in_day", "code")
    )
    tz = edition.tz
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for session_id, person_id, name in (
        Participation.objects.public()
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
        session_save(session=session, actor=actor, room_check=False)
    elif session.status == SessionStatus.CONFIRMED and session.code:
        # Taken off the grid after it was public: the public sees it cancelled.
        session.status = SessionStatus.CANCELLED
        session_save(session=session, actor=actor)


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
            session = placement.session
            ready_draft = placement.is_placed and session.status == SessionStatus.DRAFT
            if placement.pending or ready_draft:
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
    current = schedule_snapshot(edition=edition)
    state = builder_state(edition=edition, sync=True)
    projected: dict[str, dict[str, Any]] = {key: dict(value) for key, value in current.items()}
    rooms = {r.pk: r.name for v in state.venues for r in v.rooms.all()}
    venues = {v.pk: v.name for v in state.venues}
    tz = edition.tz
    people = _people_by_session([p.session_id for p in state.placements])
    for placement in state.placements:
        session = placement.session
        key = str(session.pk)
        ready_draft = placement.is_placed and session.status == SessionStatus.DRAFT
        if not (placement.pending or ready_draft):
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
