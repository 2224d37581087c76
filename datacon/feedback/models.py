"""Feedback of those who were there: session ratings and the edition's satisfaction survey.

* `SessionRating`: one account's rating (1–5) of one session, with an optional
  comment. One per person and session (a second submit changes the first).
* `Survey`: the edition's satisfaction survey (one per edition), open or closed.
* `SurveyQuestion`: a question the organisers set: a 1–5 scale, a single
  choice among options (one per line) or free text.
* `SurveyResponse` / `SurveyAnswer`: one account's answers to the survey, once.

Who may rate or answer, and who reads what, is `datacon/feedback/permissions.py`;
what may be shown, and from how many answers on, is `datacon/feedback/aggregates.py`
(MIN_GROUP). Comments and free-text answers are never public.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.common.models import TimeStampedModel
from datacon.common.validators import validate_single_line
from datacon.common.write import AuditAction

# The scope of public data the aggregates feed (memoria, open data).
FEEDBACK_SCOPE = "feedback"
COMMENT_MAX_LENGTH = 2000
SCALE_MIN, SCALE_MAX = 1, 5


class FeedbackAction(AuditAction):
    """Audit actions of feedback beyond plain create/update/delete."""

    SESSION_RATE = "feedback.session_rate"
    SESSION_RERATE = "feedback.session_rerate"
    SURVEY_SAVE = "feedback.survey_save"
    QUESTION_ADD = "feedback.question_add"
    QUESTION_REMOVE = "feedback.question_remove"
    SURVEY_ANSWER = "feedback.survey_answer"
    PERSONAL_DATA_ERASE = "feedback.personal_data_erase"


class SessionRating(TimeStampedModel):
    session = models.ForeignKey(
        "program.Session",
        verbose_name=_("sesión"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="session_ratings",
    )
    rating = models.PositiveSmallIntegerField(
        _("calificación"),
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    comment = models.TextField(
        _("comentario"),
        blank=True,
        validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)],
        help_text=_("Lo leen solo las personas ponentes y la organización, sin su nombre."),
    )

    class Meta:
        verbose_name = _("calificación de sesión")
        verbose_name_plural = _("calificaciones de sesiones")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="feedback_one_rating_per_person",
                violation_error_message=_("Ya calificó esta sesión."),
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=SCALE_MIN, rating__lte=SCALE_MAX),
                name="feedback_rating_in_scale",
                violation_error_message=_("La calificación va de 1 a 5."),
            ),
        ]

    def __str__(self) -> str:
        # Never the person or the comment: audit summaries use this.
        return f"{self.session_id} · {self.rating}"

    def public_scopes(self) -> tuple[str, ...]:
        return (FEEDBACK_SCOPE,)


class Survey(TimeStampedModel):
    edition = models.OneToOneField(
        "editions.Edition",
        verbose_name=_("edición"),
        on_delete=models.CASCADE,
        related_name="survey",
    )
    title = models.CharField(
        _("título"),
        max_length=200,
        default=_("Encuesta de satisfacción"),
        validators=[validate_single_line],
    )
    intro = models.TextField(_("presentación"), blank=True, max_length=2000)
    is_open = models.BooleanField(
        _("abierta"), default=False, help_text=_("Solo se responde mientras está abierta.")
    )

    class Meta:
        verbose_name = _("encuesta de satisfacción")
        verbose_name_plural = _("encuestas de satisfacción")

    def __str__(self) -> str:
        return f"{self.title} · {self.edition_id}"

    def public_scopes(self) -> tuple[str, ...]:
        # The edition page links to an open survey.
        return (FEEDBACK_SCOPE, versions.CONFERENCE)


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Escala del 1 al 5")
    CHOICE = "choice", _("Opción única")
    TEXT = "text", _("Texto libre")


class SurveyQuestion(TimeStampedModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("encuesta"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    text = models.CharField(_("pregunta"), max_length=300, validators=[validate_single_line])
    kind = models.CharField(_("tipo"), max_length=8, choices=QuestionKind.choices)
    options = models.TextField(
        _("opciones"),
        blank=True,
        help_text=_("Para opción única: una opción por renglón (de 2 a 10)."),
    )
    required = models.BooleanField(_("obligatoria"), default=False)

    class Meta:
        verbose_name = _("pregunta de la encuesta")
        verbose_name_plural = _("preguntas de la encuesta")
        ordering = ["survey", "order", "id"]

    def __str__(self) -> str:
        return self.text

    def public_scopes(self) -> tuple[str, ...]:
        return (FEEDBACK_SCOPE,)

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and not (2 <= len(self.option_list) <= 10):
            raise ValidationError({"options": _("Escriba de 2 a 10 opciones, una por renglón.")})
        if self.kind != QuestionKind.CHOICE and self.option_list:
            raise ValidationError(
                {"options": _("Solo las preguntas de opción única llevan opciones.")}
            )


class SurveyResponse(TimeStampedModel):
    survey = models.ForeignKey(
        Survey, verbose_name=_("encuesta"), on_delete=models.CASCADE, related_name="responses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )

    class Meta:
        verbose_name = _("respuesta a la encuesta")
        verbose_name_plural = _("respuestas a la encuesta")
        ordering = ["survey", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=models.Q(user__isnull=False),
                name="feedback_one_response_per_person",
                violation_error_message=_("Ya respondió esta encuesta."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} · {self.pk}"

    def public_scopes(self) -> tuple[str, ...]:
        return (FEEDBACK_SCOPE,)


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(
        _("valor"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    choice = models.CharField(_("opción"), max_length=300, blank=True)
    text = models.TextField(
        _("respuesta"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)]
    )

    class Meta:
        verbose_name = _("respuesta a una pregunta")
        verbose_name_plural = _("respuestas a preguntas")
        ordering = ["response", "question__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="feedback_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id} · {self.question_id}"

    def public_scopes(self) -> tuple[str, ...]:
        return (FEEDBACK_SCOPE,)
