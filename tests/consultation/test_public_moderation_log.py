"""The public moderation log of a consultation, and paragraphs shown by the number citizens
know ("Párrafo 1"), never by their internal anchor ("p-2"), which stays in URLs only."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from datacon.consultation import moderation
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, paragraph, participant
from tests.policy.factories import publish

pytestmark = pytest.mark.django_db

AUTHOR = "Nombre Público Elegido"
BODY = "Este comentario ocultado no debe aparecer en el registro público."


def _moderated():  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory()
    user = participant(consultation, name=AUTHOR).user
    hidden = comment(consultation, user, number=2, body=BODY)
    moderation.comment_hide(
        comment=hidden, reason="Lenguaje ofensivo.", actor=factories.SYSTEM, notify_author=False
    )
    return consultation, user, hidden


def _text(html: str) -> str:
    """What a reader reads: the page without tags and attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_log_lists_date_action_reason_and_paragraph_but_nobody_s_data():
    consultation, user, hidden = _moderated()
    anchor = paragraph(consultation, 2).identity.anchor
    html = Client().get(f"/consultas/{consultation.slug}/moderacion/").content.decode()
    assert "Ocultado" in html
    assert "Lenguaje ofensivo." in html
    assert "Párrafo 2" in html
    assert f'href="/consultas/{consultation.slug}/parrafos/{anchor}/"' in html
    assert f"/consultas/{consultation.slug}/comentarios/{hidden.pk}/" in html
    assert AUTHOR not in html
    assert user.email not in html
    assert BODY not in html
    assert anchor not in _text(html)


def test_restoring_and_dismissing_are_logged_too_most_recent_first():
    consultation, _user, hidden = _moderated()
    moderation.comment_restore(comment=hidden, reason="Revisado: cumple.", actor=factories.SYSTEM)
    html = Client().get(f"/consultas/{consultation.slug}/moderacion/").content.decode()
    assert html.index("Restablecido") < html.index("Ocultado")


def test_an_empty_log_says_so():
    consultation = ConsultationFactory()
    response = Client().get(f"/consultas/{consultation.slug}/moderacion/")
    assert response.status_code == 200
    assert "No ha habido ninguna acción de moderación" in response.content.decode()


def test_the_consultation_page_links_to_its_log():
    consultation = ConsultationFactory()
    html = Client().get(f"/consultas/{consultation.slug}/").content.decode()
    assert f'href="/consultas/{consultation.slug}/moderacion/"' in html


def test_a_draft_consultation_has_no_public_log():
    consultation = ConsultationFactory(status="draft")
    assert Client().get(f"/consultas/{consultation.slug}/moderacion/").status_code == 404


def test_the_log_runs_a_fixed_number_of_queries(count_queries):
    from django.core.cache import cache

    consultation, _user, _hidden = _moderated()
    url = f"/consultas/{consultation.slug}/moderacion/"
    small = count_queries(lambda: Client().get(url))
    for _ in range(5):
        extra = comment(consultation, number=1)
        moderation.comment_hide(
            comment=extra, reason="Fuera de tema.", actor=factories.SYSTEM, notify_author=False
        )
    cache.clear()
    large = count_queries(lambda: Client().get(url))
    assert small == large


def test_the_paragraph_page_names_the_paragraph_by_its_number_not_its_anchor():
    consultation = ConsultationFactory()
    anchor = paragraph(consultation, 1).identity.anchor
    assert anchor != "p-1"  # the document starts with a heading: anchors and numbers differ
    html = Client().get(f"/consultas/{consultation.slug}/parrafos/{anchor}/").content.decode()
    assert "Párrafo 1 de la versión 1" in html
    assert anchor not in _text(html)


def test_the_changes_between_versions_name_paragraphs_by_number():
    consultation = ConsultationFactory()
    document = consultation.version.document
    publish(document, body=consultation.version.body + "\n\nUn párrafo nuevo al final.\n")
    html = (
        Client()
        .get(f"/politica/{document.process.slug}/documentos/{document.slug}/cambios/")
        .content.decode()
    )
    assert "Párrafo 1 en v1" in html
    assert "Párrafo 4 en v2" in html
    assert not re.search(r"\b[ps]-\d+\b", _text(html))
