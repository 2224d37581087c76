"""Registration to an edition, seats in limited sessions, waiting lists and check-in.

* `RegistrationSettings`: per edition, what organisers chose (open dates,
  in person and/or online, which fields are asked and whether they are
  required). Its row is also the edition's lock: every registration write of
  the edition locks it first, so "one registration per person" and the
  venues' capacities hold under concurrency.
* `Registration`: one person at one edition, in person at a venue or online.
  Confirmed, waiting (in order of `queue_number`, the next after the edition's
  highest, taken under the settings lock) or cancelled. Carries an
  opaque random ticket code (the QR code encodes only that).
* `SessionSeats`: a session with limited seats (a workshop). Its row is the
  lock of that session's seats and waiting line.
* `SessionSignup`: one registration's seat (or place in line) in a session,
  and its check-in.
* `AttendeeExport`: every attendee export an organiser downloads.

Capacity of a venue is the venue's own "aforo" (`editions.Venue.capacity`);
empty means unlimited.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.choices import MexicanState
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction

# Crockford's base32 without I, L, O, U: readable aloud and typed without mix-ups.
TICKET_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TICKET_LENGTH = 12  # 60 random bits
TICKET_PATTERN = re.compile(rf"^[{TICKET_ALPHABET}]{{{TICKET_LENGTH}}}$")
_TYPING_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


class RegistrationAction(AuditAction):
    """Audit actions of registration beyond plain create/update/delete (values kept from the
    audit log's history: exports and cancellations are looked up by them)."""

    REGISTRATION_CREATE = "registration.create"
    REGISTRATION_UPDATE = "registration.update"
    REGISTRATION_PROMOTE = "registration.promote"
    REGISTRATION_CANCEL = "registration.cancel"
    REGISTRATION_ANONYMISE = "registration.anonymise"
    REGISTRATION_CANCEL_LINK = "registration.cancel_link"
    REGISTRATION_CHECKIN = "registration.checkin"
    REGISTRATION_ONLINE_JOIN = "registration.online_join"
    REGISTRATION_REMINDER = "registration.reminder"
    STREAMING_LINK = "registration.streaming_link"
    STREAMING_LINKS = "registration.streaming_links"
    WAITLISTS_PROMOTE = "registration.waitlists_promote"
    EXPORT = "registration.export"
    EXPORT_PERSONAL = "registration.export_personal"
    SIGNUP_CREATE = "signup.create"
    SIGNUP_PROMOTE = "signup.promote"
    SIGNUP_CANCEL = "signup.cancel"
    SIGNUP_CHECKIN = "signup.checkin"


def ticket_code_new() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def ticket_code_normalise(raw: str) -> str:
    """What a person typed or a camera read, as stored: upper case, no spaces or dashes."""
    text = re.sub(r"[\s\-–—.]", "", (raw or "").upper()).translate(_TYPING_FIXES)
    return text.removeprefix("DATACON:")


def ticket_code_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class FieldMode(models.TextChoices):
    OFF = "off", _("No se pide")
    OPTIONAL = "optional", _("Opcional")
    REQUIRED = "required", _("Obligatorio")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Sector público")
    GUARANTOR = "guarantor", _("Organismo garante de transparencia")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    ACADEMIA = "academia", _("Academia")
    PRIVATE = "private", _("Sector privado")
    MEDIA = "media", _("Medios de comunicación")
    INTERNATIONAL = "international", _("Organismo internacional")
    INDIVIDUAL = "individual", _("Persona a título individual")
    OTHER = "other", _("Otro")


ABROAD = "XX"
STATE_CHOICES = [*MexicanState.choices, (ABROAD, _("Fuera de México"))]


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("Presencial")
    ONLINE = "online", _("En línea")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmado")
    WAITING = "waiting", _("En lista de espera")
    CANCELLED = "cancelled", _("Cancelado")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)


class RegistrationSettings(TimeStampedModel):
    edition = models.OneToOneField(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="registration_settings",
    )
    is_open = models.BooleanField(
        _("registro abierto"),
        default=False,
        help_text=_("Además, el registro solo acepta entre las fechas de apertura y cierre."),
    )
    opens_at = models.DateTimeField(_("abre"), null=True, blank=True)
    closes_at = models.DateTimeField(_("cierra"), null=True, blank=True)
    allow_in_person = models.BooleanField(_("asistencia presencial"), default=True)
    allow_online = models.BooleanField(_("asistencia en línea"), default=True)
    online_capacity = models.PositiveIntegerField(
        _("cupo en línea"), null=True, blank=True, help_text=_("Vacío: sin límite.")
    )
    streaming_url = models.URLField(
        _("enlace de la transmisión"),
        blank=True,
        help_text=_(
            "Se envía a quienes se registran en línea. Vacío: el de la sede virtual de la edición."
        ),
    )
    organisation_field = models.CharField(
        _("organización"), max_length=10, choices=FieldMode.choices, default=FieldMode.OPTIONAL
    )
    sector_field = models.CharField(
        _("sector"), max_length=10, choices=FieldMode.choices, default=FieldMode.REQUIRED
    )
    state_field = models.CharField(
        _("entidad federativa"),
        max_length=10,
        choices=FieldMode.choices,
        default=FieldMode.REQUIRED,
    )
    accessibility_field = models.CharField(
        _("necesidades de accesibilidad"),
        max_length=10,
        choices=FieldMode.choices,
        default=FieldMode.OPTIONAL,
    )
    public_list_enabled = models.BooleanField(
        _("lista pública de asistentes"),
        default=True,
        help_text=_("Solo aparecen quienes lo piden al registrarse, con su nombre y organización."),
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        _("recordatorio (horas antes)"),
        default=48,
        help_text=_("0: sin recordatorio. Lo envía la tarea «send_event_reminders»."),
    )
    instructions = models.TextField(
        _("indicaciones"), blank=True, help_text=_("Markdown. Se muestra en la página de registro.")
    )

    class Meta:
        verbose_name = _("configuración del registro")
        verbose_name_plural = _("configuración del registro")
        permissions = [
            ("checkin_attendees", _("Puede registrar la entrada de asistentes")),
        ]

    def __str__(self) -> str:
        return str(_("Registro de %(edition)s") % {"edition": self.edition})

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("El cierre debe ser posterior a la apertura.")})
        if not (self.allow_in_person or self.allow_online):
            raise ValidationError(
                _("Permita al menos una forma de asistir: presencial o en línea.")
            )

    def public_scopes(self) -> tuple[str, ...]:
        # The edition page and the menu show whether registration exists.
        return (versions.CONFERENCE, versions.REGISTRATION)

    def field_modes(self) -> dict[str, str]:
        return {
            "organisation": self.organisation_field,
            "sector": self.sector_field,
            "state": self.state_field,
            "accessibility_needs": self.accessibility_field,
        }


class Registration(TimeStampedModel):
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    # --- personal data (erased when the account is deleted) -----------------------
    email = models.EmailField(_("correo"), blank=True)
    name = models.CharField(
        _("nombre completo"), max_length=200, blank=True, validators=[validate_single_line]
    )
    organisation = models.CharField(
        _("organización"), max_length=200, blank=True, validators=[validate_single_line]
    )
    accessibility_needs = models.TextField(_("necesidades de accesibilidad"), blank=True)
    listed = models.BooleanField(
        _("aparecer en la lista pública de asistentes"),
        default=False,
        help_text=_("Solo con su nombre y organización."),
    )
    # --- kept for aggregate figures ------------------------------------------------
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    state = models.CharField(
        _("entidad federativa"), max_length=2, choices=STATE_CHOICES, blank=True
    )
    mode = models.CharField(_("modalidad"), max_length=10, choices=AttendanceMode.choices)
    venue = models.ForeignKey(
        "editions.Venue",
        verbose_name=_("sede"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    queue_number = models.PositiveIntegerField(_("turno"), default=0)
    ticket_code = models.CharField(_("código del boleto"), max_length=16, unique=True)
    language = models.CharField(_("idioma"), max_length=8, default="es-mx")
    consent = models.ForeignKey(
        "people.Consent",
        verbose_name=_("consentimiento"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmado"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelado"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("entrada"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entrada registrada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    joined_online_at = models.DateTimeField(_("se conectó"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("recordatorio enviado"), null=True, blank=True)
    streaming_sent_at = models.DateTimeField(_("enlace enviado"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonimizado"), null=True, blank=True)

    PERSONAL_FIELDS = ("email", "name", "organisation", "accessibility_needs")

    class Meta:
        verbose_name = _("registro")
        verbose_name_plural = _("registros")
        ordering = ["edition", "created_at", "pk"]
        permissions = [
            ("view_private_attendees", _("Puede ver datos personales de asistentes")),
            ("export_private_attendees", _("Puede exportar asistentes con datos personales")),
        ]
        constraints = [
            # One active registration per person and edition (a cancelled one may be redone).
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=models.Q(user__isnull=False) & ~models.Q(status="cancelled"),
                name="registration_one_active_per_user",
                violation_error_message=_("Ya tiene un registro en esta edición."),
            ),
            models.UniqueConstraint(
                fields=["edition", "email"],
                condition=~models.Q(email="") & ~models.Q(status="cancelled"),
                name="registration_one_active_per_email",
                violation_error_message=_("Ese correo ya está registrado en esta edición."),
            ),
            models.CheckConstraint(
                condition=models.Q(mode="online") | models.Q(venue__isnull=False),
                name="registration_in_person_has_venue",
                violation_error_message=_("El registro presencial necesita una sede."),
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status", "mode"]),
            models.Index(fields=["venue", "status", "queue_number"]),
            # The end of the edition's waiting lines (MAX under the settings lock).
            models.Index(fields=["edition", "queue_number"], name="registration_edition_queue"),
        ]

    def __str__(self) -> str:
        # Never personal data: audit summaries and admin logs use this.
        return ticket_code_display(self.ticket_code)

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.REGISTRATION,)

    @property
    def ticket_display(self) -> str:
        return ticket_code_display(self.ticket_code)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class SessionSeats(TimeStampedModel):
    session = models.OneToOneField(
        "program.Session",
        verbose_name=_("sesión"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    capacity = models.PositiveIntegerField(_("lugares"), validators=[MinValueValidator(1)])
    signups_open = models.BooleanField(_("inscripción abierta"), default=True)

    class Meta:
        verbose_name = _("cupo de sesión")
        verbose_name_plural = _("cupos de sesiones (talleres)")
        ordering = ["session__edition", "session__day", "session__starts_at", "session__code"]

    def __str__(self) -> str:
        return str(_("%(session)s · %(n)s lugares") % {"session": self.session, "n": self.capacity})

    def public_scopes(self) -> tuple[str, ...]:
        # The session page shows a sign-up button when seats exist.
        return (versions.CONFERENCE, versions.REGISTRATION)


class SessionSignup(TimeStampedModel):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="signups", verbose_name=_("registro")
    )
    session = models.ForeignKey(
        "program.Session",
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("sesión"),
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    queue_number = models.PositiveIntegerField(_("turno"), default=0)
    walk_in = models.BooleanField(_("sin inscripción previa"), default=False)
    confirmed_at = models.DateTimeField(_("confirmado"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelado"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("entrada"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entrada registrada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inscripción a sesión")
        verbose_name_plural = _("inscripciones a sesiones")
        ordering = ["session", "queue_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=~models.Q(status="cancelled"),
                name="signup_one_active_per_session",
                violation_error_message=_("Ya está inscrito en esta sesión."),
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queue_number"])]

    def __str__(self) -> str:
        return f"{self.registration} · {self.session_id}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.REGISTRATION,)


class AttendeeExport(models.Model):
    """The log of attendee downloads: who, when, which edition, with personal data or not."""

    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edición")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("cuándo"), auto_now_add=True, db_index=True)
    with_personal_data = models.BooleanField(_("con datos personales"))
    rows = models.PositiveIntegerField(_("filas"))
    filters = models.JSONField(_("filtros"), default=dict, blank=True)

    class Meta:
        verbose_name = _("exportación de asistentes")
        verbose_name_plural = _("bitácora de exportaciones de asistentes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} · {self.edition_id}"
