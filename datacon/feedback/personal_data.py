"""What the feedback capability holds about an account (ARCO rights).

Export: every session rating (with its comment) and every survey answer.
Erasure: the ratings and answers stay as anonymous numbers, so the published
aggregates do not change, but they lose the link to the account and every
free text (comments, free-text answers): a text could say who wrote it.
"""

from __future__ import annotations

from django.contrib.auth.models import User

from datacon.common.actor import Actor
from datacon.common.personal_data import ExportedRows
from datacon.common.write import unit_of_work
from datacon.feedback.models import FeedbackAction, SessionRating, SurveyAnswer, SurveyResponse

# The person erases their own data; the audit entry must not point at them.
ERASER = Actor.system("derecho de cancelación (ARCO)")


def feedback_personal_data_export(user: User) -> ExportedRows:
    ratings = (
        SessionRating.objects.filter(user=user)
        .select_related("session__edition")
        .order_by("created_at", "id")
    )
    answers = (
        SurveyAnswer.objects.filter(response__user=user)
        .select_related("question", "response__survey__edition")
        .order_by("response_id", "question__order", "id")
    )
    return {
        "calificaciones_de_sesiones": [
            {
                "edicion": rating.session.edition.title,
                "sesion": rating.session.code,
                "titulo": rating.session.title,
                "calificacion": rating.rating,
                "comentario": rating.comment,
                "creada": rating.created_at.isoformat(),
                "actualizada": rating.updated_at.isoformat(),
            }
            for rating in ratings
        ],
        "respuestas_a_encuestas": [
            {
                "edicion": answer.response.survey.edition.title,
                "pregunta": answer.question.text,
                "valor": answer.scale,
                "opcion": answer.choice,
                "texto": answer.text,
                "respondida": answer.response.created_at.isoformat(),
            }
            for answer in answers
        ],
    }


def feedback_personal_data_erase(user: User) -> None:
    """Keep the numbers, drop the account and every free text."""
    with unit_of_work(ERASER) as work:
        ratings = SessionRating.objects.filter(user=user)
        rating_count = ratings.count()
        if rating_count:
            work.update(ratings, action=FeedbackAction.PERSONAL_DATA_ERASE, user=None, comment="")
        texts = SurveyAnswer.objects.filter(response__user=user).exclude(text="")
        if texts.exists():
            work.update(texts, action=FeedbackAction.PERSONAL_DATA_ERASE, text="")
        responses = SurveyResponse.objects.filter(user=user)
        response_count = responses.count()
        if response_count:
            work.update(responses, action=FeedbackAction.PERSONAL_DATA_ERASE, user=None)
        work.record(
            FeedbackAction.PERSONAL_DATA_ERASE,
            object_type="auth.user",
            object_id=str(user.pk),
            changes={"ratings": rating_count, "survey_responses": response_count},
        )
