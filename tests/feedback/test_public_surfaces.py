"""Aggregates reach the public (memoria, open data, cifras) only from MIN_GROUP answers on,
and no comment or free-text answer ever leaves the speakers' and organisers' pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from datacon.common.actor import Actor
from datacon.feedback.aggregates import MIN_GROUP
from datacon.feedback.memoria import feedback_block
from datacon.feedback.services import (
    session_rate,
    survey_answer,
    survey_question_add,
    survey_save,
)
from datacon.opendata.exporters import theme_folder
from tests import factories
from tests.feedback.factories import attendee, past_edition, session_on

pytestmark = pytest.mark.django_db

COMMENT = "Comentario-privado-7Q"
FREE_TEXT = "Respuesta-libre-privada-3Z"


def _rate(session, count: int) -> None:  # type: ignore[no-untyped-def]
    for _number in range(count):
        session_rate(
            actor=Actor.of(attendee(session.edition)), session=session, rating=4, comment=COMMENT
        )


def _survey(edition):  # type: ignore[no-untyped-def]
    organiser = Actor.of(factories.organiser_user())
    scale = survey_question_add(actor=organiser, edition=edition, text="¿Le gustó?", kind="scale")
    choice = survey_question_add(
        actor=organiser, edition=edition, text="¿Modalidad?", kind="choice", options="Sede\nLínea"
    )
    text = survey_question_add(
        actor=organiser, edition=edition, text="¿Qué cambiaría?", kind="text"
    )
    survey = survey_save(actor=organiser, edition=edition, title="Encuesta", is_open=True)
    return survey, scale, choice, text


def _answer(edition, questions, count: int) -> None:  # type: ignore[no-untyped-def]
    survey, scale, choice, text = questions
    for _number in range(count):
        survey_answer(
            actor=Actor.of(attendee(edition)),
            survey=survey,
            answers={scale.pk: "5", choice.pk: "Sede", text.pk: FREE_TEXT},
        )


def _csv_rows(client: Client, edition) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    folder = theme_folder("conference")
    response = client.get(f"/ediciones/{edition.slug}/datos/{folder}/valoracion.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def _public_outputs(client: Client, edition, session) -> str:  # type: ignore[no-untyped-def]
    folder = theme_folder("conference")
    paths = [
        f"/ediciones/{edition.slug}/memoria/",
        f"/ediciones/{edition.slug}/",
        session.get_absolute_url(),
        f"/ediciones/{edition.slug}/datos/{folder}/valoracion.csv",
        f"/ediciones/{edition.slug}/datos/{folder}/valoracion.json",
        f"/api/v1/sessions/?edition={edition.slug}",
        f"/api/v1/editions/{edition.slug}/",
        "/datos/datapackage.json",
    ]
    chunks = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        chunks.append(body.decode("utf-8", "replace"))
    return "\n".join(chunks)


def test_min_group_is_five():
    assert MIN_GROUP == 5


def test_memoria_block_hides_a_session_below_five_and_shows_it_at_five():
    edition = past_edition()
    session = session_on(edition)
    _rate(session, MIN_GROUP - 1)
    assert feedback_block(edition) is None

    _rate(session, 1)

    block = feedback_block(edition)
    assert block is not None
    assert list(block.rows) == [(f"{session.code} · {session.title}", 5, 4.0)]


def test_memoria_page_shows_the_block_only_at_five(client):
    edition = past_edition()
    session = session_on(edition)
    _rate(session, MIN_GROUP - 1)
    below = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    _rate(session, 1)
    at_five = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()

    assert 'id="bloque-feedback"' not in below
    assert 'id="bloque-feedback"' in at_five


def test_open_data_lists_a_session_only_from_five_ratings(client):
    edition = past_edition()
    session = session_on(edition)
    _rate(session, MIN_GROUP - 1)
    assert _csv_rows(client, edition) == []

    _rate(session, 1)

    rows = _csv_rows(client, edition)
    assert [(r["ambito"], r["clave"], r["respuestas"], r["promedio"]) for r in rows] == [
        ("sesion", session.code, "5", "4.0")
    ]


def test_survey_aggregates_reach_memoria_and_open_data_only_at_five(client):
    edition = past_edition()
    questions = _survey(edition)
    _answer(edition, questions, MIN_GROUP - 1)
    assert feedback_block(edition) is None
    assert _csv_rows(client, edition) == []

    _answer(edition, questions, 1)

    block = feedback_block(edition)
    assert block is not None
    assert list(block.rows) == [
        ("¿Le gustó?", 5, 5.0),
        ("¿Modalidad?: Sede", 5, None),
        ("¿Modalidad?: Línea", 0, None),
    ]
    assert [
        (r["clave"], r["opcion"], r["conteo"], r["promedio"]) for r in _csv_rows(client, edition)
    ] == [
        ("P01", "", "", "5.0"),
        ("P02", "Sede", "5", ""),
        ("P02", "Línea", "0", ""),
    ]


def test_comments_and_free_text_never_reach_a_public_output(client):
    edition = past_edition()
    session = session_on(edition)
    _rate(session, MIN_GROUP + 1)
    _answer(edition, _survey(edition), MIN_GROUP + 1)

    public = _public_outputs(client, edition, session)

    assert "¿Le gustó?" in public  # the aggregates are there...
    assert COMMENT not in public  # ...the texts are not
    assert FREE_TEXT not in public
    block = feedback_block(edition)
    assert block is not None
    assert COMMENT not in repr(block) and FREE_TEXT not in repr(block)
