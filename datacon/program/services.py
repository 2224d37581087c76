"""Writes for sessions, participations and materials.

Session codes: an organiser may type one; otherwise `session_save` gives the
next free number of the session's day (S + day + order). The edition row is
locked while a code is chosen so two organisers saving at once never get the
same code.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.people.models import Person
from datacon.program.models import (
    GENERATED_CODE_PATTERN,
    Material,
    Participation,
    ParticipationStatus,
    ProgramAction,
    Session,
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


def session_save(*, session: Session, actor: Actor) -> Session:
    with unit_of_work(actor) as work:
        if not session.code and session.edition_id:
            # Lock the edition so concurrent saves pick different numbers.
            edition = Edition.objects.select_for_update().get(pk=session.edition_id)
            if session.starts_at and session.day is None:
                session.day = session.starts_at.astimezone(edition.tz).date()
            if session.day and edition.start_date:
                session.code = session_code_next(edition=edition, day=session.day)
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


def material_save(*, material: Material, actor: Actor) -> Material:
    with unit_of_work(actor) as work:
        return work.save(material)
