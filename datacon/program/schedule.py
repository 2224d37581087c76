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
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Room, Venue
from datacon.program.conflicts import Conflict, Kind, Slot, conflicts_all, conflicts_for
from datacon.program.models import (
    Participation,
    ParticipationStatus,
    ProgramAction,
    Session,
    SessionPlacement,
)

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


def people_by_session(session_ids: list[int]) -> dict[int, tuple[tuple[int, str], ...]]:
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
    people = people_by_session([p.session_id for p in active])
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


def differs_from_published(placement: SessionPlacement) -> bool:
    """Whether the placement is a change still to publish: it differs from what the session
    holds (the last published values; none for a session never published). A move undone,
    or made back to where the session is published, leaves nothing pending."""
    published = Session.objects.values(*_PLACEMENT_FIELDS).get(pk=placement.session_id)
    return any(getattr(placement, name) != published[name] for name in _PLACEMENT_FIELDS)


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
            people=people_by_session([session.pk]).get(session.pk, ()),
        )
        conflicts = conflicts_for(candidate, [s for s in state.slots if s.key != session.pk])
        hard = [c for c in conflicts if c.is_error]
        if hard:
            raise PlacementRefused(hard)
        if conflicts and not accept_warnings:
            raise PlacementNeedsConfirmation(conflicts)
        placement.pending = differs_from_published(placement)
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
    placement.pending = differs_from_published(placement)
    placement.updated_by = work.actor.account
    work.save(placement, action=action, summary=str(session)[:300])
