"""Who holds a duty in one edition: organisers, check-in staff, attendee-data officers.

A platform-wide group (datacon.backoffice.roles) grants a screen to every
edition; an EditionRole grants it for one edition only, optionally until a
date. The named rules (datacon/editions/permissions.py) read both. Granting and
revoking go through services and are audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datacon.common.models import TimeStampedModel


class EditionDuty(models.TextChoices):
    ORGANISER = "organiser", _("Organización de la edición")
    CHECKIN = "checkin", _("Registro de entrada en sedes")
    ATTENDEE_DATA = "attendee_data", _("Datos personales de asistentes")
    READ_ONLY = "read_only", _("Consulta (solo lectura, sin datos personales)")


class EditionRoleQuerySet(models.QuerySet["EditionRole"]):
    def active(self) -> EditionRoleQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class EditionRole(TimeStampedModel):
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="duties",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        on_delete=models.CASCADE,
        related_name="edition_duties",
    )
    duty = models.CharField(_("función"), max_length=16, choices=EditionDuty.choices)
    expires_at = models.DateTimeField(_("vence"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("otorgada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    objects = EditionRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("función en una edición")
        verbose_name_plural = _("funciones en ediciones")
        ordering = ["edition", "duty", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user", "duty"],
                condition=Q(revoked_at__isnull=True),
                name="edition_role_one_active_grant",
                violation_error_message=_("Esa cuenta ya tiene esa función en la edición."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_duty_display()} · {self.edition}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > timezone.now()
        )
