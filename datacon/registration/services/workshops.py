"""Workshops: sessions with limited seats, their sign-ups and waiting lines.

A session's `SessionSeats` row is its lock: every sign-up, cancellation and
promotion of that session locks it and counts under it, so 200 people pressing
"join" at once against 50 seats give exactly 50 confirmed and 150 waiting in
the order they got the lock. Lock order is always the edition's settings →
the registration → the session's seats, so two writers never wait on each
other in a circle.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.program.models import Session, SessionStatus
from datacon.registration import emails
from datacon.registration.models import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationAction,
    RegistrationStatus,
    SessionSeats,
    SessionSignup,
)
from datacon.registration.selectors import signup_position

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED


def signup_queue_next(session_id: int) -> int:
    """The end of the session's waiting line (the caller holds the session's seats lock)."""
    highest = SessionSignup.objects.filter(session_id=session_id).aggregate(n=Max("queue_number"))
    return (highest["n"] or 0) + 1


def seats_locked(session_id: int) -> SessionSeats | None:
    return (
        SessionSeats.objects.select_for_update(of=("self",)).filter(session_id=session_id).first()
    )


def session_promote(work: Work, seats: SessionSeats, *, notify: bool = True) -> list[SessionSignup]:
    """Confirm people waiting for this session while seats are free (the caller holds the lock)."""
    free = (
        seats.capacity
        - SessionSignup.objects.filter(session_id=seats.session_id, status=CONFIRMED).count()
    )
    if free <= 0:
        return []
    promoted = list(
        SessionSignup.objects.filter(session_id=seats.session_id, status=WAITING)
        .select_related(
            "registration__edition",
            "registration__venue",
            "session__venue",
            "session__room",
            "session__edition",
        )
        .order_by("queue_number", "pk")[:free]
    )
    now = timezone.now()
    for signup in promoted:
        signup.status = CONFIRMED
        signup.confirmed_at = now
        work.save(
            signup, fields=["status", "confirmed_at"], action=RegistrationAction.SIGNUP_PROMOTE
        )
        if notify:
            emails.signup_email(signup=signup, kind="promoted", actor=work.actor)
    return promoted


def signups_cancel(work: Work, registration: Registration, *, keep_confirmed: bool) -> None:
    """Cancel a registration's session sign-ups (the caller holds the registration's lock)."""
    signups = list(
        SessionSignup.objects.filter(registration=registration, status__in=ACTIVE_STATUSES)
        .order_by("session_id")
        .values_list("pk", "session_id")
    )
    for signup_id, session_id in signups:
        seats = seats_locked(session_id)
        signup = SessionSignup.objects.select_for_update(of=("self",)).get(pk=signup_id)
        if signup.status == CANCELLED or (keep_confirmed and signup.status == CONFIRMED):
            continue
        was_confirmed = signup.status == CONFIRMED
        signup.status = CANCELLED
        signup.cancelled_at = timezone.now()
        work.save(
            signup, fields=["status", "cancelled_at"], action=RegistrationAction.SIGNUP_CANCEL
        )
        if seats is not None and was_confirmed:
            session_promote(work, seats)


def _session_clashes(registration: Registration, session: Session) -> Session | None:
    if not (session.starts_at and session.ends_at):
        return None
    clash = (
        SessionSignup.objects.filter(registration=registration, status__in=ACTIVE_STATUSES)
        .exclude(session=session)
        .filter(session__starts_at__lt=session.ends_at, session__ends_at__gt=session.starts_at)
        .select_related("session")
        .first()
    )
    return clash.session if clash else None


def _signup_refusal(
    registration: Registration, session: Session, seats: SessionSeats | None
) -> str:
    """Why this registration may not sign up to this session now ("" when it may)."""
    if registration.edition_id != session.edition_id:
        return _("Su registro es de otra edición.")
    if registration.status != CONFIRMED:
        return _("Para inscribirse a un taller necesita un registro confirmado a la edición.")
    if seats is None:
        return _("Esta sesión no requiere inscripción: es de entrada libre.")
    if not seats.signups_open or session.status != SessionStatus.CONFIRMED or not session.published:
        return _("La inscripción a esta sesión está cerrada.")
    if session.starts_at and session.starts_at <= timezone.now():
        return _("Esta sesión ya empezó.")
    return ""


def session_signup(
    *, registration: Registration, session: Session, actor: Actor, notify: bool = True
) -> tuple[SessionSignup, bool]:
    """Take a seat in a limited session, or a place in its line. Idempotent.

    Only the registration's owner signs up (PermissionDenied for anyone else).
    Returns (signup, created). A second click finds the existing sign-up.
    """
    with unit_of_work(actor) as work:
        require(work.actor, "registration.change", registration)
        current = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("edition", "venue")
            .get(pk=registration.pk)
        )
        seats = seats_locked(session.pk) if current.edition_id == session.edition_id else None
        refusal = _signup_refusal(current, session, seats)
        if refusal:
            raise ValidationError(refusal)
        assert seats is not None
        existing = (
            SessionSignup.objects.filter(
                registration=current, session=session, status__in=ACTIVE_STATUSES
            )
            .select_related("session")
            .first()
        )
        if existing is not None:
            return existing, False
        clash = _session_clashes(current, session)
        if clash is not None:
            raise ValidationError(
                _("Ya está inscrito en %(code)s · %(title)s, a la misma hora.")
                % {"code": clash.code, "title": clash.title}
            )
        has_seat = (
            SessionSignup.objects.filter(session=session, status=CONFIRMED).count() < seats.capacity
        )
        signup = SessionSignup(
            registration=current,
            session=session,
            status=CONFIRMED if has_seat else WAITING,
            confirmed_at=timezone.now() if has_seat else None,
            queue_number=signup_queue_next(session.pk),
        )
        work.save(
            signup,
            action=RegistrationAction.SIGNUP_CREATE,
            validate=False,  # checked above, under the lock
            extra_changes={"status": signup.status, "queue_number": signup.queue_number},
        )
        if notify:
            signup.session = session
            if has_seat:
                emails.signup_email(signup=signup, kind="confirmed", actor=work.actor)
            else:
                emails.signup_email(
                    signup=signup,
                    kind="waiting",
                    position=signup_position(signup=signup),
                    actor=work.actor,
                )
    return signup, True


def session_signup_cancel(*, signup: SessionSignup, actor: Actor) -> tuple[SessionSignup, bool]:
    """Give up a seat (or a place in line); the first person waiting gets the seat.

    The registration's owner, or an organiser of the edition (PermissionDenied for anyone else).
    """
    with unit_of_work(actor) as work:
        require(work.actor, "registration.cancel", signup)
        Registration.objects.select_for_update(of=("self",)).filter(
            pk=signup.registration_id
        ).first()
        seats = seats_locked(signup.session_id)
        current = SessionSignup.objects.select_for_update(of=("self",)).get(pk=signup.pk)
        if current.status == CANCELLED:
            return current, False
        was_confirmed = current.status == CONFIRMED
        current.status = CANCELLED
        current.cancelled_at = timezone.now()
        work.save(
            current, fields=["status", "cancelled_at"], action=RegistrationAction.SIGNUP_CANCEL
        )
        if seats is not None and was_confirmed:
            session_promote(work, seats)
    return current, True


def session_seats_save(*, seats: SessionSeats, actor: Actor) -> SessionSeats:
    """Configure a session's seats; more seats promote people waiting straight away."""
    with unit_of_work(actor) as work:
        require(work.actor, "registration.manage", seats.session)
        if seats.pk:
            seats_locked(seats.session_id)
        work.save(seats)
        locked = SessionSeats.objects.select_for_update(of=("self",)).get(pk=seats.pk)
        session_promote(work, locked)
    return seats
