"""Writes for registration: sign up, seats, waiting lists, cancellation, check-in, messages.

Concurrency: every write that decides who gets a seat locks one row first and
counts under that lock.

* Registrations of an edition lock the edition's `RegistrationSettings` row,
  so "one registration per person" and each venue's capacity (and the online
  quota) hold whatever the number of app servers.
* Workshop seats lock the session's `SessionSeats` row.
* Lock order is always settings → registration → session seats, so two
  writers never wait on each other in a circle.

When a seat frees up, the first person waiting is confirmed in the same
transaction and a message is queued for them. Nothing here demotes anyone:
lowering a capacity below the confirmed count only stops new confirmations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datacon.common.actor import Actor
from datacon.common.audit import audit_record
from datacon.common.services import record_save
from datacon.common.versions import REGISTRATION, public_version_bump
from datacon.editions.models import Edition, Venue
from datacon.people.models_privacy import ConsentPurpose, NonEssentialUse
from datacon.program.models import Session, SessionStatus
from datacon.registration import emails
from datacon.registration.models import (
    ACTIVE_STATUSES,
    TICKET_PATTERN,
    AttendanceMode,
    AttendeeExport,
    FieldMode,
    Registration,
    RegistrationSettings,
    RegistrationStatus,
    SessionSeats,
    SessionSignup,
    ticket_code_new,
    ticket_code_normalise,
)
from datacon.registration.selectors import (
    EXPORT_COLUMNS,
    PERSONAL_EXPORT_COLUMNS,
    WINDOW_MESSAGES,
    WindowState,
    attendee_rows,
    edition_starts_at,
    registration_window,
    signup_position,
    streaming_url_for,
    waiting_position,
)

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED

FIELD_LABELS = {
    "organisation": gettext_lazy("organización"),
    "sector": gettext_lazy("sector"),
    "state": gettext_lazy("entidad federativa"),
    "accessibility_needs": gettext_lazy("necesidades de accesibilidad"),
}


def _actor(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _settings_locked(edition: Edition) -> RegistrationSettings:
    config = (
        RegistrationSettings.objects.select_for_update(of=("self",))
        .select_related("edition")
        .filter(edition_id=edition.pk)
        .first()
    )
    if config is None:
        raise ValidationError(WINDOW_MESSAGES[WindowState.NOT_CONFIGURED], code="not_configured")
    return config


def _next_queue_number(holder: RegistrationSettings | SessionSeats) -> int:
    holder.last_queue_number += 1
    type(holder).objects.filter(pk=holder.pk).update(last_queue_number=holder.last_queue_number)
    return holder.last_queue_number


def _ticket_code_unique() -> str:
    while True:
        code = ticket_code_new()
        if not Registration.objects.filter(ticket_code=code).exists():
            return code


# --- seats of a registration pool (a venue, or the online quota) -------------------------


def _pool_filter(registration_mode: str, venue_id: int | None, edition_id: int) -> Q:
    if registration_mode == AttendanceMode.IN_PERSON:
        return Q(venue_id=venue_id, mode=AttendanceMode.IN_PERSON)
    return Q(edition_id=edition_id, mode=AttendanceMode.ONLINE)


def _pool_capacity(config: RegistrationSettings, mode: str, venue_id: int | None) -> int | None:
    if mode == AttendanceMode.IN_PERSON:
        if venue_id is None:
            return 0
        return Venue.objects.filter(pk=venue_id).values_list("capacity", flat=True).first()
    return config.online_capacity


def _pool_has_seat(config: RegistrationSettings, mode: str, venue_id: int | None) -> bool:
    capacity = _pool_capacity(config, mode, venue_id)
    if capacity is None:
        return True
    confirmed = Registration.objects.filter(
        _pool_filter(mode, venue_id, config.edition_id), status=CONFIRMED
    ).count()
    return confirmed < capacity


def _pool_promote(
    config: RegistrationSettings, mode: str, venue_id: int | None, *, notify: bool = True
) -> list[Registration]:
    """Confirm people waiting in this pool while seats are free, first in line first."""
    pool = _pool_filter(mode, venue_id, config.edition_id)
    capacity = _pool_capacity(config, mode, venue_id)
    waiting = Registration.objects.filter(pool, status=WAITING).order_by("queue_number", "pk")
    if capacity is not None:
        free = capacity - Registration.objects.filter(pool, status=CONFIRMED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting.select_related("edition", "venue"))
    now = timezone.now()
    for registration in promoted:
        registration.status = CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_record(actor=None, action="registration.promote", instance=registration)
        if notify:
            emails.registration_email(registration=registration, kind="promoted")
    return promoted


# --- registration ------------------------------------------------------------------------------


def _clean_details(
    config: RegistrationSettings, details: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Apply the organisers' field choices: drop fields not asked, require required ones."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, mode in config.field_modes().items():
        value = (details.get(name) or "").strip()
        if mode == FieldMode.OFF:
            value = ""
        elif mode == FieldMode.REQUIRED and not value:
            errors[name] = _("Indique su %(field)s.") % {"field": FIELD_LABELS[name]}
        cleaned[name] = value
    return cleaned, errors


def _check_mode(
    config: RegistrationSettings, mode: str, venue: Venue | None
) -> tuple[str, Venue | None]:
    if mode == AttendanceMode.IN_PERSON:
        if not config.allow_in_person:
            raise ValidationError({"mode": _("Esta edición no tiene asistencia presencial.")})
        if venue is None:
            raise ValidationError({"venue": _("Elija la sede a la que asistirá.")})
        if venue.edition_id != config.edition_id or venue.is_virtual:
            raise ValidationError({"venue": _("Esa sede no es de esta edición.")})
        return mode, venue
    if mode == AttendanceMode.ONLINE:
        if not config.allow_online:
            raise ValidationError({"mode": _("Esta edición no tiene asistencia en línea.")})
        return mode, None
    raise ValidationError({"mode": _("Elija cómo asistirá: presencial o en línea.")})


def registration_create(
    *,
    edition: Edition,
    user: Any,
    mode: str,
    name: str,
    venue: Venue | None = None,
    organisation: str = "",
    sector: str = "",
    state: str = "",
    accessibility_needs: str = "",
    listed: bool = False,
    consent_given: bool,
    language: str = "es-mx",
    actor: Any = None,
    notify: bool = True,
    now: dt.datetime | None = None,
) -> Registration:
    """Register the account's owner to the edition: confirmed if a seat is free, else waiting."""
    from datacon.people.privacy_selectors import privacy_notice_current
    from datacon.people.privacy_services import consent_record

    now = now or timezone.now()
    email = (getattr(user, "email", "") or "").strip().lower()
    if not email:
        raise ValidationError(
            _("Su cuenta no tiene correo electrónico; agréguelo antes de registrarse.")
        )
    with transaction.atomic():
        config = _settings_locked(edition)
        window = registration_window(config=config, now=now)
        if window != WindowState.OPEN:
            raise ValidationError(WINDOW_MESSAGES[window], code="closed")
        notice = privacy_notice_current(edition=edition)
        if notice is None:
            raise ValidationError(
                _(
                    "El registro no puede recibir datos hasta que se publique el aviso de privacidad de la edición."
                ),
                code="no_notice",
            )
        existing = (
            Registration.objects.filter(edition=edition, status__in=ACTIVE_STATUSES)
            .filter(Q(user=user) | Q(email__iexact=email))
            .first()
        )
        if existing is not None:
            raise ValidationError(
                _(
                    "Ya hay un registro con el correo %(email)s en esta edición (boleto %(code)s). "
                    "Solo se permite uno por persona: consúltelo o cámbielo en «Mi cuenta»."
                )
                % {"email": email, "code": existing.ticket_display},
                code="duplicate",
            )
        errors: dict[str, Any] = {}
        if not consent_given:
            errors["consent"] = _("Para registrarse debe aceptar el aviso de privacidad.")
        if not name.strip():
            errors["name"] = _("Indique su nombre completo.")
        details, field_errors = _clean_details(
            config,
            {
                "organisation": organisation,
                "sector": sector,
                "state": state,
                "accessibility_needs": accessibility_needs,
            },
        )
        errors.update(field_errors)
        if errors:
            raise ValidationError(errors)
        mode, venue = _check_mode(config, mode, venue)
        has_seat = _pool_has_seat(config, mode, venue.pk if venue else None)
        registration = Registration(
            edition=edition,
            user=user,
            email=email,
            name=name.strip(),
            listed=bool(listed) and config.public_list_enabled,
            mode=mode,
            venue=venue,
            status=CONFIRMED if has_seat else WAITING,
            confirmed_at=now if has_seat else None,
            queue_number=_next_queue_number(config),
            ticket_code=_ticket_code_unique(),
            language=language,
            **details,
        )
        registration.full_clean(exclude=["consent", "user"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:  # a backstop: the settings lock already serialises this
            raise ValidationError(
                _("Ya tiene un registro en esta edición."), code="duplicate"
            ) from error
        registration.consent = consent_record(
            user=user, notice=notice, purpose=ConsentPurpose.REGISTRATION, actor=Actor.of(user)
        )
        registration.save(update_fields=["consent"])
        audit_record(
            actor=_actor(actor) or user,
            action="registration.create",
            instance=registration,
            changes={"status": registration.status, "mode": mode, "venue": registration.venue_id},
        )
        public_version_bump(REGISTRATION)
        if notify:
            if registration.status == CONFIRMED:
                emails.registration_email(registration=registration, kind="confirmed")
            else:
                emails.registration_email(
                    registration=registration,
                    kind="waiting",
                    position=waiting_position(registration=registration),
                )
    return registration


def registration_update(
    *,
    registration: Registration,
    actor: Any,
    name: str,
    mode: str,
    venue: Venue | None = None,
    organisation: str = "",
    sector: str = "",
    state: str = "",
    accessibility_needs: str = "",
    listed: bool = False,
) -> Registration:
    """Correct one's details, or move between venues/online when the other side has a seat.

    A confirmed person never loses their seat by trying to move to a full
    venue: the change is refused and everything stays as it was.
    """
    with transaction.atomic():
        config = _settings_locked(registration.edition)
        current = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
        if current.status == CANCELLED:
            raise ValidationError(_("Este registro está cancelado; regístrese de nuevo."))
        errors: dict[str, Any] = {}
        if not name.strip():
            errors["name"] = _("Indique su nombre completo.")
        details, field_errors = _clean_details(
            config,
            {
                "organisation": organisation,
                "sector": sector,
                "state": state,
                "accessibility_needs": accessibility_needs,
            },
        )
        errors.update(field_errors)
        if errors:
            raise ValidationError(errors)
        mode, venue = _check_mode(config, mode, venue)
        venue_id = venue.pk if venue else None
        moved = (mode, venue_id) != (current.mode, current.venue_id)
        old_pool = (current.mode, current.venue_id)
        was_confirmed = current.status == CONFIRMED
        if moved:
            has_seat = _pool_has_seat(config, mode, venue_id)
            if was_confirmed and not has_seat:
                raise ValidationError(
                    {
                        "venue" if venue else "mode": _(
                            "No hay lugares libres ahí; su registro actual se mantiene sin cambios."
                        )
                    }
                )
            current.mode, current.venue = mode, venue
            if not was_confirmed:
                if has_seat:
                    current.status, current.confirmed_at = CONFIRMED, timezone.now()
                else:
                    current.queue_number = _next_queue_number(config)  # end of the new line
        changed = [
            key
            for key, value in {
                "name": name.strip(),
                "listed": bool(listed) and config.public_list_enabled,
                **details,
            }.items()
            if getattr(current, key) != value
        ]
        current.name = name.strip()
        current.listed = bool(listed) and config.public_list_enabled
        for key, value in details.items():
            setattr(current, key, value)
        current.full_clean(exclude=["consent", "user"])
        current.save()
        audit_record(
            actor=actor,
            action="registration.update",
            instance=current,
            changes={"fields": sorted(changed), "moved": moved},
        )
        if moved and was_confirmed:
            _pool_promote(config, *old_pool)
        if moved and not was_confirmed and current.status == CONFIRMED:
            emails.registration_email(registration=current, kind="confirmed")
        public_version_bump(REGISTRATION)
    return current


def registration_cancel(
    *, registration: Registration, actor: Any, notify_owner: bool = True
) -> tuple[Registration, bool]:
    """Cancel a registration and its workshop seats; promote whoever waits. Idempotent.

    Returns (registration, changed): `changed` is False when it was already cancelled.
    """
    with transaction.atomic():
        config = _settings_locked(registration.edition)
        current = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("edition", "venue")
            .get(pk=registration.pk)
        )
        if current.status == CANCELLED:
            return current, False
        was_confirmed = current.status == CONFIRMED
        _signups_cancel(current, keep_confirmed=False)
        current.status = CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(actor=_actor(actor), action="registration.cancel", instance=current)
        if notify_owner:
            emails.registration_email(registration=current, kind="cancelled")
        if was_confirmed:
            _pool_promote(config, current.mode, current.venue_id)
        public_version_bump(REGISTRATION)
    return current, True


def _signups_cancel(registration: Registration, *, keep_confirmed: bool) -> None:
    """Cancel a registration's session sign-ups (caller holds the registration lock)."""
    signups = list(
        SessionSignup.objects.filter(registration=registration, status__in=ACTIVE_STATUSES)
        .order_by("session_id")
        .values_list("pk", "session_id")
    )
    for signup_id, session_id in signups:
        seats = (
            SessionSeats.objects.select_for_update(of=("self",))
            .filter(session_id=session_id)
            .first()
        )
        signup = SessionSignup.objects.select_for_update(of=("self",)).get(pk=signup_id)
        if signup.status == CANCELLED or (keep_confirmed and signup.status == CONFIRMED):
            continue
        was_confirmed = signup.status == CONFIRMED
        signup.status = CANCELLED
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["status", "cancelled_at", "updated_at"])
        if seats is not None and was_confirmed:
            _session_promote(seats)


def registration_anonymise(*, registration: Registration) -> Registration:
    """Remove everything that identifies the person; keep what aggregate figures need.

    Kept: edition, mode, venue, status, sector, state, dates and attendance.
    A confirmed seat stays confirmed (the printed ticket still opens the door
    and the figures do not move); a place in a waiting line is given up, since
    nobody could be told about a promotion any more.
    """
    with transaction.atomic():
        # Lock order: the edition's settings first, as every registration write does.
        RegistrationSettings.objects.select_for_update(of=("self",)).filter(
            edition_id=registration.edition_id
        ).first()
        current = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
        if current.status == WAITING:
            current.status = CANCELLED
            current.cancelled_at = timezone.now()
        _signups_cancel(current, keep_confirmed=True)
        for name in Registration.PERSONAL_FIELDS:
            setattr(current, name, "")
        current.listed = False
        current.user = None
        current.consent = None
        current.anonymised_at = timezone.now()
        current.save()
        audit_record(actor=None, action="registration.anonymise", instance=current)
        public_version_bump(REGISTRATION)
    return current


def cancel_link_resend(*, registration: Registration) -> bool:
    """Send a fresh cancellation link to the registration's own address (nothing else)."""
    if registration.status == CANCELLED or not registration.email:
        return False
    with transaction.atomic():
        emails.registration_email(registration=registration, kind="cancel_link")
        audit_record(actor=None, action="registration.cancel_link", instance=registration)
    return True


# --- sessions with limited seats ---------------------------------------------------------------


def _session_promote(seats: SessionSeats, *, notify: bool = True) -> list[SessionSignup]:
    """Confirm people waiting for this session while seats are free (caller holds the lock)."""
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
        signup.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit_record(actor=None, action="signup.promote", instance=signup)
        if notify:
            emails.signup_email(signup=signup, kind="promoted")
    return promoted


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


def session_signup(
    *, registration: Registration, session: Session, actor: Any, notify: bool = True
) -> tuple[SessionSignup, bool]:
    """Take a seat in a limited session, or a place in its line. Idempotent.

    Returns (signup, created). A second click finds the existing sign-up.
    """
    with transaction.atomic():
        current = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("edition", "venue")
            .get(pk=registration.pk)
        )
        if current.edition_id != session.edition_id:
            raise ValidationError(_("Su registro es de otra edición."))
        if current.status != CONFIRMED:
            raise ValidationError(
                _("Para inscribirse a un taller necesita un registro confirmado a la edición.")
            )
        seats = (
            SessionSeats.objects.select_for_update(of=("self",))
            .filter(session_id=session.pk)
            .first()
        )
        if seats is None:
            raise ValidationError(_("Esta sesión no requiere inscripción: es de entrada libre."))
        if not seats.signups_open or session.status != SessionStatus.CONFIRMED:
            raise ValidationError(_("La inscripción a esta sesión está cerrada."))
        if session.starts_at and session.starts_at <= timezone.now():
            raise ValidationError(_("Esta sesión ya empezó."))
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
        confirmed = SessionSignup.objects.filter(session=session, status=CONFIRMED).count()
        has_seat = confirmed < seats.capacity
        signup = SessionSignup.objects.create(
            registration=current,
            session=session,
            status=CONFIRMED if has_seat else WAITING,
            confirmed_at=timezone.now() if has_seat else None,
            queue_number=_next_queue_number(seats),
        )
        audit_record(
            actor=_actor(actor),
            action="signup.create",
            instance=signup,
            changes={"status": signup.status, "queue_number": signup.queue_number},
        )
        public_version_bump(REGISTRATION)
        if notify:
            signup.session = session
            if has_seat:
                emails.signup_email(signup=signup, kind="confirmed")
            else:
                emails.signup_email(
                    signup=signup, kind="waiting", position=signup_position(signup=signup)
                )
    return signup, True


def session_signup_cancel(*, signup: SessionSignup, actor: Any) -> tuple[SessionSignup, bool]:
    """Give up a seat (or a place in line); the first person waiting gets the seat."""
    with transaction.atomic():
        Registration.objects.select_for_update(of=("self",)).filter(
            pk=signup.registration_id
        ).first()
        seats = (
            SessionSeats.objects.select_for_update(of=("self",))
            .filter(session_id=signup.session_id)
            .first()
        )
        current = SessionSignup.objects.select_for_update(of=("self",)).get(pk=signup.pk)
        if current.status == CANCELLED:
            return current, False
        was_confirmed = current.status == CONFIRMED
        current.status = CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(actor=_actor(actor), action="signup.cancel", instance=current)
        if seats is not None and was_confirmed:
            _session_promote(seats)
        public_version_bump(REGISTRATION)
    return current, True


def session_seats_save(*, seats: SessionSeats, actor: Any) -> SessionSeats:
    """Configure a session's seats; more seats promote people waiting straight away."""
    with transaction.atomic():
        if seats.pk:
            SessionSeats.objects.select_for_update(of=("self",)).filter(pk=seats.pk).first()
        seats = record_save(instance=seats, actor=actor)
        locked = SessionSeats.objects.select_for_update(of=("self",)).get(pk=seats.pk)
        _session_promote(locked)
    return seats


def registration_settings_save(*, config: RegistrationSettings, actor: Any) -> RegistrationSettings:
    with transaction.atomic():
        config = record_save(instance=config, actor=actor)
        waitlists_promote(edition=config.edition, actor=actor)
    return config


def waitlists_promote(*, edition: Edition, actor: Any = None) -> int:
    """Fill every free seat of the edition from its waiting lines (after a capacity grew)."""
    promoted = 0
    with transaction.atomic():
        config = (
            RegistrationSettings.objects.select_for_update(of=("self",))
            .filter(edition=edition)
            .first()
        )
        if config is None:
            return 0
        pools = set(
            Registration.objects.filter(edition=edition, status=WAITING).values_list(
                "mode", "venue_id"
            )
        )
        for mode, venue_id in sorted(pools, key=lambda pool: (pool[0], pool[1] or 0)):
            promoted += len(_pool_promote(config, mode, venue_id))
        for seats in (
            SessionSeats.objects.select_for_update(of=("self",))
            .filter(session__edition=edition)
            .order_by("session_id")
        ):
            promoted += len(_session_promote(seats))
        if promoted:
            audit_record(
                actor=_actor(actor),
                action="registration.waitlists_promote",
                instance=config,
                changes={"promoted": promoted},
            )
            public_version_bump(REGISTRATION)
    return promoted


# --- check-in ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInOutcome:
    """What the check-in screen shows. `ok` is True for a new check-in and for a repeat."""

    kind: str  # checked_in | already | invalid | not_found | other_edition | cancelled | waiting | wrong_place | no_seat
    message: str
    ok: bool = False
    name: str = ""
    ticket: str = ""
    at: dt.datetime | None = None

    def as_json(self) -> dict[str, Any]:
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
    ticket = registration.ticket_display
    if registration.edition_id != edition.pk:
        return None, CheckInOutcome(
            kind="other_edition",
            ticket=ticket,
            message=_("Este boleto es de otra edición: %(edition)s.")
            % {"edition": registration.edition.title},
        )
    if registration.status == CANCELLED:
        return None, CheckInOutcome(
            kind="cancelled",
            ticket=ticket,
            name=_person(registration),
            message=_("Este registro fue cancelado; no da acceso."),
        )
    if registration.status == WAITING:
        return None, CheckInOutcome(
            kind="waiting",
            ticket=ticket,
            name=_person(registration),
            message=_("Este registro está en lista de espera (lugar %(n)s); aún no tiene lugar.")
            % {"n": waiting_position(registration=registration)},
        )
    return registration, None


def checkin_venue(*, venue: Venue, code: str, actor: Any) -> CheckInOutcome:
    """Record arrival at a venue. A second scan changes nothing and says when the first was."""
    edition = venue.edition
    with transaction.atomic():
        registration, refusal = _find_for_checkin(code, edition)
        if refusal is not None:
            return refusal
        assert registration is not None
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
        if registration.checked_in_at is not None:
            return CheckInOutcome(
                kind="already",
                ok=True,
                ticket=ticket,
                name=name,
                at=registration.checked_in_at,
                message=_("Ya registrado a las %(time)s.")
                % {"time": _hhmm(registration.checked_in_at, edition)},
            )
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = _actor(actor)
        registration.save(update_fields=["checked_in_at", "checked_in_by", "updated_at"])
        audit_record(actor=actor, action="registration.checkin", instance=registration)
        public_version_bump(REGISTRATION)
        return CheckInOutcome(
            kind="checked_in",
            ok=True,
            ticket=ticket,
            name=name,
            at=registration.checked_in_at,
            message=_("Entrada registrada a las %(time)s.")
            % {"time": _hhmm(registration.checked_in_at, edition)},
        )


def checkin_session(*, session: Session, code: str, actor: Any) -> CheckInOutcome:
    """Record attendance at a session. Limited sessions admit people with a seat, or at the
    door while seats are free; open sessions admit every confirmed registration."""
    edition = session.edition
    with transaction.atomic():
        registration, refusal = _find_for_checkin(code, edition)
        if refusal is not None:
            return refusal
        assert registration is not None
        ticket, name = registration.ticket_display, _person(registration)
        seats = SessionSeats.objects.select_for_update(of=("self",)).filter(session=session).first()
        signup = (
            SessionSignup.objects.select_for_update(of=("self",))
            .filter(registration=registration, session=session, status__in=ACTIVE_STATUSES)
            .first()
        )
        if signup is not None and signup.checked_in_at is not None:
            return CheckInOutcome(
                kind="already",
                ok=True,
                ticket=ticket,
                name=name,
                at=signup.checked_in_at,
                message=_("Ya registrado a las %(time)s.")
                % {"time": _hhmm(signup.checked_in_at, edition)},
            )
        now = timezone.now()
        seat_free = seats is None or (
            SessionSignup.objects.filter(session=session, status=CONFIRMED).count() < seats.capacity
        )
        if signup is None or signup.status == WAITING:
            if not seat_free:
                position = signup_position(signup=signup) if signup else None
                return CheckInOutcome(
                    kind="no_seat",
                    ticket=ticket,
                    name=name,
                    message=(
                        _(
                            "La sesión está llena; esta persona está en lista de espera (lugar %(n)s)."
                        )
                        % {"n": position}
                        if position
                        else _("La sesión está llena y esta persona no tiene lugar.")
                    ),
                )
            if signup is None:
                signup = SessionSignup(
                    registration=registration,
                    session=session,
                    walk_in=True,
                    queue_number=_next_queue_number(seats) if seats else 0,
                )
            signup.status = CONFIRMED
            signup.confirmed_at = now
        signup.checked_in_at = now
        signup.checked_in_by = _actor(actor)
        signup.save()
        audit_record(actor=actor, action="signup.checkin", instance=signup)
        public_version_bump(REGISTRATION)
        return CheckInOutcome(
            kind="checked_in",
            ok=True,
            ticket=ticket,
            name=name,
            at=now,
            message=_("Entrada registrada a las %(time)s.") % {"time": _hhmm(now, edition)},
        )


def online_join_record(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    """Count online attendance when the person opens their streaming link during the event."""
    now = now or timezone.now()
    edition = registration.edition
    if registration.status != CONFIRMED or registration.mode != AttendanceMode.ONLINE:
        return False
    if registration.joined_online_at is not None or edition.start_date is None:
        return False
    today = now.astimezone(edition.tz).date()
    if not (edition.start_date <= today <= (edition.end_date or edition.start_date)):
        return False
    updated = Registration.objects.filter(pk=registration.pk, joined_online_at__isnull=True).update(
        joined_online_at=now
    )
    if updated:
        public_version_bump(REGISTRATION)
    return bool(updated)


# --- messages to many -----------------------------------------------------------------------------


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Queue the reminder of every edition whose reminder time has come. Idempotent.

    People who objected to reminders are skipped (and not marked, so lifting
    the objection before the event brings the reminder back).
    """
    from datacon.people.privacy_selectors import users_objecting

    now = now or timezone.now()
    queued = 0
    for config in RegistrationSettings.objects.filter(reminder_hours_before__gt=0).select_related(
        "edition"
    ):
        starts = edition_starts_at(edition=config.edition)
        if starts is None or not (
            starts - dt.timedelta(hours=config.reminder_hours_before) <= now < starts
        ):
            continue
        due = list(
            Registration.objects.filter(
                edition=config.edition, status=CONFIRMED, reminded_at__isnull=True
            )
            .exclude(email="")
            .values_list("pk", "user_id")
        )
        objecting = users_objecting(
            use=NonEssentialUse.REMINDERS, user_ids=[u for _pk, u in due if u]
        )
        for pk, user_id in due:
            if user_id in objecting:
                continue
            with transaction.atomic():
                registration = (
                    Registration.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("edition", "venue")
                    .filter(pk=pk, reminded_at__isnull=True, status=CONFIRMED)
                    .first()
                )
                if registration is None:
                    continue
                emails.registration_email(registration=registration, kind="reminder")
                registration.reminded_at = now
                registration.save(update_fields=["reminded_at", "updated_at"])
                queued += 1
    return queued


def streaming_links_send(*, edition: Edition, actor: Any) -> int:
    """Send the streaming link to confirmed online attendees who have not received it yet."""
    config = RegistrationSettings.objects.filter(edition=edition).select_related("edition").first()
    if config is None or not streaming_url_for(config=config):
        raise ValidationError(
            _("Primero indique el enlace de la transmisión en la configuración del registro.")
        )
    sent = 0
    pending = list(
        Registration.objects.filter(
            edition=edition,
            status=CONFIRMED,
            mode=AttendanceMode.ONLINE,
            streaming_sent_at__isnull=True,
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for pk in pending:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("edition")
                .filter(pk=pk, streaming_sent_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            emails.registration_email(registration=registration, kind="streaming", actor=actor)
            registration.streaming_sent_at = timezone.now()
            registration.save(update_fields=["streaming_sent_at", "updated_at"])
            sent += 1
    audit_record(
        actor=_actor(actor),
        action="registration.streaming_links",
        instance=config,
        changes={"sent": sent},
    )
    return sent


# --- attendee export (logged) ---------------------------------------------------------------------


def attendees_export_csv(
    *, edition: Edition, actor: Any, with_personal_data: bool
) -> tuple[str, bytes]:
    """The attendee list as CSV, logged. Personal columns need `export_private_attendees`."""
    if with_personal_data and not actor.has_perm("registration.export_private_attendees"):
        raise PermissionDenied(_("No tiene permiso para exportar datos personales de asistentes."))
    rows = attendee_rows(edition=edition, with_personal_data=with_personal_data)
    columns = EXPORT_COLUMNS + (PERSONAL_EXPORT_COLUMNS if with_personal_data else [])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([key for key, _label in columns])
    for row in rows:
        writer.writerow([row.get(key, "") for key, _label in columns])
    with transaction.atomic():
        log = AttendeeExport.objects.create(
            edition=edition,
            actor=_actor(actor),
            with_personal_data=with_personal_data,
            rows=len(rows),
        )
        audit_record(
            actor=actor,
            action="registration.export_personal" if with_personal_data else "registration.export",
            instance=log,
            summary=_("Exportación de asistentes de %(edition)s (%(rows)s filas)")
            % {"edition": edition.slug, "rows": len(rows)},
        )
    suffix = "con-datos-personales" if with_personal_data else "sin-datos-personales"
    return f"asistentes-{edition.slug}-{suffix}.csv", ("\ufeff" + buffer.getvalue()).encode("utf-8")
