"""A contribution to the record of a real, past edition: what is proposed and its source.

A signed-in person proposes a session, a speaker's public role, a video link, a
relatoría or a correction, always with where it comes from (URL, title,
publisher, date, a short quote). The edition's organisers accept it (it shows on
the edition's page) or reject it with a reason that is public. The contributor
is named in public only if they chose to be credited, and only with the name
they chose; a rejected contribution never names anyone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction

QUOTE_MAX_LENGTH = 500
CONTENT_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 1000


class ContributionAction(AuditAction):
    """Audit actions of contributions beyond plain create/update/delete."""

    SUBMIT = "contribution.submit"
    ACCEPT = "contribution.accept"
    REJECT = "contribution.reject"
    PERSONAL_DATA_ERASE = "contribution.personal_data_erase"


class ContributionKind(models.TextChoices):
    SESSION = "session", _("Una sesión")
    PUBLIC_ROLE = "public_role", _("El cargo o papel público de una persona")
    VIDEO = "video", _("Un enlace a un video")
    REPORT = "report", _("Una relatoría")
    CORRECTION = "correction", _("Una corrección")
    OTHER = "other", _("Otra aportación")


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("Por revisar")
    ACCEPTED = "accepted", _("Aceptada")
    REJECTED = "rejected", _("No aceptada")


class Contribution(TimeStampedModel):
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    kind = models.CharField(
        _("tipo de aportación"), max_length=16, choices=ContributionKind.choices
    )
    session = models.ForeignKey(
        "program.Session",
        verbose_name=_("sesión"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    target = models.CharField(
        _("¿sobre qué es?"),
        max_length=300,
        blank=True,
        validators=[validate_single_line],
        help_text=_("La sesión, la persona o el dato al que se refiere."),
    )
    content = models.TextField(_("aportación"), validators=[MaxLengthValidator(CONTENT_MAX_LENGTH)])
    source_url = models.URLField(_("dirección (URL) de la fuente"), max_length=500)
    source_title = models.CharField(
        _("título de la fuente"), max_length=300, validators=[validate_single_line]
    )
    source_publisher = models.CharField(
        _("quién la publica"), max_length=200, blank=True, validators=[validate_single_line]
    )
    source_date = models.DateField(_("fecha de la fuente"), null=True, blank=True)
    source_quote = models.TextField(
        _("cita breve de la fuente"),
        blank=True,
        validators=[MaxLengthValidator(QUOTE_MAX_LENGTH)],
    )
    credit = models.BooleanField(_("mencionar a quien aporta"), default=False)
    credit_name = models.CharField(
        _("nombre para el crédito"), max_length=120, blank=True, validators=[validate_single_line]
    )
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
        db_index=True,
    )
    review_reason = models.TextField(
        _("motivo (público)"), blank=True, validators=[MaxLengthValidator(REASON_MAX_LENGTH)]
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("revisada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("propuesta por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )

    class Meta:
        verbose_name = _("aportación al registro")
        verbose_name_plural = _("aportaciones al registro")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(credit=True, credit_name=""),
                name="contribution_credit_has_name",
                violation_error_message=_("Escriba el nombre con el que quiere aparecer."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target or self.content[:60]}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.credit and not self.credit_name.strip():
            errors["credit_name"] = _("Escriba el nombre con el que quiere aparecer.")
        session = self.session if self.session_id else None
        if session is not None and self.edition_id and session.edition_id != self.edition_id:
            errors["session"] = _("La sesión no pertenece a esta edición.")
        if self.status == ContributionStatus.REJECTED and not self.review_reason.strip():
            errors["review_reason"] = _("Explique por qué no se acepta: el motivo es público.")
        if errors:
            raise ValidationError(errors)

    def public_scopes(self) -> tuple[str, ...]:
        # Decided contributions show on the edition's page (accepted ones in full,
        # rejected ones as a line of the public log of decisions).
        if self.status == ContributionStatus.PENDING:
            return ()
        return (versions.CONFERENCE,)

    @property
    def public_credit(self) -> str:
        """The name shown in public: only when the contributor chose to be credited."""
        return self.credit_name if self.credit and self.created_by_id else ""
