"""Constancias: certificates of attendance and of participation, per edition.

* `CertificateRule`: per edition, what the organiser decided: whether attendance
  and participation constancias are given, the evidence attendance needs (the
  venue check-in or the online connection, plus at least N checked-in sessions),
  the hours printed, and the signer, logo and signature printed on the PDF.
* `Certificate`: one constancia to one holder (an attendee's registration, a
  person with a confirmed role, a reviewer's account). Prepared (the person can
  still correct the name on it), issued (downloadable, verifiable at its folio)
  or revoked (with a reason). A holder who deleted their account keeps the
  folio verifiable without the name (`holder_erased_at`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction


class CertificateAction(AuditAction):
    RULE_SAVE = "certificate.rule_save"
    PREPARE = "certificate.prepare"
    ISSUE = "certificate.issue"
    REVOKE = "certificate.revoke"
    RENAME = "certificate.rename"
    NOTIFY = "certificate.notify"
    ERASE = "certificate.erase"
    DOWNLOAD = "certificate.download"


class CertificateKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Asistencia")
    PARTICIPATION = "participation", _("Participación")


# One letter per kind in the folio: DATACON-2027-A-000123.
KIND_LETTER = {CertificateKind.ATTENDANCE: "A", CertificateKind.PARTICIPATION: "P"}


class CertificateRole(models.TextChoices):
    """What the constancia certifies: attendance, or the confirmed role held."""

    ATTENDEE = "attendee", _("Asistente")
    SPEAKER = "speaker", _("Ponente")
    PANELIST = "panelist", _("Panelista")
    MODERATOR = "moderator", _("Moderador(a)")
    RAPPORTEUR = "rapporteur", _("Relator(a)")
    WORKSHOP_LEADER = "workshop_leader", _("Tallerista")
    REVIEWER = "reviewer", _("Revisor(a) de propuestas")


class CertificateStatus(models.TextChoices):
    PREPARED = "prepared", _("Por emitir")
    ISSUED = "issued", _("Emitida")
    REVOKED = "revoked", _("Revocada")


class CertificateRule(TimeStampedModel):
    edition = models.OneToOneField(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="certificate_rule",
    )
    attendance_enabled = models.BooleanField(_("constancias de asistencia"), default=True)
    min_sessions = models.PositiveSmallIntegerField(
        _("sesiones mínimas"),
        default=0,
        help_text=_(
            "0: basta la entrada registrada en sede o la conexión a la transmisión. "
            "N: además, entrada registrada en al menos N sesiones con cupo."
        ),
    )
    attendance_hours = models.PositiveSmallIntegerField(
        _("horas de asistencia"),
        null=True,
        blank=True,
        help_text=_("Se imprimen en la constancia de asistencia. Vacío: no se imprimen."),
    )
    participation_enabled = models.BooleanField(
        _("constancias de participación"),
        default=True,
        help_text=_("Ponentes, moderación, relatoría y talleres con participación confirmada."),
    )
    reviewers_enabled = models.BooleanField(
        _("constancias de revisión"),
        default=True,
        help_text=_("Personas revisoras con al menos una revisión completa."),
    )
    signer_name = models.CharField(
        _("nombre de quien firma"), max_length=200, blank=True, validators=[validate_single_line]
    )
    signer_title = models.CharField(
        _("cargo de quien firma"), max_length=200, blank=True, validators=[validate_single_line]
    )
    logo = models.ImageField(
        _("logotipo"),
        upload_to="constancias/logos/",
        blank=True,
        validators=[FileCheck("image")],
        help_text=_("Opcional. Vacío: el de la organización que organiza la edición."),
    )
    signature = models.ImageField(
        _("imagen de la firma"),
        upload_to="constancias/firmas/",
        blank=True,
        validators=[FileCheck("image")],
    )

    class Meta:
        verbose_name = _("regla de constancias")
        verbose_name_plural = _("reglas de constancias")

    def __str__(self) -> str:
        return str(_("Constancias de %(edition)s") % {"edition": self.edition})


class Certificate(TimeStampedModel):
    edition = models.ForeignKey(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=CertificateKind.choices)
    role = models.CharField(_("papel"), max_length=20, choices=CertificateRole.choices)
    # Who it is for: an opaque key ("r:<registration>", "p:<person>", "u:<account>"),
    # so preparing twice never gives one holder two constancias of one role.
    holder_key = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    email = models.EmailField(_("correo"), blank=True)
    name = models.CharField(
        _("nombre en la constancia"), max_length=200, validators=[validate_single_line]
    )
    hours = models.PositiveSmallIntegerField(_("horas"), null=True, blank=True)
    number = models.PositiveIntegerField(_("número"))
    folio = models.CharField(_("folio"), max_length=40, unique=True)
    status = models.CharField(
        _("estado"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.PREPARED,
        db_index=True,
    )
    issued_at = models.DateTimeField(_("emitida"), null=True, blank=True)
    notified_at = models.DateTimeField(_("aviso enviado"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocada"), null=True, blank=True)
    revoked_reason = models.TextField(_("motivo de la revocación"), blank=True)
    holder_erased_at = models.DateTimeField(_("cuenta eliminada"), null=True, blank=True)

    class Meta:
        verbose_name = _("constancia")
        verbose_name_plural = _("constancias")
        ordering = ["edition", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "kind", "role", "holder_key"],
                name="certificate_one_per_holder_and_role",
            ),
            models.UniqueConstraint(
                fields=["edition", "kind", "number"], name="certificate_number_per_kind"
            ),
        ]
        indexes = [models.Index(fields=["edition", "status", "kind"])]

    def __str__(self) -> str:
        # Never personal data: audit summaries use this.
        return self.folio

    def public_scopes(self) -> tuple[str, ...]:
        # Counted in the open data and the memoria (the verification page is never cached).
        return (versions.REGISTRATION,)

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.ISSUED

    @property
    def name_editable(self) -> bool:
        return self.status == CertificateStatus.PREPARED and self.holder_erased_at is None


def folio_for(*, year: int, kind: str, number: int) -> str:
    return f"DATACON-{year}-{KIND_LETTER[CertificateKind(kind)]}-{number:06d}"
