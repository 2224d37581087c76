"""Models every domain app shares: the audit log and the public-data versions.

The audit log answers "who changed what, and when" for every write that goes
through a service. Public versions are counters in the database, one per scope
of public data ("conference", "policy", "consultation:7"...): services bump them
in the same transaction as the change, and caches key their entries on them, so
a cached page can never outlive the data it shows, whichever app server or
cache backend serves it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("creado"), auto_now_add=True)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    at = models.DateTimeField(_("fecha"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("quién"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(
        _("quién (descripción)"),
        max_length=120,
        blank=True,
        help_text=_("La cuenta, o «system: …» y «link: …» cuando actúa la plataforma o un enlace."),
    )
    action = models.CharField(_("acción"), max_length=80, db_index=True)
    object_type = models.CharField(_("tipo de objeto"), max_length=80)
    object_id = models.CharField(_("id del objeto"), max_length=64, blank=True)
    summary = models.CharField(_("resumen"), max_length=300, blank=True)
    changes = models.JSONField(_("cambios"), default=dict, blank=True)

    class Meta:
        verbose_name = _("registro de auditoría")
        verbose_name_plural = _("registro de auditoría")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class PublicVersion(models.Model):
    scope = models.CharField(max_length=80, primary_key=True)
    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("versión de datos públicos")
        verbose_name_plural = _("versiones de datos públicos")

    def __str__(self) -> str:
        return f"{self.scope}@{self.version}"


class OutboundEmailStatus(models.TextChoices):
    DRAFT = "draft", _("Por revisar")
    QUEUED = "queued", _("En cola")
    SENT = "sent", _("Enviado")
    FAILED = "failed", _("Fallido")
    DISCARDED = "discarded", _("Descartado")


class OutboundEmail(TimeStampedModel):
    """One e-mail to one person, kept until it is sent (or given up).

    Everything the platform sends goes through this table: nothing is lost when
    the mail server is down (it is retried with back-off), and messages that
    need an organiser's eye (decisions on proposals) wait as drafts in the
    outbox until someone approves them.
    """

    to = models.EmailField(_("para"))
    subject = models.CharField(_("asunto"), max_length=250)
    body_text = models.TextField(_("texto"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("adjuntos"), default=list, blank=True)
    purpose = models.CharField(_("motivo"), max_length=80, db_index=True)
    related_type = models.CharField(max_length=80, blank=True)
    related_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("estado"),
        max_length=12,
        choices=OutboundEmailStatus.choices,
        default=OutboundEmailStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("intentos"), default=0)
    next_attempt_at = models.DateTimeField(
        _("próximo intento"), default=timezone.now, db_index=True
    )
    last_error = models.TextField(_("último error"), blank=True)
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("revisado"), null=True, blank=True)

    class Meta:
        verbose_name = _("correo saliente")
        verbose_name_plural = _("bandeja de salida")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.to} · {self.subject}"
