"""The pages of feedback: who reaches them, what they show, and their query counts."""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.common.actor import Actor
from datacon.feedback.models import SessionRating, SurveyResponse
from datacon.feedback.services import (
    session_rate,
    survey_answer,
    survey_question_add,
    survey_save,
)
from tests import factories
from tests.feedback.factories import attendee, past_edition, session_on, speaker_of

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _rate_url(session) -> str:  # type: ignore[no-untyped-def]
    return f"/ediciones/{session.edition.slug}/sesiones/{session.code}/calificar/"


def _rated(session, count: int, comment: str = "") -> list:  # type: ignore[no-untyped-def]
    users = []
    for number in range(count):
        user = attendee(session.edition)
        session_rate(
            actor=Actor.of(user),
            session=session,
            rating=4 if number % 2 else 5,
            comment=f"{comment} {number}" if comment else "",
        )
        users.append(user)
    return users


def test_absent_person_gets_403_on_the_rating_page():
    edition = past_edition()
    session = session_on(edition)
    absent = attendee(edition, present_day=None)

    response = _client(absent).post(_rate_url(session), {"rating": "5"})

    assert response.status_code == 403
    assert SessionRating.objects.count() == 0


def test_present_person_sees_calificar_on_the_session_page_and_rates():
    edition = past_edition()
    session = session_on(edition)
    client = _client(attendee(edition))

    page = client.get(session.get_absolute_url()).content.decode()
    response = client.post(_rate_url(session), {"rating": "4", "comment": "Clara y útil"})

    assert _rate_url(session) in page
    assert (response.status_code, response["Location"]) == (302, _rate_url(session))
    assert list(SessionRating.objects.values_list("rating", "comment")) == [(4, "Clara y útil")]


def test_rating_form_keeps_what_was_typed_on_error():
    edition = past_edition()
    session = session_on(edition)

    response = _client(attendee(edition)).post(
        _rate_url(session), {"rating": "9", "comment": "Texto escrito"}
    )

    assert response.status_code == 400
    assert "Texto escrito" in response.content.decode()


def test_speaker_sees_the_aggregate_and_comments_only_from_five_ratings_without_names():
    edition = past_edition()
    session = session_on(edition)
    speaker = _client(speaker_of(session))
    url = f"/cuenta/opiniones/{edition.slug}/{session.code}/"
    raters = _rated(session, 4, comment="Comentario secreto")

    below = speaker.get(url).content.decode()
    raters += _rated(session, 1, comment="Comentario secreto")
    at_five = speaker.get(url).content.decode()

    assert "Comentario secreto" not in below and "Promedio" not in below
    assert "Promedio 4.6 de 5 (5 calificaciones)" in at_five.replace(",", ".")
    assert [f"Comentario secreto {n}" in at_five for n in range(4)] == [True] * 4
    for user in raters:
        assert user.email not in at_five
        assert user.first_name not in at_five
        assert user.username not in at_five


def test_others_cannot_read_a_sessions_feedback():
    edition = past_edition()
    session = session_on(edition)
    listener = attendee(edition)

    response = _client(listener).get(f"/cuenta/opiniones/{edition.slug}/{session.code}/")

    assert response.status_code == 403


def test_survey_page_refuses_the_absent_and_takes_the_present():
    edition = past_edition()
    organiser = Actor.of(factories.organiser_user())
    question = survey_question_add(
        actor=organiser, edition=edition, text="¿Volvería?", kind="scale"
    )
    survey_save(actor=organiser, edition=edition, title="Encuesta", is_open=True)
    url = f"/ediciones/{edition.slug}/encuesta/"

    refused = _client(attendee(edition, present_day=None)).get(url)
    present = _client(attendee(edition))
    answered = present.post(url, {f"q{question.pk}": "5"})

    assert refused.status_code == 403
    assert answered.status_code == 302
    assert SurveyResponse.objects.count() == 1
    assert "Ya respondió" in present.get(url).content.decode()


def test_organiser_adds_a_question_and_opens_the_survey(organiser_client):
    edition = past_edition()
    url = f"/gestion/ediciones/{edition.slug}/encuesta/"

    organiser_client.post(
        url,
        {"action": "question", "text": "¿Cómo se enteró?", "kind": "choice", "options": "A\nB"},
    )
    organiser_client.post(url, {"action": "settings", "title": "Encuesta 2025", "is_open": "on"})
    page = organiser_client.get(url).content.decode()

    assert "¿Cómo se enteró?" in page
    assert f"/ediciones/{edition.slug}/encuesta/" in page
    assert edition.survey.is_open is True


def test_organiser_page_refuses_attendees():
    edition = past_edition()
    response = _client(attendee(edition)).get(f"/gestion/ediciones/{edition.slug}/encuesta/")
    assert response.status_code == 403


def test_query_counts_do_not_grow_with_sessions_or_ratings(count_queries, organiser_client):
    edition = past_edition()
    speaker = speaker_of(session_on(edition))
    client = _client(speaker)
    manage = f"/gestion/ediciones/{edition.slug}/encuesta/"
    mine_before = count_queries(lambda: client.get("/cuenta/opiniones/"))
    manage_before = count_queries(lambda: organiser_client.get(manage))
    for hour in (11, 12, 13):
        session = session_on(edition, hour=hour)
        factories.ParticipationFactory(session=session, person=speaker.person, role="speaker")
        _rated(session, 5, comment="Bien")

    assert count_queries(lambda: client.get("/cuenta/opiniones/")) == mine_before
    assert count_queries(lambda: organiser_client.get(manage)) == manage_before


def test_organiser_results_show_a_session_and_a_question_only_from_five(organiser_client):
    edition = past_edition()
    session = session_on(edition)
    organiser = Actor.of(factories.organiser_user())
    question = survey_question_add(actor=organiser, edition=edition, text="¿Mejoras?", kind="text")
    survey = survey_save(actor=organiser, edition=edition, title="Encuesta", is_open=True)
    url = f"/gestion/ediciones/{edition.slug}/encuesta/"

    def answer(count: int) -> None:
        for number in range(count):
            survey_answer(
                actor=Actor.of(attendee(edition)),
                survey=survey,
                answers={question.pk: f"Texto libre {number}"},
            )

    _rated(session, 4)
    answer(4)
    below = organiser_client.get(url).content.decode()
    _rated(session, 1)
    answer(1)
    at_five = organiser_client.get(url).content.decode()

    assert "menos de 5" in below and "Menos de 5 respuestas" in below
    assert "Texto libre 0" not in below
    assert "4.6 (5)" in at_five.replace(",", ".")
    assert "Texto libre 0" in at_five and "Menos de 5 respuestas" not in at_five
