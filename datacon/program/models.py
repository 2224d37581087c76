"""Sessions of an edition, who takes part in them, and what they leave behind.

Session codes follow the seed documents' scheme: "S" + day of the edition
(two digits) + order within that day (two digits), e.g. S0101 ... S0207. The
services assign them when an organiser leaves the code blank.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.bilingual import english_of
from datacon.common.choices import Language, Licence
from datacon.common.dates import fecha
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction
from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition, Room, SessionType, Venue
from datacon.people.models import Person

SESSION_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,15}$")
GENERATED_CODE_PATTERN = re.compile(r"^S(\d{2})(\d{2})$")


def validate_session_code(value: str) -> None:
    if value and not SESSION_CODE_PATTERN.match(value):
        raise ValidationError(
            _("El código solo admite mayúsculas, números y guiones (ejemplo: S0101)."),
            code="code_format",
        )


class ProgramAction(AuditAction):
    """Audit actions of the program beyond plain create/update/delete."""

    SESSION_RENUMBER = "session.renumber"
    PARTICIPATION_CONFIRM = "participation.confirm"
    PARTICIPATION_DECLINE = "participation.decline"
    PARTICIPATION_PEND = "participation.pend"
    SCHEDULE_PLACE = "schedule.place"
    SCHEDULE_UNPLACE = "schedule.unplace"
    SCHEDULE_UNDO = "schedule.undo"  # a move taken back from the builder: the session goes back
    SCHEDULE_PUBLISH = "schedule.publish"
    SCHEDULE_SYNC = "schedule.sync"
    PROGRAM_IMPORT = "program.import"


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Borrador")
    CONFIRMED = "confirmed", _("Confirmada")
    CANCELLED = "cancelled", _("Cancelada")


PUBLIC_SESSION_STATUSES = (SessionStatus.CONFIRMED, SessionStatus.CANCELLED)
# When, where and whether a published session happens change only at a publication;
# anything else that edits them waits in the builder (see `session_save`).
SCHEDULE_FIELDS = ("starts_at", "ends_at", "day", "venue_id", "room_id", "status")


def public_session_filter(prefix: str = "") -> models.Q:
    """Sessions anyone may see: in the last published version of the program of a
    public edition. The one definition every public page, export, API response,
    search index and count uses (through `Participation.objects.public()` too)."""
    return models.Q(
        **{
            f"{prefix}published": True,
            f"{prefix}status__in": PUBLIC_SESSION_STATUSES,
            f"{prefix}edition__status__in": PUBLIC_EDITION_STATUSES,
        }
    ) & ~models.Q(**{f"{prefix}code": ""})


class Session(TimeStampedModel):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("edición")
    )
    code = models.CharField(
        _("código"),
        max_length=16,
        blank=True,
        validators=[validate_session_code],
        help_text=_("Déjelo vacío para asignarlo según el día y el orden (S0101, S0102…)."),
    )
    title = models.CharField(_("título"), max_length=300, validators=[validate_single_line])
    session_type = models.ForeignKey(
        SessionType, verbose_name=_("tipo"), on_delete=models.PROTECT, related_name="sessions"
    )
    day = models.DateField(_("día"), null=True, blank=True)
    starts_at = models.DateTimeField(_("inicio"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    order_in_day = models.PositiveSmallIntegerField(
        _("orden en el día"), default=0, help_text=_("Desempata sesiones a la misma hora.")
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("sede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("sala"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    abstract = models.TextField(_("resumen"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("idioma"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.CONFIRMED
    )
    expected_audience = models.PositiveIntegerField(_("audiencia esperada"), null=True, blank=True)
    # Set only by the schedule's publication: the session is in the last published
    # version. A session confirmed any other way (an import, a repair in the admin)
    # stays out of every public surface until the next version is published.
    published = models.BooleanField(_("publicada"), default=False, editable=False)
    search_document = models.TextField(editable=False, blank=True, default="")
    title_en = english_of(title)
    abstract_en = english_of(abstract)

    SEARCH_FIELDS = ("code", "title", "abstract")
    TRANSLATED_FIELDS = ("title", "abstract")
    # A session given in English has its original title in English.
    SOURCE_LANGUAGE_FIELD = "language"

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["edition", "day", "starts_at", "order_in_day", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"],
                condition=~models.Q(code=""),
                name="session_unique_code_per_edition",
                violation_error_message=_("Ya existe una sesión con ese código en esta edición."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at"))
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True),
                name="session_ends_after_start",
                violation_error_message=_("La sesión debe terminar después de empezar."),
            ),
        ]
        indexes = [models.Index(fields=["edition", "day", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}" if self.code else self.title

    def get_absolute_url(self) -> str:
        return reverse("public:session", kwargs={"edition": self.edition.slug, "code": self.code})

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)

    @property
    def is_public(self) -> bool:
        # The session's own half of `public_session_filter` (the edition's is checked
        # where the edition is at hand, so this property costs no query).
        return self.published and self.status in PUBLIC_SESSION_STATUSES and bool(self.code)

    @property
    def duration_minutes(self) -> int | None:
        if self.starts_at and self.ends_at:
            return int((self.ends_at - self.starts_at).total_seconds() // 60)
        return None

    def clean(self) -> None:
        errors: dict[str, object] = {}
        edition = self.edition if self.edition_id else None
        if self.starts_at and not self.ends_at:
            errors["ends_at"] = _("Indique la hora de fin.")
        if self.ends_at and not self.starts_at:
            errors["starts_at"] = _("Indique la hora de inicio.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La sesión debe terminar después de empezar.")
        if edition is not None:
            if self.starts_at and self.day is None:
                self.day = self.starts_at.astimezone(edition.tz).date()
            if (
                self.starts_at
                and self.day
                and self.starts_at.astimezone(edition.tz).date() != self.day
            ):
                errors["day"] = _("El día no coincide con la fecha de inicio.")
            if (
                self.day
                and edition.start_date
                and edition.end_date
                and not (edition.start_date <= self.day <= edition.end_date)
            ):
                errors["day"] = _(
                    "La sesión debe caer entre el %(start)s y el %(end)s, fechas de la edición."
                ) % {
                    "start": fecha(edition.start_date),
                    "end": fecha(edition.end_date),
                }
            elif self.day and not edition.start_date:
                errors["day"] = _("La edición aún no tiene fechas; defina primero sus fechas.")
            if self.session_type_id and self.session_type.edition_id != edition.pk:
                errors["session_type"] = _("El tipo de sesión pertenece a otra edición.")
            if self.venue is not None and self.venue.edition_id != edition.pk:
                errors["venue"] = _("La sede pertenece a otra edición.")
        if self.room is not None and self.venue_id and self.room.venue_id != self.venue_id:
            errors["room"] = _("La sala no pertenece a la sede elegida.")
        if errors:
            raise ValidationError(errors)


class ParticipationRole(models.TextChoices):
    SPEAKER = "speaker", _("Ponente")
    PANELIST = "panelist", _("Panelista")
    MODERATOR = "moderator", _("Moderador(a)")
    RAPPORTEUR = "rapporteur", _("Relator(a)")
    WORKSHOP_LEADER = "workshop_leader", _("Tallerista")


class ParticipationStatus(models.TextChoices):
    """Whether the person agreed to appear. Only confirmed participations are ever public."""

    PENDING = "pending", _("Por confirmar")
    CONFIRMED = "confirmed", _("Confirmada")
    DECLINED = "declined", _("Declinada")


class ConsentBasis(models.TextChoices):
    """How the platform knows the person agreed (shown to organisers, kept for the record)."""

    SELF = "self", _("La persona confirmó en la plataforma")
    ORGANISER = "organiser", _("La organización registró su consentimiento")
    PUBLIC_RECORD = "public_record", _("Registro público de una edición pasada")


def public_participation_filter(prefix: str = "") -> models.Q:
    """Participations anyone may see: confirmed by the person, in a public session.

    The one definition every public page, export and API response uses; a
    pending or declined participation never leaves the back office.
    """
    return models.Q(**{f"{prefix}status": ParticipationStatus.CONFIRMED}) & public_session_filter(
        f"{prefix}session__"
    )


class ParticipationQuerySet(models.QuerySet["Participation"]):
    def public(self) -> ParticipationQuerySet:
        return self.filter(public_participation_filter())


class Participation(TimeStampedModel):
    session = models.ForeignKey(
        Session, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("persona"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("papel"), max_length=20, choices=ParticipationRole.choices)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    status = models.CharField(
        _("confirmación"),
        max_length=12,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.PENDING,
        help_text=_("Solo las participaciones confirmadas por la persona se publican."),
    )
    consent_basis = models.CharField(
        _("base del consentimiento"),
        max_length=16,
        choices=ConsentBasis.choices,
        blank=True,
    )
    status_changed_at = models.DateTimeField(_("confirmada o declinada el"), null=True, blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participación")
        verbose_name_plural = _("participaciones")
        ordering = ["session", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="participation_unique",
                violation_error_message=_("Esa persona ya tiene ese papel en la sesión."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class MaterialKind(models.TextChoices):
    REPORT = "report", _("Relatoría")
    VIDEO = "video", _("Video")
    SLIDES = "slides", _("Presentación (diapositivas)")
    DOCUMENT = "document", _("Documento")
    LINK = "link", _("Enlace")


class Material(TimeStampedModel):
    session = models.ForeignKey(
        Session, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=MaterialKind.choices)
    title = models.CharField(_("título"), max_length=200, blank=True)
    body = models.TextField(_("texto"), blank=True, help_text=_("Markdown; para relatorías."))
    url = models.URLField(_("enlace"), blank=True, max_length=500)
    file = models.FileField(
        _("archivo"), upload_to="materials/%Y/", blank=True, validators=[FileCheck("material")]
    )
    licence = models.CharField(
        _("licencia"), max_length=24, choices=Licence.choices, default=Licence.CC_BY_4
    )
    language = models.CharField(
        _("idioma"), max_length=8, choices=Language.choices, default=Language.SPANISH
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materiales")
        ordering = ["session", "order", "id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)

    def clean(self) -> None:
        if self.kind == MaterialKind.REPORT and not (self.body or self.file or self.url):
            raise ValidationError(
                {"body": _("La relatoría necesita su texto, un archivo o un enlace.")}
            )
        if self.kind in (MaterialKind.VIDEO, MaterialKind.LINK) and not self.url:
            raise ValidationError({"url": _("Indique el enlace.")})
        if self.kind in (MaterialKind.SLIDES, MaterialKind.DOCUMENT) and not (
            self.file or self.url
        ):
            raise ValidationError({"file": _("Suba el archivo o indique un enlace.")})


# --- The schedule builder -------------------------------------------------------
# Organisers place sessions on a work-in-progress layer (SessionPlacement); the
# public program keeps showing the Session fields until a schedule version is
# published, which applies the placements, numbers the version and records what
# changed since the previous one (ScheduleChange, shown in a public changelog).


class SessionPlacement(TimeStampedModel):
    """Where and when the builder puts a session, before it is published."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="placement")
    starts_at = models.DateTimeField(_("inicio"), null=True, blank=True)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("sede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("sala"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expected_audience = models.PositiveIntegerField(_("audiencia esperada"), null=True, blank=True)
    pending = models.BooleanField(
        _("sin publicar"),
        default=False,
        help_text=_("Cambió en el constructor del programa desde la última publicación."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("colocación en el programa")
        verbose_name_plural = _("colocaciones en el programa")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at"))
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True),
                name="placement_ends_after_start",
                violation_error_message=_("La sesión debe terminar después de empezar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} @ {self.starts_at or '-'}"

    @property
    def is_placed(self) -> bool:
        return self.starts_at is not None and self.ends_at is not None


class ScheduleVersion(TimeStampedModel):
    """A published state of an edition's program: 1, 2, 3... with what changed."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField(_("versión"))
    published_at = models.DateTimeField(_("publicada"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("nota pública"), blank=True, max_length=2000)
    # Public facts only: codes, titles, times, rooms and public names.
    snapshot = models.JSONField(default=dict, blank=True)
    # Aggregate parity figures at publication (never per person).
    parity = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("versión del programa")
        verbose_name_plural = _("versiones del programa")
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="schedule_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition} · v{self.number}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)


class ScheduleChangeKind(models.TextChoices):
    ADDED = "added", _("Nueva sesión")
    CANCELLED = "cancelled", _("Sesión cancelada")
    RESTORED = "restored", _("Sesión restablecida")
    MOVED = "moved", _("Cambio de horario")
    RELOCATED = "relocated", _("Cambio de sede o sala")
    RETITLED = "retitled", _("Cambio de título")
    RECODED = "recoded", _("Cambio de código")
    PEOPLE = "people", _("Cambio de participantes")


class ScheduleChange(models.Model):
    version = models.ForeignKey(ScheduleVersion, on_delete=models.CASCADE, related_name="changes")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="schedule_changes"
    )
    code = models.CharField(_("código"), max_length=16, blank=True)
    title = models.CharField(_("título"), max_length=300)
    kind = models.CharField(_("cambio"), max_length=12, choices=ScheduleChangeKind.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("cambio del programa")
        verbose_name_plural = _("cambios del programa")
        ordering = ["version", "code", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    def public_scopes(self) -> tuple[str, ...]:
        return (versions.CONFERENCE,)
