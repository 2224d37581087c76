"""Privacy records: notices, consents and objections (Mexico's data-protection law for public bodies).

* `PrivacyNotice`: the notice a person reads before giving data. One series per
  edition (the organiser of that edition is the responsible body) plus one
  platform-wide series (edition empty) shown when an account is created. A
  published version never changes: a correction is a new version, so every
  consent points at the exact text the person accepted.
* `Consent`: who accepted which version, for what, and when.
* `UseObjection`: a person's objection to a non-essential use of their data
  (newsletters, surveys, reminders). Essential uses (the registration itself,
  the ticket, cancellations) need no objection switch: they are the service.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.write import AuditAction


class PrivacyAction(AuditAction):
    """Audit actions of privacy and ARCO rights (names kept from the log)."""

    NOTICE_PUBLISH = "privacy_notice.publish"
    NOTICE_NEW_DRAFT = "privacy_notice.new_draft"
    CONSENT_GIVE = "consent.give"
    OBJECTIONS = "privacy.objections"
    ACCOUNT_RECTIFY = "arco.rectify"
    ACCOUNT_RECTIFY_SAVE = "arco.rectify.save"
    ACCOUNT_DELETE = "arco.account_delete"
    ACCOUNT_DELETE_ROW = "arco.account_delete.row"
    PERSONAL_DATA_ERASE = "arco.erase"
    ACCESS_JSON = "arco.access.json"
    ACCESS_CSV = "arco.access.csv"


class PrivacyNotice(TimeStampedModel):
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="privacy_notices",
        help_text=_("Vacío: aviso de la plataforma, el que se acepta al crear una cuenta."),
    )
    version = models.PositiveIntegerField(_("versión"), null=True, blank=True, editable=False)
    responsible_body = models.CharField(
        _("responsable"),
        max_length=250,
        help_text=_("Nombre del sujeto obligado que decide sobre los datos."),
    )
    responsible_address = models.TextField(_("domicilio del responsable"), blank=True)
    short_text = models.TextField(
        _("aviso simplificado"),
        help_text=_(
            "Markdown. Se muestra junto a cada formulario: responsable, finalidades, "
            "transferencias y cómo manifestar la negativa."
        ),
    )
    data_collected = models.TextField(
        _("datos personales que se recaban"), help_text=_("Markdown.")
    )
    purposes = models.TextField(
        _("finalidades"),
        help_text=_("Markdown. Distinga las necesarias de las que no lo son (p. ej., boletines)."),
    )
    legal_basis = models.TextField(_("fundamento legal"), help_text=_("Markdown."))
    transfers = models.TextField(_("transferencias"), blank=True, help_text=_("Markdown."))
    retention = models.TextField(_("conservación"), blank=True, help_text=_("Markdown."))
    arco_contact = models.EmailField(
        _("contacto para derechos ARCO"),
        help_text=_("Correo de la unidad de transparencia o del área responsable."),
    )
    arco_procedure = models.TextField(
        _("cómo ejercer los derechos ARCO y la portabilidad"), help_text=_("Markdown.")
    )
    changes_summary = models.CharField(
        _("qué cambió respecto de la versión anterior"), max_length=300, blank=True
    )
    published_at = models.DateTimeField(_("publicado"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("aviso de privacidad")
        verbose_name_plural = _("avisos de privacidad")
        ordering = ["edition", "-version", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "version"],
                condition=models.Q(edition__isnull=False, version__isnull=False),
                name="privacy_notice_unique_version_per_edition",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(edition__isnull=True, version__isnull=False),
                name="privacy_notice_unique_platform_version",
            ),
        ]

    def __str__(self) -> str:
        scope = self.edition.title if self.edition_id and self.edition else _("Plataforma")
        if self.version:
            return f"{scope} · v{self.version}"
        return f"{scope} · {_('borrador')}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def public_scopes(self) -> tuple[str, ...]:
        # Published notices are shown on cached edition and registration pages.
        return (versions.CONFERENCE, versions.REGISTRATION) if self.is_published else ()


class ConsentPurpose(models.TextChoices):
    ACCOUNT = "account", _("Creación de la cuenta")
    REGISTRATION = "registration", _("Registro a una edición")


class Consent(models.Model):
    """Explicit consent, with the version of the notice the person read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        on_delete=models.CASCADE,
        related_name="privacy_consents",
    )
    notice = models.ForeignKey(
        PrivacyNotice,
        verbose_name=_("aviso aceptado"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    purpose = models.CharField(_("para qué"), max_length=20, choices=ConsentPurpose.choices)
    given_at = models.DateTimeField(_("otorgado"), auto_now_add=True)

    class Meta:
        verbose_name = _("consentimiento")
        verbose_name_plural = _("consentimientos")
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        # No personal data here: audit summaries use it.
        return f"{self.get_purpose_display()} · {self.notice}"


class NonEssentialUse(models.TextChoices):
    NEWSLETTER = "newsletter", _("Boletines e invitaciones a futuras ediciones")
    SURVEYS = "surveys", _("Encuestas de satisfacción después del evento")
    REMINDERS = "reminders", _("Recordatorios por correo antes del evento")


class UseObjection(models.Model):
    """The person objects to one non-essential use; absent row means no objection."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        on_delete=models.CASCADE,
        related_name="use_objections",
    )
    use = models.CharField(_("uso"), max_length=20, choices=NonEssentialUse.choices)
    created_at = models.DateTimeField(_("desde"), auto_now_add=True)

    class Meta:
        verbose_name = _("oposición a un uso")
        verbose_name_plural = _("oposiciones a usos no esenciales")
        constraints = [
            models.UniqueConstraint(fields=["user", "use"], name="use_objection_unique"),
        ]

    def __str__(self) -> str:
        return str(self.get_use_display())
