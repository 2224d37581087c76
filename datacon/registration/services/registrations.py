"""Registering to an edition: sign up, correct or move, cancel; the organisers' settings.

Creating and updating share one validation path (`_details_checked`): the
organisers' field choices, the name, and how the person attends. A confirmed
person never loses their seat by trying to move to a full venue. When a seat
frees up, the first person waiting is confirmed in the same transaction and a
message is queued for them. Nothing here demotes anyone: lowering a capacity
below the confirmed count only stops new confirmations.

Who may: the account's owner registers, corrects and cancels their own
registration; organisers of the edition may cancel it too; a cancellation link
from an e-mail (checked here) lets its holder cancel without signing in.
Anything else is `PermissionDenied` (a 403), never a form error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Venue
from datacon.people.models_privacy import ConsentPurpose, PrivacyNotice
from datacon.registration import emails
from datacon.registration.models import (
    ACTIVE_STATUSES,
    AttendanceMode,
    FieldMode,
    Registration,
    RegistrationAction,
    RegistrationSettings,
    RegistrationStatus,
    ticket_code_new,
)
from datacon.registration.selectors import (
    WINDOW_MESSAGES,
    WindowState,
    registration_window,
    waiting_position,
)
from datacon.registration.services.seats import (
    pool_has_seat,
    pool_promote,
    registration_queue_next,
    settings_locked,
    waitlists_promote,
)
from datacon.registration.services.workshops import signups_cancel
from datacon.registration.tokens import CancelTokenInvalid, cancel_token_read

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED

FIELD_LABELS = {
    "organisation": gettext_lazy("organización"),
    "sector": gettext_lazy("sector"),
    "state": gettext_lazy("entidad federativa"),
    "accessibility_needs": gettext_lazy("necesidades de accesibilidad"),
}


@dataclass(frozen=True)
class Details:
    """What a person tells about themselves, checked against the organisers' choices."""

    name: str
    mode: str
    venue: Venue | None
    listed: bool
    fields: dict[str, str]  # organisation, sector, state, accessibility_needs

    def values(self) -> dict[str, object]:
        return {"name": self.name, "listed": self.listed, **self.fields}


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


def _details_checked(
    config: RegistrationSettings,
    *,
    name: str,
    mode: str,
    venue: Venue | None,
    listed: bool,
    fields: dict[str, str],
    consent_given: bool | None = None,
) -> Details:
    """The one validation of a registration's details, for creating and for updating.

    Fields the organisers do not ask are dropped; required ones must be filled;
    `consent_given` is checked when registering (None: not asked, when correcting).
    """
    errors: dict[str, str] = {}
    if consent_given is False:
        errors["consent"] = _("Para registrarse debe aceptar el aviso de privacidad.")
    if not name.strip():
        errors["name"] = _("Indique su nombre completo.")
    cleaned: dict[str, str] = {}
    for field, field_mode in config.field_modes().items():
        value = (fields.get(field) or "").strip()
        if field_mode == FieldMode.OFF:
            value = ""
        elif field_mode == FieldMode.REQUIRED and not value:
            errors[field] = _("Indique su %(field)s.") % {"field": FIELD_LABELS[field]}
        cleaned[field] = value
    if errors:
        raise ValidationError(errors)
    mode, venue = _check_mode(config, mode, venue)
    return Details(
        name=name.strip(),
        mode=mode,
        venue=venue,
        listed=bool(listed) and config.public_list_enabled,
        fields=cleaned,
    )


def _ticket_code_unique() -> str:
    while True:
        code = ticket_code_new()
        if not Registration.objects.filter(ticket_code=code).exists():
            return code


def _may_register(
    config: RegistrationSettings, edition: Edition, now: dt.datetime
) -> PrivacyNotice:
    """The current privacy notice, once the window is open and a notice exists (else refuse)."""
    from datacon.people.privacy_selectors import privacy_notice_current

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
    return notice


def _refuse_a_second(edition: Edition, user: User, email: str) -> None:
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


def registration_create(
    *,
    edition: Edition,
    user: User,
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
    actor: Actor,
    notify: bool = True,
    now: dt.datetime | None = None,
) -> Registration:
    """Register the account's owner to the edition: confirmed if a seat is free, else waiting.

    Only the account itself registers (the platform may too: loaders, tests).
    """
    from datacon.people.privacy_services import consent_record

    now = now or timezone.now()
    email = (user.email or "").strip().lower()
    if not email:
        raise ValidationError(
            _("Su cuenta no tiene correo electrónico; agréguelo antes de registrarse.")
        )
    with unit_of_work(actor) as work:
        account = work.actor.account
        if not (work.actor.is_system or (account is not None and account.pk == user.pk)):
            raise PermissionDenied(_("Solo la persona titular de la cuenta puede registrarse."))
        config = settings_locked(edition.pk)
        notice = _may_register(config, edition, now)
        _refuse_a_second(edition, user, email)
        details = _details_checked(
            config,
            name=name,
            mode=mode,
            venue=venue,
            listed=listed,
            consent_given=consent_given,
            fields={
                "organisation": organisation,
                "sector": sector,
                "state": state,
                "accessibility_needs": accessibility_needs,
            },
        )
        has_seat = pool_has_seat(config, details.mode, details.venue.pk if details.venue else None)
        registration = Registration(
            edition=edition,
            user=user,
            email=email,
            mode=details.mode,
            venue=details.venue,
            status=CONFIRMED if has_seat else WAITING,
            confirmed_at=now if has_seat else None,
            queue_number=registration_queue_next(edition.pk),
            ticket_code=_ticket_code_unique(),
            language=language,
            name=details.name,
            listed=details.listed,
            **details.fields,
        )
        registration.consent = consent_record(
            user=user, notice=notice, purpose=ConsentPurpose.REGISTRATION, actor=work.actor
        )
        _save_new(work, registration)
        if notify:
            _tell_new(work, registration)
    return registration


def _save_new(outer: Work, registration: Registration) -> None:
    try:
        with unit_of_work(outer.actor) as work:  # a savepoint: the backstop below keeps the rest
            work.save(
                registration,
                action=RegistrationAction.REGISTRATION_CREATE,
                exclude_from_validation=["consent", "user"],
                extra_changes={
                    "status": registration.status,
                    "mode": registration.mode,
                    "venue": registration.venue_id,
                },
            )
    except IntegrityError as error:  # a backstop: the settings lock already serialises this
        raise ValidationError(
            _("Ya tiene un registro en esta edición."), code="duplicate"
        ) from error


def _tell_new(work: Work, registration: Registration) -> None:
    if registration.status == CONFIRMED:
        emails.registration_email(registration=registration, kind="confirmed", actor=work.actor)
    else:
        emails.registration_email(
            registration=registration,
            kind="waiting",
            position=waiting_position(registration=registration),
            actor=work.actor,
        )


def registration_update(
    *,
    registration: Registration,
    actor: Actor,
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
    with unit_of_work(actor) as work:
        require(work.actor, "registration.change", registration)
        config = settings_locked(registration.edition_id)
        current = Registration.objects.select_for_update(of=("self",)).get(pk=registration.pk)
        if current.status == CANCELLED:
            raise ValidationError(_("Este registro está cancelado; regístrese de nuevo."))
        details = _details_checked(
            config,
            name=name,
            mode=mode,
            venue=venue,
            listed=listed,
            fields={
                "organisation": organisation,
                "sector": sector,
                "state": state,
                "accessibility_needs": accessibility_needs,
            },
        )
        old_pool = (current.mode, current.venue_id)
        was_confirmed = current.status == CONFIRMED
        moved = _move(config, current, details)
        changed = sorted(
            key for key, value in details.values().items() if getattr(current, key) != value
        )
        for key, value in details.values().items():
            setattr(current, key, value)
        work.save(
            current,
            action=RegistrationAction.REGISTRATION_UPDATE,
            exclude_from_validation=["consent", "user"],
            extra_changes={"fields": changed, "moved": moved},
        )
        if moved and was_confirmed:
            pool_promote(work, config, *old_pool)
        if moved and not was_confirmed and current.status == CONFIRMED:
            emails.registration_email(registration=current, kind="confirmed", actor=work.actor)
    return current


def _move(config: RegistrationSettings, current: Registration, details: Details) -> bool:
    """Put the registration in the pool the details ask for, if it changes (False if not)."""
    venue_id = details.venue.pk if details.venue else None
    if (details.mode, venue_id) == (current.mode, current.venue_id):
        return False
    has_seat = pool_has_seat(config, details.mode, venue_id)
    was_confirmed = current.status == CONFIRMED
    if was_confirmed and not has_seat:
        raise ValidationError(
            {
                "venue" if details.venue else "mode": _(
                    "No hay lugares libres ahí; su registro actual se mantiene sin cambios."
                )
            }
        )
    current.mode, current.venue = details.mode, details.venue
    if not was_confirmed:
        if has_seat:
            current.status, current.confirmed_at = CONFIRMED, timezone.now()
        else:
            current.queue_number = registration_queue_next(config.edition_id)  # end of the line
    return True


def registration_cancel(
    *, registration: Registration, actor: Actor, notify_owner: bool = True
) -> tuple[Registration, bool]:
    """Cancel a registration and its workshop seats; promote whoever waits. Idempotent.

    The registration's owner, or an organiser of the edition (PermissionDenied
    for anyone else). Returns (registration, changed): `changed` is False when
    it was already cancelled.
    """
    with unit_of_work(actor) as work:
        require(work.actor, "registration.cancel", registration)
        return _cancel(work, registration, notify_owner=notify_owner)


def registration_cancel_by_link(*, token: str, actor: Actor) -> tuple[Registration, bool]:
    """Cancel with the signed link of an e-mail: whoever holds a valid, unexpired link may."""
    try:
        data = cancel_token_read(token)
    except CancelTokenInvalid as error:
        raise PermissionDenied(_("El enlace para cancelar no es válido.")) from error
    registration = (
        Registration.objects.select_related("edition", "venue")
        .filter(pk=data.registration_id)
        .first()
    )
    if data.expired or registration is None or registration.ticket_code != data.ticket_code:
        raise PermissionDenied(_("El enlace para cancelar no es válido o ya venció."))
    with unit_of_work(actor) as work:
        return _cancel(work, registration, notify_owner=True)


def _cancel(
    work: Work, registration: Registration, *, notify_owner: bool
) -> tuple[Registration, bool]:
    config = settings_locked(registration.edition_id)
    current = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("edition", "venue")
        .get(pk=registration.pk)
    )
    if current.status == CANCELLED:
        return current, False
    was_confirmed = current.status == CONFIRMED
    signups_cancel(work, current, keep_confirmed=False)
    current.status = CANCELLED
    current.cancelled_at = timezone.now()
    work.save(
        current,
        fields=["status", "cancelled_at"],
        action=RegistrationAction.REGISTRATION_CANCEL,
    )
    if notify_owner:
        emails.registration_email(registration=current, kind="cancelled", actor=work.actor)
    if was_confirmed:
        pool_promote(work, config, current.mode, current.venue_id)
    return current, True


def cancel_link_resend(*, registration: Registration, actor: Actor) -> bool:
    """Send a fresh cancellation link to the registration's own address (nothing else), for
    the holder of an expired link: it can only reach the registration's owner."""
    if registration.status == CANCELLED or not registration.email:
        return False
    with unit_of_work(actor) as work:
        emails.registration_email(registration=registration, kind="cancel_link", actor=work.actor)
        work.record(RegistrationAction.REGISTRATION_CANCEL_LINK, registration)
    return True


def registration_settings_save(
    *, config: RegistrationSettings, actor: Actor
) -> RegistrationSettings:
    """The organisers' choices for the edition; a larger quota fills seats from the lines."""
    with unit_of_work(actor) as work:
        require(work.actor, "registration.manage", config.edition)
        work.save(config)
        waitlists_promote(edition=config.edition, actor=work.actor)
    return config
