"""Editions of the conference and where they happen.

The organiser's identity (name, logo, privacy contact) belongs to the edition,
not to the site: the body that organised 2021-2024 no longer exists, and the
next one will have its own name, logo and privacy notice.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.choices import MexicanState
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.people.models import Organisation, OrganisationKind


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("«%(value)s» no es una zona horaria válida (ejemplo: America/Mexico_City)."),
            params={"value": value},
        )


class EditionAction(AuditAction):
    """Audit actions of editions beyond plain create/update/delete (names kept from the log)."""

    PUBLISH = "edition.status.published"
    UNPUBLISH = "edition.status.draft"
    ARCHIVE = "edition.status.archived"
    CO_CONVENER_APPLY = "coconvener.apply"
    CO_CONVENER_APPROVE = "coconvener.approve"
    CO_CONVENER_REJECT = "coconvener.reject"
    VENUE_CANDIDATE_SELECT = "venuecandidate.selected"
    VENUE_CANDIDATE_CANDIDATE = "venuecandidate.candidate"
    VENUE_CANDIDATE_DISCARD = "venuecandidate.discarded"
    VENUE_CANDIDATE_UNSELECT = "venuecandidate.unselect"
    ROLE_GRANT = "editionrole.grant"
    ROLE_REVOKE = "editionrole.revoke"


class EditionMode(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    IN_PERSON = "in_person", _("Presencial")
    HYBRID = "hybrid", _("Híbrida")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    PUBLISHED = "published", _("Publicada")
    ARCHIVED = "archived", _("Archivada")


PUBLIC_EDITION_STATUSES = (EditionStatus.PUBLISHED, EditionStatus.ARCHIVED)


class Edition(TimeStampedModel):
    number = models.PositiveSmallIntegerField(_("número de edición"), unique=True)
    year = models.PositiveSmallIntegerField(_("año"), unique=True)
    slug = models.SlugField(_("identificador en URL"), max_length=40, unique=True, blank=True)
    title = models.CharField(_("título"), max_length=200, validators=[validate_single_line])
    theme = models.CharField(_("tema"), max_length=300, blank=True)
    summary = models.TextField(_("resumen"), blank=True, help_text=_("Markdown."))
    start_date = models.DateField(_("fecha de inicio"), null=True, blank=True)
    end_date = models.DateField(_("fecha de término"), null=True, blank=True)
    timezone = models.CharField(
        _("zona horaria"),
        max_length=64,
        default="America/Mexico_City",
        validators=[validate_timezone],
    )
    mode = models.CharField(_("modalidad"), max_length=12, choices=EditionMode.choices)
    status = models.CharField(
        _("estado"), max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organizador"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_editions",
        help_text=_("Su nombre y logotipo aparecen en todas las páginas de la edición."),
    )
    privacy_contact_email = models.EmailField(_("contacto de privacidad"), blank=True)
    privacy_notice_url = models.URLField(_("aviso de privacidad (URL)"), blank=True)
    website = models.URLField(_("sitio web de la edición"), blank=True)
    hashtag = models.CharField(_("etiqueta en redes"), max_length=60, blank=True)
    is_demo = models.BooleanField(
        _("edición de demostración (ficticia)"),
        default=False,
        help_text=_(
            "Una edición ficticia para probar la plataforma: nunca se compara ni se suma "
            "con las ediciones reales."
        ),
    )
    title_en = english_of(title)
    theme_en = english_of(theme)
    summary_en = english_of(summary)

    TRANSLATED_FIELDS = ("title", "theme", "summary")

    class Meta:
        verbose_name = _("edición")
        verbose_name_plural = _("ediciones")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date"))
                | models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True),
                name="edition_end_after_start",
                violation_error_message=_(
                    "La fecha de término no puede ser anterior a la de inicio."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if bool(self.start_date) != bool(self.end_date):
            errors["end_date"] = _("Indique ambas fechas o ninguna.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fecha de término no puede ser anterior a la de inicio.")
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["start_date"] = _("La fecha de inicio debe caer en el año de la edición.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("public:edition", kwargs={"edition": self.slug})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_EDITION_STATUSES

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def days(self) -> list[dt.date]:
        if not (self.start_date and self.end_date):
            return []
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=offset) for offset in range(count)]

    def day_number(self, day: dt.date) -> int:
        """1 for the first day of the edition; the day part of session codes."""
        if not self.start_date:
            return 1
        return (day - self.start_date).days + 1


class Venue(TimeStampedModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("nombre"), max_length=200, validators=[validate_single_line])
    is_virtual = models.BooleanField(_("virtual"), default=False)
    state = models.CharField(
        _("entidad federativa"), max_length=2, choices=MexicanState.choices, blank=True
    )
    city = models.CharField(_("ciudad o alcaldía"), max_length=120, blank=True)
    address = models.TextField(_("dirección"), blank=True)
    capacity = models.PositiveIntegerField(_("aforo"), null=True, blank=True)
    streaming_url = models.URLField(_("transmisión"), blank=True)
    opens_at = models.TimeField(_("abre"), null=True, blank=True)
    closes_at = models.TimeField(_("cierra"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("sede")
        verbose_name_plural = _("sedes")
        ordering = ["edition", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"],
                name="venue_unique_name_per_edition",
                violation_error_message=_("Ya existe una sede con ese nombre en la edición."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("La hora de cierre debe ser posterior a la de apertura.")}
            )
        if not self.is_virtual and not self.state:
            raise ValidationError(
                {"state": _("Una sede presencial necesita su entidad federativa.")}
            )

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class Room(TimeStampedModel):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("sede")
    )
    name = models.CharField(_("nombre"), max_length=120, validators=[validate_single_line])
    capacity = models.PositiveIntegerField(_("aforo"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    is_channel = models.BooleanField(
        _("canal de transmisión"),
        default=False,
        help_text=_(
            "En una sede virtual, cada transmisión simultánea es una sala: dos sesiones a la "
            "misma hora van en canales distintos."
        ),
    )
    platform_numbering = models.BooleanField(
        _("numeración de la plataforma"),
        default=False,
        help_text=_(
            "El nombre (Transmisión 1, 2…) es la numeración propia de la plataforma para las "
            "sesiones simultáneas, no un dato de las fuentes de la edición."
        ),
    )

    class Meta:
        verbose_name = _("sala")
        verbose_name_plural = _("salas")
        ordering = ["venue", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "name"],
                name="room_unique_name_per_venue",
                violation_error_message=_("Ya existe una sala con ese nombre en la sede."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.venue.name} · {self.name}"

    def clean(self) -> None:
        if self.is_channel and self.venue_id and not self.venue.is_virtual:
            raise ValidationError(
                {"is_channel": _("Solo una sede virtual tiene canales de transmisión.")}
            )
        if self.platform_numbering and not self.is_channel:
            raise ValidationError(
                {"platform_numbering": _("Solo los canales de transmisión se numeran así.")}
            )

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class OrganisationRole(models.TextChoices):
    ORGANISER = "organiser", _("Organizador")
    COMMITTEE = "committee", _("Comité organizador")
    CO_CONVENER = "co_convener", _("Organización co-convocante")
    ALLY = "ally", _("Aliado")


class EditionOrganisation(TimeStampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        on_delete=models.PROTECT,
        related_name="edition_roles",
    )
    role = models.CharField(_("papel"), max_length=20, choices=OrganisationRole.choices)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("organización participante")
        verbose_name_plural = _("organizaciones participantes")
        ordering = ["edition", "role", "order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation", "role"],
                name="edition_organisation_unique_role",
                violation_error_message=_("Esa organización ya tiene ese papel en la edición."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class SessionType(TimeStampedModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="session_types")
    name = models.CharField(_("nombre"), max_length=80, validators=[validate_single_line])
    slug = models.SlugField(_("identificador"), max_length=80)
    default_duration_minutes = models.PositiveSmallIntegerField(
        _("duración habitual (minutos)"), default=60
    )
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("tipo de sesión")
        verbose_name_plural = _("tipos de sesión")
        ordering = ["edition", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"],
                name="session_type_unique_slug",
                violation_error_message=_(
                    "Ya existe un tipo de sesión con ese identificador en la edición."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


# The kinds of session the seed documents use; every new edition starts with them.
DEFAULT_SESSION_TYPES: list[tuple[str, str, int]] = [
    ("Ceremonia", "ceremonia", 30),
    ("Conferencia", "conferencia", 60),
    ("Conversatorio", "conversatorio", 60),
    ("Presentación", "presentacion", 30),
    ("Taller", "taller", 90),
    ("Panel", "panel", 60),
    ("Mesa de diálogo", "mesa-de-dialogo", 60),
]


# --- Co-convening organisations (the memoria: the organising committee invites
# national and international institutions to co-convene each edition) ----------


class CoConvenerStatus(models.TextChoices):
    PENDING = "pending", _("Por revisar")
    APPROVED = "approved", _("Aprobada")
    REJECTED = "rejected", _("No aprobada")


class CoConvenerApplication(TimeStampedModel):
    """An organisation asking to co-convene an edition. Approval creates (or
    reuses) the public `Organisation` and its co-convener role; until then
    nothing of it is public. The contact person's data stays private."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="co_convener_applications",
    )
    organisation_name = models.CharField(
        _("nombre de la organización"), max_length=250, validators=[validate_single_line]
    )
    acronym = models.CharField(
        _("siglas"), max_length=40, blank=True, validators=[validate_single_line]
    )
    kind = models.CharField(
        _("tipo de organización"), max_length=20, choices=OrganisationKind.choices
    )
    website = models.URLField(_("sitio web"), blank=True)
    logo = models.ImageField(
        _("logotipo"),
        upload_to="co_conveners/",
        blank=True,
        validators=[FileCheck("image")],
        help_text=_("PNG, JPG o WebP. Aparecerá en la página de la edición si se aprueba."),
    )
    description = models.TextField(
        _("descripción pública de la organización"), max_length=1500, blank=True
    )
    motivation = models.TextField(
        _("¿cómo contribuirá a la edición?"),
        max_length=3000,
        help_text=_("Solo lo lee el comité organizador."),
    )
    contact_name = models.CharField(
        _("persona de contacto"), max_length=200, validators=[validate_single_line]
    )
    contact_email = models.EmailField(_("correo de contacto"))
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="co_convener_applications",
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=CoConvenerStatus.choices,
        default=CoConvenerStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decidida"), null=True, blank=True)
    decision_note = models.CharField(_("nota de la decisión"), max_length=500, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="co_convener_applications",
    )

    class Meta:
        verbose_name = _("solicitud de co-convocatoria")
        verbose_name_plural = _("solicitudes de co-convocatoria")
        ordering = ["edition", "-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_name} · {self.edition}"


# --- Where the next edition goes: the memoria's three criteria ------------------


class VenueCriterion(models.TextChoices):
    WILLINGNESS = (
        "willingness",
        _("Disposición del Organismo Garante Local y del gobierno del estado"),
    )
    ADVANCES = "advances", _("Avances y buenas prácticas en datos abiertos")
    COMMUNITY = "community", _("Comunidad activa de personas usuarias de datos")


VENUE_SCORE_MIN = 1
VENUE_SCORE_MAX = 5


class VenueCandidateStatus(models.TextChoices):
    CANDIDATE = "candidate", _("En estudio")
    SELECTED = "selected", _("Elegida")
    DISCARDED = "discarded", _("Descartada")


class VenueCandidate(TimeStampedModel):
    """A state considered to host an edition, scored on the memoria's criteria."""

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="venue_candidates",
    )
    state = models.CharField(_("entidad federativa"), max_length=2, choices=MexicanState.choices)
    guarantor_body = models.CharField(_("organismo garante local"), max_length=250, blank=True)
    notes = models.TextField(_("notas generales"), blank=True)
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=VenueCandidateStatus.choices,
        default=VenueCandidateStatus.CANDIDATE,
    )

    class Meta:
        verbose_name = _("entidad candidata a sede")
        verbose_name_plural = _("entidades candidatas a sede")
        ordering = ["edition", "state"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "state"],
                name="venue_candidate_unique_state",
                violation_error_message=_("Esa entidad ya es candidata para la edición."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()} · {self.edition}"


class VenueCandidateScore(TimeStampedModel):
    candidate = models.ForeignKey(VenueCandidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(_("criterio"), max_length=12, choices=VenueCriterion.choices)
    score = models.PositiveSmallIntegerField(_("puntuación"), null=True, blank=True)
    evidence = models.TextField(_("evidencia"), blank=True)
    evidence_url = models.URLField(_("enlace a la evidencia"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("puntuación de entidad candidata")
        verbose_name_plural = _("puntuaciones de entidades candidatas")
        ordering = ["candidate", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion"], name="venue_candidate_score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} · {self.get_criterion_display()}: {self.score}"

    def clean(self) -> None:
        if self.score is not None and not (VENUE_SCORE_MIN <= self.score <= VENUE_SCORE_MAX):
            raise ValidationError(
                {
                    "score": _("La puntuación debe estar entre %(min)s y %(max)s.")
                    % {"min": VENUE_SCORE_MIN, "max": VENUE_SCORE_MAX}
                }
            )


# Per-edition duties (organisers, check-in staff...) live in their own module.
from datacon.editions.models_access import EditionDuty as EditionDuty  # noqa: E402
from datacon.editions.models_access import EditionRole as EditionRole  # noqa: E402
