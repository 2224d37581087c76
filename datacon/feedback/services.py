"""Writes of feedback: rating a session, answering the survey, the organisers' survey editor.

Every write runs in a unit of work (datacon.common.write) and checks its named
rule first (datacon/feedback/permissions.py). One rating per person and
session, one survey response per person: the service locks the account's row,
so two submits at once (a double click, two tabs) keep one record.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.feedback.models import (
    SCALE_MAX,
    SCALE_MIN,
    FeedbackAction,
    QuestionKind,
    SessionRating,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from datacon.program.models import Session


def _lock_account(actor: Actor) -> Any:
    account = actor.account
    if account is None:
        raise ValidationError(_("Inicie sesión para dar su opinión."))
    return get_user_model().objects.select_for_update().get(pk=account.pk)


def session_rate(
    *, actor: Actor, session: Session, rating: int, comment: str = ""
) -> SessionRating:
    """Rate a session one attended (1–5) with an optional comment; rating again changes it."""
    require(actor, "feedback.rate", session)
    if not SCALE_MIN <= int(rating) <= SCALE_MAX:
        raise ValidationError({"rating": _("Elija una calificación del 1 al 5.")})
    with unit_of_work(actor) as work:
        account = _lock_account(work.actor)
        existing = SessionRating.objects.filter(session=session, user=account).first()
        if existing is None:
            record = SessionRating(session=session, user=account)
            action = FeedbackAction.SESSION_RATE
        else:
            record, action = existing, FeedbackAction.SESSION_RERATE
        record.rating = int(rating)
        record.comment = comment.strip()
        return work.save(record, action=action)


def session_rating_of(*, user: Any, session: Session) -> SessionRating | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return SessionRating.objects.filter(session=session, user=user).first()


# --- the survey ----------------------------------------------------------------------


def survey_save(
    *, actor: Actor, edition: Edition, title: str, intro: str = "", is_open: bool = False
) -> Survey:
    """Create or change the edition's survey (its title, presentation, open or closed)."""
    require(actor, "feedback.manage_survey", edition)
    survey = Survey.objects.filter(edition=edition).first() or Survey(edition=edition)
    survey.title = title.strip() or _("Encuesta de satisfacción")
    survey.intro = intro.strip()
    if is_open and not survey.pk:
        raise ValidationError({"is_open": _("Agregue preguntas antes de abrir la encuesta.")})
    if is_open and not survey.questions.exists():
        raise ValidationError({"is_open": _("Agregue preguntas antes de abrir la encuesta.")})
    survey.is_open = is_open
    with unit_of_work(actor) as work:
        return work.save(survey, action=FeedbackAction.SURVEY_SAVE)


def survey_question_add(
    *,
    actor: Actor,
    edition: Edition,
    text: str,
    kind: str,
    options: str = "",
    required: bool = False,
) -> SurveyQuestion:
    """Add a question at the end. Questions with answers are not changed (results would lie)."""
    require(actor, "feedback.manage_survey", edition)
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Elija el tipo de pregunta.")})
    with unit_of_work(actor) as work:
        survey = Survey.objects.filter(edition=edition).first()
        if survey is None:
            survey = work.save(Survey(edition=edition), action=FeedbackAction.SURVEY_SAVE)
        last = survey.questions.order_by("-order").values_list("order", flat=True).first()
        question = SurveyQuestion(
            survey=survey,
            order=(last or 0) + 1,
            text=text.strip(),
            kind=kind,
            options="\n".join(line.strip() for line in options.splitlines() if line.strip())
            if kind == QuestionKind.CHOICE
            else "",
            required=required,
        )
        return work.save(question, action=FeedbackAction.QUESTION_ADD)


def survey_question_remove(*, actor: Actor, question: SurveyQuestion) -> None:
    require(actor, "feedback.manage_survey", question.survey.edition)
    if question.answers.exists():
        raise ValidationError(_("Esta pregunta ya tiene respuestas: no se puede quitar."))
    with unit_of_work(actor) as work:
        work.delete(question, action=FeedbackAction.QUESTION_REMOVE)


def survey_answer(*, actor: Actor, survey: Survey, answers: dict[int, Any]) -> SurveyResponse:
    """Answer the edition's survey once: `answers` maps question ids to a 1–5 value, an
    option or a text. Refused to those not present at the edition (403)."""
    require(actor, "feedback.rate", survey.edition)
    if not survey.is_open:
        raise ValidationError(_("La encuesta está cerrada."))
    questions = list(survey.questions.order_by("order", "id"))
    rows: list[SurveyAnswer] = []
    errors: dict[str, str] = {}
    for question in questions:
        raw = answers.get(question.pk)
        value = str(raw).strip() if raw is not None else ""
        if not value:
            if question.required:
                errors[f"q{question.pk}"] = _("Esta pregunta es obligatoria.")
            continue
        answer = SurveyAnswer(question=question)
        if question.kind == QuestionKind.SCALE:
            if value not in {str(n) for n in range(SCALE_MIN, SCALE_MAX + 1)}:
                errors[f"q{question.pk}"] = _("Elija un valor del 1 al 5.")
                continue
            answer.scale = int(value)
        elif question.kind == QuestionKind.CHOICE:
            if value not in question.option_list:
                errors[f"q{question.pk}"] = _("Elija una de las opciones.")
                continue
            answer.choice = value
        else:
            answer.text = value
        rows.append(answer)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(actor) as work:
        account = _lock_account(work.actor)
        if SurveyResponse.objects.filter(survey=survey, user=account).exists():
            raise ValidationError(_("Ya respondió esta encuesta. ¡Gracias!"))
        response = work.save(
            SurveyResponse(survey=survey, user=account), action=FeedbackAction.SURVEY_ANSWER
        )
        for answer in rows:
            answer.response = response
        work.create_many(rows, action=FeedbackAction.SURVEY_ANSWER)
        return response


def survey_answered(*, user: Any, survey: Survey) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SurveyResponse.objects.filter(survey=survey, user=user).exists()
