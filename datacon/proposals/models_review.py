"""Review: what reviewers score, the teams, who reviews which proposal, and the scores.

Reviews are private: only the organisers of the edition and the assigned
reviewer see them. A reviewer never reviews a proposal they appear on
(`datacon.proposals.services.review` re-checks it whenever the people of a
proposal change).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.editions.models import Edition, SessionType
from datacon.proposals.models import Proposal, Track


class ReviewCriterion(TimeStampedModel):
    """What reviewers score, with its weight in the weighted mean and its scale."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="review_criteria")
    name = models.CharField(_("criterio"), max_length=120, validators=[validate_single_line])
    description = models.CharField(_("descripción"), max_length=400, blank=True)
    weight = models.DecimalField(
        _("peso"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    scale_min = models.SmallIntegerField(_("puntuación mínima"), default=1)
    scale_max = models.SmallIntegerField(_("puntuación máxima"), default=5)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("criterio de evaluación")
        verbose_name_plural = _("criterios de evaluación")
        ordering = ["edition", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"],
                name="review_criterion_unique_name",
                violation_error_message=_("Ya existe un criterio con ese nombre en la edición."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.scale_max <= self.scale_min:
            raise ValidationError(
                {"scale_max": _("La puntuación máxima debe ser mayor que la mínima.")}
            )
        if self.scale_max - self.scale_min > 100:
            raise ValidationError({"scale_max": _("La escala admite a lo sumo 100 puntos.")})


# The memoria's selection rules, as the criteria every new edition starts with.
DEFAULT_CRITERIA: list[tuple[str, str]] = [
    # The review is anonymous: reviewers judge what is written, never who wrote it.
    (
        "Mérito",
        "Solidez del contenido de la propuesta: objetivos claros, método, evidencia y "
        "viabilidad. Se valora lo escrito, no a quienes la presentan: la revisión es anónima.",
    ),
    (
        "Innovación",
        "Qué tan novedosa es la propuesta en la generación, publicación o uso de datos.",
    ),
    (
        "Contribución a la agenda de datos abiertos",
        "Cuánto impulsa la agenda de datos abiertos: su generación, publicación, uso o aprovechamiento.",
    ),
    (
        "Pertinencia para la audiencia",
        "Qué tanto sirve a la audiencia de la conferencia: instituciones públicas, sociedad civil, "
        "periodistas, academia y población en general.",
    ),
]


class ReviewTeam(TimeStampedModel):
    """A group of reviewers of one edition, optionally for some session types or tracks."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="review_teams")
    name = models.CharField(_("nombre"), max_length=120, validators=[validate_single_line])
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personas revisoras"),
        related_name="review_teams",
        blank=True,
    )
    session_types = models.ManyToManyField(
        SessionType,
        verbose_name=_("solo estos tipos de sesión"),
        related_name="+",
        blank=True,
        help_text=_("Vacío: todos."),
    )
    tracks = models.ManyToManyField(
        Track,
        verbose_name=_("solo estos ejes"),
        related_name="review_teams",
        blank=True,
        help_text=_("Vacío: todos."),
    )

    class Meta:
        verbose_name = _("equipo de revisión")
        verbose_name_plural = _("equipos de revisión")
        ordering = ["edition", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="review_team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ReviewAssignment(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona revisora"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    team = models.ForeignKey(
        ReviewTeam, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    conflict_declared = models.BooleanField(_("conflicto de interés"), default=False)
    conflict_note = models.CharField(_("motivo del conflicto"), max_length=300, blank=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("asignación de revisión")
        verbose_name_plural = _("asignaciones de revisión")
        ordering = ["proposal", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="review_assignment_unique",
                violation_error_message=_("Esa persona ya revisa esa propuesta."),
            )
        ]
        permissions = [("review_proposals", _("Puede revisar las propuestas que se le asignen"))]

    def __str__(self) -> str:
        return f"{self.proposal.reference} → {self.reviewer}"


class Review(TimeStampedModel):
    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    comment = models.TextField(_("comentario"), blank=True)

    class Meta:
        verbose_name = _("revisión")
        verbose_name_plural = _("revisiones")

    def __str__(self) -> str:
        return str(self.assignment)


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField(_("puntuación"))

    class Meta:
        verbose_name = _("puntuación")
        verbose_name_plural = _("puntuaciones")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    def clean(self) -> None:
        criterion = self.criterion
        if not (criterion.scale_min <= self.value <= criterion.scale_max):
            raise ValidationError(
                {
                    "value": _(
                        "La puntuación de «%(criterion)s» debe estar entre %(min)s y %(max)s."
                    )
                    % {
                        "criterion": criterion.name,
                        "min": criterion.scale_min,
                        "max": criterion.scale_max,
                    }
                }
            )
