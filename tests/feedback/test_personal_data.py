"""ARCO rights: ratings and survey answers are in the export; erasure keeps the numbers
(the published aggregates stay right) but drops the account and every free text."""

from __future__ import annotations

import pytest

from datacon.common.actor import Actor
from datacon.feedback.models import SessionRating, SurveyAnswer, SurveyResponse
from datacon.feedback.services import (
    session_rate,
    survey_answer,
    survey_question_add,
    survey_save,
)
from datacon.people.privacy_selectors import personal_data_collect
from datacon.people.privacy_services import account_delete
from tests import factories
from tests.feedback.factories import attendee, past_edition, session_on

pytestmark = pytest.mark.django_db


def _feedback_of_one_person():  # type: ignore[no-untyped-def]
    edition = past_edition()
    session = session_on(edition)
    organiser = Actor.of(factories.organiser_user())
    question = survey_question_add(actor=organiser, edition=edition, text="¿Mejoras?", kind="text")
    survey = survey_save(actor=organiser, edition=edition, title="Encuesta", is_open=True)
    user = attendee(edition)
    session_rate(actor=Actor.of(user), session=session, rating=3, comment="Faltó tiempo")
    survey_answer(actor=Actor.of(user), survey=survey, answers={question.pk: "Más salas"})
    return user, session


def test_the_export_lists_ratings_and_answers():
    user, session = _feedback_of_one_person()

    tables = personal_data_collect(user=user)["providers"]["feedback"]["tables"]

    assert [
        (row["sesion"], row["calificacion"], row["comentario"])
        for row in tables["calificaciones_de_sesiones"]
    ] == [(session.code, 3, "Faltó tiempo")]
    assert [(row["pregunta"], row["texto"]) for row in tables["respuestas_a_encuestas"]] == [
        ("¿Mejoras?", "Más salas")
    ]


def test_erasure_keeps_the_numbers_without_the_account_or_the_texts():
    user, _session = _feedback_of_one_person()

    account_delete(user=user, actor=Actor.of(user))

    assert list(SessionRating.objects.values_list("user", "rating", "comment")) == [(None, 3, "")]
    assert list(SurveyResponse.objects.values_list("user", flat=True)) == [None]
    assert list(SurveyAnswer.objects.values_list("text", flat=True)) == [""]
