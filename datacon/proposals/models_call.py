"""The call for proposals of an edition: its dates and rules, the session types it
accepts, the thematic tracks and the extra questions of the proposal form.

Re-exported by `datacon.proposals.models`, where the proposals that answer it live.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.text import plain_number
from datacon.common.validators import validate_single_line
from datacon.editions.models import Edition, SessionType


class CallState(models.TextChoices):
    UPCOMING = "upcoming", _("Próximamente")
    OPEN = "open", _("Abierta")
    CLOSED = "closed", _("Cerrada")


class Call(TimeStampedModel):
    """The call for proposals of one edition. Dates are instants; pages and
    forms show and read them in the edition's time zone."""

    edition = models.OneToOneField(
        Edition, verbose_name=_("edición"), on_delete=models.CASCADE, related_name="call"
    )
    opens_at = models.DateTimeField(_("abre"))
    closes_at = models.DateTimeField(_("cierra"))
    text = models.TextField(
        _("texto de la convocatoria"),
        blank=True,
        help_text=_("Markdown. Qué se busca, cómo se evalúa y qué pasa después."),
    )
    anonymous_review = models.BooleanField(
        _("revisión anónima"),
        default=True,
        help_text=_("Las personas revisoras no ven nombres ni organizaciones de quienes proponen."),
    )
    max_people = models.PositiveSmallIntegerField(
        _("personas por propuesta (máximo)"),
        default=6,
        validators=[MinValueValidator(1)],
        help_text=_("Ponentes y moderación, incluida la persona que propone."),
    )
    contact_email = models.EmailField(_("correo de contacto"), blank=True)

    class Meta:
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")
        ordering = ["-edition__year"]

    def __str__(self) -> str:
        return str(_("Convocatoria de %(edition)s") % {"edition": self.edition})

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("El cierre debe ser posterior a la apertura.")})

    def public_scopes(self) -> tuple[str, ...]:
        # The edition page shows the call's dates.
        return (versions.CONFERENCE,)

    def state(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return CallState.UPCOMING
        if now >= self.closes_at:
            return CallState.CLOSED
        return CallState.OPEN

    def is_open(self, now: dt.datetime | None = None) -> bool:
        return self.state(now) == CallState.OPEN


class CallSessionType(TimeStampedModel):
    """A kind of session the call accepts, with the length a proposal of that kind gets."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="session_types")
    session_type = models.ForeignKey(
        SessionType, verbose_name=_("tipo de sesión"), on_delete=models.CASCADE, related_name="+"
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duración (minutos)"), validators=[MinValueValidator(5)]
    )
    description = models.CharField(_("descripción para quien propone"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("tipo de sesión aceptado")
        verbose_name_plural = _("tipos de sesión aceptados")
        ordering = ["call", "order", "session_type__order", "session_type__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "session_type"],
                name="call_session_type_unique",
                violation_error_message=_("Ese tipo de sesión ya está en la convocatoria."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_type.name} ({self.duration_minutes} min)"

    def public_scopes(self) -> tuple[str, ...]:
        # A closed call's memoria lists the session types it offered, in this order.
        return (versions.CONFERENCE,) if self.call.state() == CallState.CLOSED else ()

    def clean(self) -> None:
        if (
            self.call_id
            and self.session_type_id
            and self.session_type.edition_id != self.call.edition_id
        ):
            raise ValidationError(
                {"session_type": _("El tipo de sesión pertenece a otra edición.")}
            )


class Track(TimeStampedModel):
    """A thematic line of an edition; reviewer teams may be formed per track."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("nombre"), max_length=120, validators=[validate_single_line])
    description = models.CharField(_("descripción"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("eje temático")
        verbose_name_plural = _("ejes temáticos")
        ordering = ["edition", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"],
                name="track_unique_name",
                violation_error_message=_("Ya existe un eje con ese nombre en la edición."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Texto")
    CHOICE = "choice", _("Opción de una lista")
    NUMBER = "number", _("Número")
    YES_NO = "yes_no", _("Sí o no")


class Question(TimeStampedModel):
    """An extra question organisers add to the proposal form."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("pregunta"), max_length=300)
    help_text = models.CharField(_("ayuda"), max_length=300, blank=True)
    kind = models.CharField(_("tipo de respuesta"), max_length=10, choices=QuestionKind.choices)
    choices = models.TextField(
        _("opciones"), blank=True, help_text=_("Solo para «Opción de una lista»: una por renglón.")
    )
    min_value = models.DecimalField(
        _("valor mínimo"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal(0),
        help_text=_(
            "Solo para «Número»: la respuesta más pequeña que se admite (0: nada negativo, "
            "como una cantidad de personas). Vacío: cualquier número."
        ),
    )
    required = models.BooleanField(_("obligatoria"), default=False)
    show_to_reviewers = models.BooleanField(
        _("visible para las personas revisoras"),
        default=True,
        help_text=_("Desmárquela si la respuesta puede revelar quién propone."),
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("pregunta adicional")
        verbose_name_plural = _("preguntas adicionales")
        ordering = ["call", "order", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def number_problem(self, number: Decimal) -> str:
        """Why `number` is not an answer to this «Número» question ("" when it is)."""
        if self.min_value is not None and number < self.min_value:
            return str(
                _("Escriba un número igual o mayor que %(min)s.")
                % {"min": plain_number(self.min_value)}
            )
        return ""

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Escriba al menos dos opciones, una por renglón.")})
        if self.kind != QuestionKind.CHOICE and self.choice_list:
            raise ValidationError(
                {"choices": _("Las opciones solo se usan en preguntas de «Opción de una lista».")}
            )
