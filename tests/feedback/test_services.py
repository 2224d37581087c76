"""Who may rate and answer, one rating per person, and the survey editor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from datacon.common.actor import Actor
from datacon.feedback.models import SessionRating, SurveyAnswer, SurveyResponse
from datacon.feedback.services import (
    session_rate,
    survey_answer,
    survey_question_add,
    survey_question_remove,
    survey_save,
)
from tests import factories
from tests.feedback.factories import attendee, past_edition, session_on, speaker_of
from tests.registration.factories import attendee_user

pytestmark = pytest.mark.django_db


def test_present_attendee_rates_a_past_session():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition)

    rating = session_rate(actor=Actor.of(user), session=session, rating=4, comment=" Muy útil ")

    assert (rating.user, rating.rating, rating.comment) == (user, 4, "Muy útil")


def test_online_connection_counts_as_presence():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition, online=True)

    session_rate(actor=Actor.of(user), session=session, rating=5)

    assert SessionRating.objects.filter(session=session).count() == 1


@pytest.mark.parametrize(
    "case",
    ["never_present", "not_registered", "arrived_after_the_session_day", "future_session"],
)
def test_those_not_present_are_refused(case):
    edition = past_edition()
    session = session_on(edition, day=1)
    if case == "never_present":
        user = attendee(edition, present_day=None)
    elif case == "not_registered":
        user = attendee_user()
    elif case == "arrived_after_the_session_day":
        user = attendee(edition, present_day=2)
    else:
        user = attendee(edition)
        future = factories.EditionFactory()
        attendee(future, user=user)
        session = session_on(future)

    with pytest.raises(PermissionDenied):
        session_rate(actor=Actor.of(user), session=session, rating=3)
    assert SessionRating.objects.count() == 0


def test_present_on_day_one_may_rate_a_day_two_session():
    edition = past_edition()
    session = session_on(edition, day=2)
    user = attendee(edition, present_day=1)

    session_rate(actor=Actor.of(user), session=session, rating=2)

    assert SessionRating.objects.get(session=session).rating == 2


def test_rating_again_changes_the_one_rating():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition)

    session_rate(actor=Actor.of(user), session=session, rating=2, comment="Primero")
    session_rate(actor=Actor.of(user), session=session, rating=5, comment="Después")

    assert list(SessionRating.objects.values_list("rating", "comment")) == [(5, "Después")]


def test_rating_out_of_scale_is_refused():
    edition = past_edition()
    session = session_on(edition)
    user = attendee(edition)

    with pytest.raises(ValidationError):
        session_rate(actor=Actor.of(user), session=session, rating=6)


def test_speaker_and_organiser_see_session_feedback_others_do_not():
    edition = past_edition()
    session = session_on(edition)
    speaker = speaker_of(session)
    pending = speaker_of(session, status="pending")
    listener = attendee(edition)

    assert Actor.of(speaker).has_perm("feedback.see_session", session)
    assert Actor.of(factories.organiser_user()).has_perm("feedback.see_session", session)
    assert not Actor.of(pending).has_perm("feedback.see_session", session)
    assert not Actor.of(listener).has_perm("feedback.see_session", session)


def _survey(edition, organiser):  # type: ignore[no-untyped-def]
    actor = Actor.of(organiser)
    scale = survey_question_add(
        actor=actor, edition=edition, text="¿Qué tan satisfecha quedó?", kind="scale", required=True
    )
    choice = survey_question_add(
        actor=actor,
        edition=edition,
        text="¿Cómo se enteró?",
        kind="choice",
        options="Redes\nCorreo",
    )
    text = survey_question_add(actor=actor, edition=edition, text="¿Qué mejoraría?", kind="text")
    survey = survey_save(actor=actor, edition=edition, title="Encuesta", is_open=True)
    return survey, scale, choice, text


def test_present_attendee_answers_the_survey_once():
    edition = past_edition()
    survey, scale, choice, text = _survey(edition, factories.organiser_user())
    user = attendee(edition)

    survey_answer(
        actor=Actor.of(user),
        survey=survey,
        answers={scale.pk: "4", choice.pk: "Correo", text.pk: "Más café"},
    )
    with pytest.raises(ValidationError):
        survey_answer(actor=Actor.of(user), survey=survey, answers={scale.pk: "5"})

    assert SurveyResponse.objects.count() == 1
    assert list(
        SurveyAnswer.objects.order_by("question__order").values_list("scale", "choice", "text")
    ) == [(4, "", ""), (None, "Correo", ""), (None, "", "Más café")]


def test_survey_refuses_absent_people_and_bad_answers():
    edition = past_edition()
    survey, scale, choice, _text = _survey(edition, factories.organiser_user())
    absent = attendee(edition, present_day=None)
    with pytest.raises(PermissionDenied):
        survey_answer(actor=Actor.of(absent), survey=survey, answers={scale.pk: "4"})

    user = attendee(edition)
    with pytest.raises(ValidationError) as error:
        survey_answer(actor=Actor.of(user), survey=survey, answers={choice.pk: "Otra"})
    assert set(error.value.message_dict) == {f"q{scale.pk}", f"q{choice.pk}"}


def test_only_organisers_edit_the_survey_and_answered_questions_stay():
    edition = past_edition()
    organiser = factories.organiser_user()
    survey, scale, _choice, _text = _survey(edition, organiser)
    with pytest.raises(PermissionDenied):
        survey_question_add(
            actor=Actor.of(attendee(edition)), edition=edition, text="¿Otra?", kind="text"
        )
    survey_answer(actor=Actor.of(attendee(edition)), survey=survey, answers={scale.pk: "3"})

    with pytest.raises(ValidationError):
        survey_question_remove(actor=Actor.of(organiser), question=scale)
    with pytest.raises(ValidationError):
        survey_question_add(
            actor=Actor.of(organiser),
            edition=edition,
            text="¿Opción?",
            kind="choice",
            options="Sola",
        )
