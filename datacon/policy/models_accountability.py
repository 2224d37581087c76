"""Accountability of the policy process: expenses with their receipts, responsible
contacts, commitments with progress reports, and the year-end assessment."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datacon.common.models import TimeStampedModel
from datacon.common.uploads import FileCheck
from datacon.common.validators import validate_single_line
from datacon.editions.models import Edition
from datacon.people.models import Organisation
from datacon.policy.models import (
    Process,
    Stage,
    policy_scopes,
    same_process_errors,
)
from datacon.policy.models_meetings import Agreement


class ExpenseConcept(models.TextChoices):
    VENUE = "venue", _("Sedes y logística")
    TRAVEL = "travel", _("Viajes y viáticos")
    COMMUNICATION = "communication", _("Comunicación y difusión")
    TECHNOLOGY = "technology", _("Tecnología y plataformas")
    PROFESSIONAL = "professional", _("Servicios profesionales")
    MATERIALS = "materials", _("Materiales e impresos")
    OTHER = "other", _("Otros")


class Expense(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="expenses"
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("etapa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expenses",
        help_text=_("Si se deja vacío, se asigna la etapa que corresponde a la fecha."),
    )
    concept = models.CharField(_("concepto"), max_length=14, choices=ExpenseConcept.choices)
    description = models.CharField(_("descripción"), max_length=300)
    amount = models.DecimalField(
        _("monto (MXN)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message=_("El monto no puede ser negativo."))],
    )
    spent_on = models.DateField(_("fecha del gasto"))
    supplier = models.CharField(_("proveedor"), max_length=250)
    reference = models.CharField(_("folio de factura o contrato"), max_length=120, blank=True)
    supporting_document = models.FileField(
        _("comprobante"),
        upload_to="politica/comprobantes/",
        blank=True,
        validators=[FileCheck("material")],
    )
    supporting_url = models.URLField(_("enlace al comprobante"), blank=True)

    class Meta:
        verbose_name = _("gasto")
        verbose_name_plural = _("gastos")
        ordering = ["process", "spent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="policy_expense_amount_not_negative",
                violation_error_message=_("El monto no puede ser negativo."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on:%Y-%m-%d} {self.description} ${self.amount}"

    def clean(self) -> None:
        errors = same_process_errors(self, "stage", self.process_id)
        if errors:
            raise ValidationError(errors)

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class Contact(TimeStampedModel):
    """Who answers for the process. Only institutional, public contact details."""

    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nombre o área"), max_length=200, validators=[validate_single_line])
    role = models.CharField(_("responsabilidad"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policy_contacts",
    )
    email = models.EmailField(_("correo público"), blank=True)
    phone = models.CharField(_("teléfono público"), max_length=40, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("contacto responsable")
        verbose_name_plural = _("contactos responsables")
        ordering = ["process", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.email and not self.phone:
            raise ValidationError({"email": _("Indique al menos un correo o un teléfono.")})

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class CommitmentSource(models.TextChoices):
    POLICY = "policy", _("La política nacional")
    DATACON = "datacon", _("Conclusiones de una DATACON")
    AGREEMENT = "agreement", _("Acuerdo de un grupo de trabajo")


class Commitment(TimeStampedModel):
    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="commitments"
    )
    code = models.CharField(_("clave"), max_length=30, help_text=_("Por ejemplo: C-2021-01."))
    title = models.CharField(_("compromiso"), max_length=300)
    description = models.TextField(_("descripción"), blank=True, help_text=_("Markdown."))
    source = models.CharField(_("origen"), max_length=10, choices=CommitmentSource.choices)
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edición de la DATACON"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_commitments",
        help_text=_("Obligatoria cuando el compromiso surge de las conclusiones de una DATACON."),
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("acuerdo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    owner = models.CharField(_("responsable"), max_length=250)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organización responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policy_commitments",
    )
    indicator = models.CharField(_("indicador"), max_length=300)
    unit = models.CharField(_("unidad de medida"), max_length=80)
    baseline = models.DecimalField(_("línea base"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("meta"), max_digits=14, decimal_places=2)
    starts_year = models.PositiveSmallIntegerField(_("año de inicio"))
    due_on = models.DateField(_("fecha límite"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelado"), default=False)
    is_demo = models.BooleanField(
        _("compromiso de demostración (ficticio)"),
        default=False,
        help_text=_("Ficticio: se muestra aparte y nunca se promedia con los compromisos reales."),
    )
    cancel_reason = models.TextField(_("motivo de la cancelación"), blank=True)

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["process", "starts_year", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "code"],
                name="policy_commitment_unique_code",
                violation_error_message=_("Ya hay un compromiso con esa clave en el proceso."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.baseline is not None and self.target is not None and self.baseline == self.target:
            errors["target"] = _("La meta debe ser distinta de la línea base.")
        if self.source == CommitmentSource.DATACON and not self.edition_id:
            errors["edition"] = _("Indique la edición de la DATACON de cuyas conclusiones surge.")
        if self.source == CommitmentSource.AGREEMENT and not self.agreement_id:
            errors["agreement"] = _("Indique el acuerdo del que surge.")
        if self.is_cancelled and not self.cancel_reason.strip():
            errors["cancel_reason"] = _("Explique por qué se cancela el compromiso.")
        if self.due_on and self.starts_year and self.due_on.year < self.starts_year:
            errors["due_on"] = _("La fecha límite no puede ser anterior al año de inicio.")
        if self.edition is not None and self.edition.is_demo and not self.is_demo:
            errors["is_demo"] = _(
                "Un compromiso que surge de una edición ficticia es ficticio: márquelo de demostración."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_fictional(self) -> bool:
        """Fictional when marked so or born from a fictional edition (`Edition.is_demo` owns
        "fictional"). Read with the edition loaded (select_related) in lists."""
        return self.is_demo or (self.edition is not None and self.edition.is_demo)

    def get_absolute_url(self) -> str:
        return reverse(
            "public:policy_commitment",
            kwargs={"process": self.process.slug, "code": self.code},
        )

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class ProgressReport(TimeStampedModel):
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    reported_on = models.DateField(_("fecha de corte"))
    value = models.DecimalField(_("valor alcanzado"), max_digits=14, decimal_places=2)
    note = models.TextField(_("nota"), blank=True)
    evidence = models.TextField(
        _("evidencia"), blank=True, help_text=_("Qué documento o hecho respalda el avance.")
    )
    evidence_url = models.URLField(_("enlace a la evidencia"), blank=True)
    evidence_file = models.FileField(
        _("archivo de evidencia"),
        upload_to="politica/evidencias/",
        blank=True,
        validators=[FileCheck("material")],
    )

    class Meta:
        verbose_name = _("avance")
        verbose_name_plural = _("avances")
        ordering = ["commitment", "reported_on", "id"]
        indexes = [models.Index(fields=["commitment", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.commitment.code} {self.reported_on:%Y-%m-%d}: {self.value}"

    def clean(self) -> None:
        if not (self.evidence.strip() or self.evidence_url or self.evidence_file):
            raise ValidationError(
                {
                    "evidence": _(
                        "Todo avance necesita evidencia: una descripción, un enlace o un archivo."
                    )
                }
            )

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()


class YearAssessment(TimeStampedModel):
    """The year-end assessment the memoria asks for (seed 003)."""

    process = models.ForeignKey(
        Process, verbose_name=_("proceso"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("año"))
    summary = models.TextField(_("valoración"), help_text=_("Markdown."))
    published = models.BooleanField(_("publicada"), default=False)

    class Meta:
        verbose_name = _("valoración anual")
        verbose_name_plural = _("valoraciones anuales")
        ordering = ["process", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "year"],
                name="policy_assessment_unique_year",
                violation_error_message=_("Ya hay una valoración de ese año."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.process} · {self.year}"

    def public_scopes(self) -> tuple[str, ...]:
        return policy_scopes()
