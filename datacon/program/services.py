"""Writes for sessions, participations and materials.

Session codes: an organiser may type one; otherwise `session_save` gives the
next free number of the session's day (S + day + order). The edition row is
locked while a code is chosen so two organisers saving at once never get the
same code.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import allowed, require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.people.models import Person
from datacon.program.models import (
    GENERATED_CODE_PATTERN,
    PUBLIC_SESSION_STATUSES,
    SCHEDULE_FIELDS,
    ConsentBasis,
    Material,
    MaterialKind,
    Participation,
    ParticipationStatus,
    ProgramAction,
    Session,
    SessionPlacement,
    SessionStatus,
)


def session_code_next(*, edition: Edition, day: dt.date) -> str:
    day_number = edition.day_number(day)
    prefix = f"S{day_number:02d}"
    used = [
        int(match.group(2))
        for code in Session.objects.filter(edition=edition, code__startswith=prefix).values_list(
            "code", flat=True
        )
        if (match := GENERATED_CODE_PATTERN.match(code))
    ]
    return f"{prefix}{(max(used) if used else 0) + 1:02d}"


def _occupies_room(session: Session) -> bool:
    return (
        session.room_id is not None
        and session.starts_at is not None
        and session.ends_at is not None
        and session.status != SessionStatus.CANCELLED
    )


def session_room_clash(session: Session) -> Session | None:
    """Another session in the same room at an overlapping time, or None.

    Intervals are half-open like the builder's (conflicts.py): one ending at
    12:00 and one starting at 12:00 share no instant. Cancelled sessions hold
    no room.
    """
    if not _occupies_room(session) or session.room_id is None:
        return None
    return (
        Session.objects.filter(
            room_id=session.room_id, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        )
        .exclude(status=SessionStatus.CANCELLED)
        .exclude(pk=session.pk)
        .select_related("edition", "room")
        .order_by("starts_at", "code", "pk")
        .first()
    )


def _label(session: Session) -> str:
    return f"{session.code} «{session.title}»" if session.code else f"«{session.title}»"


def room_taken_message(room: Room, other: Session) -> str:
    """«The room is taken by S0103 «…» (11/05/2021, 12:00–13:00)», in the edition's time."""
    assert other.starts_at is not None and other.ends_at is not None
    tz = other.edition.tz
    start, end = other.starts_at.astimezone(tz), other.ends_at.astimezone(tz)
    label = _label(other)
    return _(
        "La sala «%(room)s» ya está ocupada a esa hora: %(session)s es el %(day)s de "
        "%(start)s a %(end)s. Elija otra sala u otro horario."
    ) % {
        "room": room.name,
        "session": label,
        "day": start.strftime("%d/%m/%Y"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
    }


def room_clashes(*, edition: Edition) -> list[str]:
    """Every pair of sessions of the edition that share a room at once, as messages."""
    sessions = [
        s
        for s in Session.objects.filter(
            edition=edition, room__isnull=False, starts_at__isnull=False, ends_at__isnull=False
        )
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("edition", "room")
        .order_by("room_id", "starts_at", "ends_at", "code", "pk")
    ]
    messages: list[str] = []
    running: list[Session] = []
    for session in sessions:
        assert session.starts_at is not None and session.room is not None
        running = [
            other
            for other in running
            if other.room_id == session.room_id
            and other.ends_at is not None
            and other.ends_at > session.starts_at
        ]
        messages.extend(
            f"{_label(session)}: {room_taken_message(session.room, other)}" for other in running
        )
        running.append(session)
    return messages


def schedule_changes_defer(work: Work, session: Session) -> bool:
    """Keep a published session as the last version shows it: a change of when, where
    or whether it happens (from the admin, an import, a decision) goes into the
    session's placement as an unpublished change of the builder, and the session
    keeps its published values until the next publication. Returns whether any
    change was deferred."""
    if session.pk is None or not session.published:
        return False
    stored = Session.objects.filter(pk=session.pk).values(*SCHEDULE_FIELDS).first()
    if stored is None or all(getattr(session, name) == stored[name] for name in SCHEDULE_FIELDS):
        return False
    placement = SessionPlacement.objects.select_for_update().filter(
        session_id=session.pk
    ).first() or SessionPlacement(
        session_id=session.pk, expected_audience=session.expected_audience
    )
    if session.status in PUBLIC_SESSION_STATUSES and session.status != SessionStatus.CANCELLED:
        placement.starts_at, placement.ends_at = session.starts_at, session.ends_at
        placement.venue_id, placement.room_id = session.venue_id, session.room_id
    else:
        # Cancelled or back to draft: off the grid; the next version shows it cancelled.
        placement.starts_at = placement.ends_at = None
        placement.venue_id = placement.room_id = None
    placement.pending = True
    placement.updated_by = work.actor.account
    work.save(placement, action=ProgramAction.SCHEDULE_PLACE, summary=str(session)[:300])
    for name in SCHEDULE_FIELDS:
        setattr(session, name, stored[name])
    return True


def session_save(
    *, session: Session, actor: Actor, room_check: bool = True, publishing: bool = False
) -> Session:
    """Save a session. No two sessions may share a room at once: the room's row is
    locked and an overlapping session refuses the save on the room field.

    Only the schedule's publication (`publishing=True`) changes when, where or
    whether a published session happens; anyone else's change waits in the builder
    (`schedule_changes_defer`). `room_check=False` only for the publication, which
    applies every placement first (a swap of two rooms passes through a moment
    where both share one) and then checks the whole edition with `room_clashes`.
    """
    with unit_of_work(actor) as work:
        if not publishing:
            schedule_changes_defer(work, session)
        if not session.code and session.edition_id:
            # Lock the edition so concurrent saves pick different numbers.
            edition = Edition.objects.select_for_update().get(pk=session.edition_id)
            if session.starts_at and session.day is None:
                session.day = session.starts_at.astimezone(edition.tz).date()
            if session.day and edition.start_date:
                session.code = session_code_next(edition=edition, day=session.day)
        if room_check and _occupies_room(session) and session.room_id is not None:
            # Lock the room so two saves into it at once are checked one after the other.
            room = Room.objects.select_for_update().get(pk=session.room_id)
            other = session_room_clash(session)
            if other is not None:
                raise ValidationError({"room": room_taken_message(room, other)})
        return work.save(session)


def session_create(
    *,
    edition: Edition,
    title: str,
    session_type: SessionType,
    code: str = "",
    day: dt.date | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    order_in_day: int = 0,
    venue: Venue | None = None,
    room: Room | None = None,
    abstract: str = "",
    language: str = "es",
    status: str = SessionStatus.CONFIRMED,
    expected_audience: int | None = None,
    actor: Actor,
) -> Session:
    session = Session(
        edition=edition,
        title=title,
        session_type=session_type,
        code=code,
        day=day,
        starts_at=starts_at,
        ends_at=ends_at,
        order_in_day=order_in_day,
        venue=venue,
        room=room,
        abstract=abstract,
        language=language,
        status=status,
        expected_audience=expected_audience,
    )
    return session_save(session=session, actor=actor)


def session_codes_renumber(*, edition: Edition, actor: Actor) -> dict[str, str]:
    """Renumber generated-style codes from the placement (day, time, order).

    Returns {old code: new code} for the codes that changed. Codes that do not
    follow the S+day+order scheme were typed by hand and are left alone.
    """
    with unit_of_work(actor) as work:
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        sessions = list(
            Session.objects.select_for_update()
            .filter(edition=edition, day__isnull=False)
            .order_by("day", "starts_at", "order_in_day", "pk")
        )
        renumbered = [s for s in sessions if not s.code or GENERATED_CODE_PATTERN.match(s.code)]
        wanted: dict[int, str] = {}
        counters: dict[dt.date, int] = {}
        for session in renumbered:
            assert session.day is not None
            counters[session.day] = counters.get(session.day, 0) + 1
            wanted[session.pk] = (
                f"S{edition.day_number(session.day):02d}{counters[session.day]:02d}"
            )
        changes = {s.code: wanted[s.pk] for s in renumbered if s.code != wanted[s.pk]}
        if not changes:
            return {}
        # Two passes so a swap (S0102 <-> S0103) never hits the uniqueness constraint.
        moving = [s for s in renumbered if s.code != wanted[s.pk]]
        for session in moving:
            work.update(
                Session.objects.filter(pk=session.pk),
                action=ProgramAction.SESSION_RENUMBER,
                code=f"TMP-{session.pk}",
            )
        for session in moving:
            session.code = wanted[session.pk]
            work.save(session, action=ProgramAction.SESSION_RENUMBER, fields=["code"])
    return changes


def session_delete(*, session: Session, actor: Actor) -> None:
    with unit_of_work(actor) as work:
        work.delete(session)


def participation_add(
    *,
    session: Session,
    person: Person,
    role: str,
    order: int = 0,
    status: str = ParticipationStatus.PENDING,
    consent_basis: str = "",
    actor: Actor,
) -> Participation:
    """Put someone on a session. They stay out of every public page until confirmed."""
    with unit_of_work(actor) as work:
        existing = Participation.objects.filter(session=session, person=person, role=role).first()
        if existing is not None:
            return existing
        return work.save(_new_participation(session, person, role, order, status, consent_basis))


def _new_participation(
    session: Session, person: Person, role: str, order: int, status: str, consent_basis: str
) -> Participation:
    return Participation(
        session=session,
        person=person,
        role=role,
        order=order,
        status=status,
        consent_basis=consent_basis if status == ParticipationStatus.CONFIRMED else "",
        status_changed_at=timezone.now() if status != ParticipationStatus.PENDING else None,
    )


STATUS_ACTIONS = {
    ParticipationStatus.CONFIRMED: ProgramAction.PARTICIPATION_CONFIRM,
    ParticipationStatus.DECLINED: ProgramAction.PARTICIPATION_DECLINE,
    ParticipationStatus.PENDING: ProgramAction.PARTICIPATION_PEND,
}


def participation_status_set(
    *, participation: Participation, status: str, consent_basis: str = "", actor: Actor
) -> Participation:
    """The person confirms or declines (or an organiser records their written answer)."""
    if participation.status == status and (
        status != ParticipationStatus.CONFIRMED or participation.consent_basis == consent_basis
    ):
        return participation
    participation.status = status
    participation.consent_basis = consent_basis if status == ParticipationStatus.CONFIRMED else ""
    participation.status_changed_at = timezone.now()
    with unit_of_work(actor) as work:
        return work.save(participation, action=STATUS_ACTIONS[ParticipationStatus(status)])


def participation_confirm(*, participation: Participation, actor: Actor) -> Participation:
    """The person agrees to appear: from now on pages, API and exports show them."""
    with unit_of_work(actor):
        require(actor, "program.respond", participation)
        return participation_status_set(
            participation=participation,
            status=ParticipationStatus.CONFIRMED,
            consent_basis=ConsentBasis.SELF,
            actor=actor,
        )


def participation_decline(*, participation: Participation, actor: Actor) -> Participation:
    """The person declines: they never appear on that session in public."""
    with unit_of_work(actor):
        require(actor, "program.respond", participation)
        return participation_status_set(
            participation=participation, status=ParticipationStatus.DECLINED, actor=actor
        )


MATERIALS = "program.materials"  # organisers: any kind, add, change and remove
UPLOAD_MATERIAL = "program.upload_material"  # a confirmed participant, after the start: add
PARTICIPANT_MATERIAL_KINDS = (MaterialKind.SLIDES, MaterialKind.DOCUMENT, MaterialKind.LINK)


def material_save(*, material: Material, actor: Actor) -> Material:
    """Add or change a session's material (slides, video, report...); a new one goes last.

    Who acts chooses the rule: the edition's organisers (`program.materials`) add
    and change any kind; anyone else needs `program.upload_material` (a confirmed
    participant once the session started) and may only add slides, a document or a
    link, under the licence they chose. A file's size and real type are checked by
    the model's validator (FileCheck("material")).
    """
    session = material.session
    with unit_of_work(actor) as work:
        if not allowed(actor, MATERIALS, session):
            require(actor, UPLOAD_MATERIAL, session)
            if material.pk is not None:
                raise PermissionDenied("Only the organisers change a published material.")
            if material.kind not in PARTICIPANT_MATERIAL_KINDS:
                raise ValidationError({"kind": _("Elija presentación, documento o enlace.")})
        if material.pk is None and not material.order:
            last = (
                Material.objects.filter(session_id=material.session_id)
                .order_by("-order")
                .values_list("order", flat=True)
                .first()
            )
            material.order = (last or 0) + 1
        material.title = material.title.strip()
        return work.save(material)


def material_remove(*, material: Material, actor: Actor) -> None:
    """Take a material off its session (the public pages stop listing it)."""
    with unit_of_work(actor) as work:
        require(actor, MATERIALS, material.session)
        work.delete(material)
