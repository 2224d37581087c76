"""Check-in at a venue or a session, and online attendance through the personal stream link.

Only check-in staff of the edition (an EditionRole with the check-in duty, the
platform group "Personal de registro en sede") and its organisers check people
in: `registration.checkin` (datacon.editions.permissions). A second scan
changes nothing and says when the first one was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, Venue
from datacon.program.models import Session
from datacon.registration.models import (
    ACTIVE_STATUSES,
    TICKET_PATTERN,
    AttendanceMode,
    Registration,
    RegistrationAction,
    RegistrationStatus,
    SessionSignup,
    ticket_code_normalise,
)
from datacon.registration.selectors import signup_position, waiting_position
from datacon.registration.services.workshops import seats_locked, signup_queue_next

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED


@dataclass(frozen=True)
class CheckInOutcome:
    """What the check-in screen shows. `ok` is True for a new check-in and for a repeat."""

    kind: str  # checked_in | already | invalid | not_found | other_edition | cancelled | waiting | wrong_place | no_seat
    message: str
    ok: bool = False
    name: str = ""
    ticket: str = ""
    at: dt.datetime | None = None

    def as_json(self) -> dict[str, str | bool | None]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "message": self.message,
            "name": self.name,
            "ticket": self.ticket,
            "at": self.at.isoformat() if self.at else None,
        }


def _hhmm(moment: dt.datetime, edition: Edition) -> str:
    return moment.astimezone(edition.tz).strftime("%H:%M")


def _person(registration: Registration) -> str:
    return registration.name or _("Registro anónimo (cuenta eliminada)")


def _already(ticket: str, name: str, at: dt.datetime, edition: Edition) -> CheckInOutcome:
    return CheckInOutcome(
        kind="already",
        ok=True,
        ticket=ticket,
        name=name,
        at=at,
        message=_("Ya registrado a las %(time)s.") % {"time": _hhmm(at, edition)},
    )


def _checked_in(ticket: str, name: str, at: dt.datetime, edition: Edition) -> CheckInOutcome:
    return CheckInOutcome(
        kind="checked_in",
        ok=True,
        ticket=ticket,
        name=name,
        at=at,
        message=_("Entrada registrada a las %(time)s.") % {"time": _hhmm(at, edition)},
    )


def _find_for_checkin(
    code: str, edition: Edition
) -> tuple[Registration | None, CheckInOutcome | None]:
    normalised = ticket_code_normalise(code)
    if not TICKET_PATTERN.match(normalised):
        return None, CheckInOutcome(
            kind="invalid",
            message=_(
                "«%(code)s» no es un código de boleto: son 12 letras y números (p. ej. 7K2M-9QXA-4D3F)."
            )
            % {"code": (code or "").strip()[:40]},
        )
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("venue", "edition")
        .filter(ticket_code=normalised)
        .first()
    )
    if registration is None:
        return None, CheckInOutcome(
            kind="not_found",
            message=_("No hay ningún registro con el código %(code)s.")
            % {"code": "-".join(normalised[i : i + 4] for i in range(0, 12, 4))},
        )
    return registration, _refusal(registration, edition)


def _refusal(registration: Registration, edition: Edition) -> CheckInOutcome | None:
    ticket = registration.ticket_display
    if registration.edition_id != edition.pk:
        return CheckInOutcome(
            kind="other_edition",
            ticket=ticket,
            message=_("Este boleto es de otra edición: %(edition)s.")
            % {"edition": registration.edition.title},
        )
    if registration.status == CANCELLED:
        return CheckInOutcome(
            kind="cancelled",
            ticket=ticket,
            name=_person(registration),
            message=_("Este registro fue cancelado; no da acceso."),
        )
    if registration.status == WAITING:
        return CheckInOutcome(
            kind="waiting",
            ticket=ticket,
            name=_person(registration),
            message=_("Este registro está en lista de espera (lugar %(n)s); aún no tiene lugar.")
            % {"n": waiting_position(registration=registration)},
        )
    return None


def _wrong_venue(registration: Registration, venue: Venue) -> CheckInOutcome | None:
    ticket, name = registration.ticket_display, _person(registration)
    if registration.mode == AttendanceMode.ONLINE:
        return CheckInOutcome(
            kind="wrong_place",
            ticket=ticket,
            name=name,
            message=_("Este registro es en línea: no tiene lugar en una sede presencial."),
        )
    if registration.venue_id != venue.pk:
        return CheckInOutcome(
            kind="wrong_place",
            ticket=ticket,
            name=name,
            message=_("Este boleto es para la sede %(venue)s.")
            % {"venue": registration.venue.name if registration.venue else "—"},
        )
    return None


def checkin_venue(*, venue: Venue, code: str, actor: Actor) -> CheckInOutcome:
    """Record arrival at a venue. A second scan changes nothing and says when the first was."""
    edition = venue.edition
    with unit_of_work(actor) as work:
        require(work.actor, "registration.checkin", venue)
        registration, refusal = _find_for_checkin(code, edition)
        if refusal is not None:
            return refusal
        assert registration is not None
        refusal = _wrong_venue(registration, venue)
        if refusal is not None:
            return refusal
        ticket, name = registration.ticket_display, _person(registration)
        if registration.checked_in_at is not None:
            return _already(ticket, name, registration.checked_in_at, edition)
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = work.actor.account
        work.save(
            registration,
            fields=["checked_in_at", "checked_in_by"],
            action=RegistrationAction.REGISTRATION_CHECKIN,
        )
        return _checked_in(ticket, name, registration.checked_in_at, edition)


def checkin_session(*, session: Session, code: str, actor: Actor) -> CheckInOutcome:
    """Record attendance at a session. Limited sessions admit people with a seat, or at the
    door while seats are free; open sessions admit every confirmed registration."""
    edition = session.edition
    with unit_of_work(actor) as work:
        require(work.actor, "registration.checkin", session)
        registration, refusal = _find_for_checkin(code, edition)
        if refusal is not None:
            return refusal
        assert registration is not None
        ticket, name = registration.ticket_display, _person(registration)
        seats = seats_locked(session.pk)
        signup = (
            SessionSignup.objects.select_for_update(of=("self",))
            .filter(registration=registration, session=session, status__in=ACTIVE_STATUSES)
            .first()
        )
        if signup is not None and signup.checked_in_at is not None:
            return _already(ticket, name, signup.checked_in_at, edition)
        now = timezone.now()
        if signup is None or signup.status == WAITING:
            seat_free = seats is None or (
                SessionSignup.objects.filter(session=session, status=CONFIRMED).count()
                < seats.capacity
            )
            if not seat_free:
                return _no_seat(ticket, name, signup)
            if signup is None:
                signup = SessionSignup(
                    registration=registration,
                    session=session,
                    walk_in=True,
                    queue_number=signup_queue_next(session.pk) if seats else 0,
                )
            signup.status = CONFIRMED
            signup.confirmed_at = now
        signup.checked_in_at = now
        signup.checked_in_by = work.actor.account
        work.save(signup, action=RegistrationAction.SIGNUP_CHECKIN, validate=False)
        return _checked_in(ticket, name, now, edition)


def _no_seat(ticket: str, name: str, signup: SessionSignup | None) -> CheckInOutcome:
    position = signup_position(signup=signup) if signup else None
    return CheckInOutcome(
        kind="no_seat",
        ticket=ticket,
        name=name,
        message=(
            _("La sesión está llena; esta persona está en lista de espera (lugar %(n)s).")
            % {"n": position}
            if position
            else _("La sesión está llena y esta persona no tiene lugar.")
        ),
    )


def online_join_record(
    *, registration: Registration, actor: Actor, now: dt.datetime | None = None
) -> bool:
    """Count online attendance when the person opens their streaming link during the event
    (the link carries the ticket code: its holder is the actor)."""
    now = now or timezone.now()
    edition = registration.edition
    if registration.status != CONFIRMED or registration.mode != AttendanceMode.ONLINE:
        return False
    if registration.joined_online_at is not None or edition.start_date is None:
        return False
    today = now.astimezone(edition.tz).date()
    if not (edition.start_date <= today <= (edition.end_date or edition.start_date)):
        return False
    with unit_of_work(actor) as work:
        updated = work.update(
            Registration.objects.filter(pk=registration.pk, joined_online_at__isnull=True),
            action=RegistrationAction.REGISTRATION_ONLINE_JOIN,
            joined_online_at=now,
        )
    return bool(updated)
