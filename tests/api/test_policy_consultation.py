"""Read-only API of policy and consultation records: public only, no personal data, fixed queries."""

import pytest
from django.core.cache import cache
from django.test import Client

from datacon.consultation import moderation
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant
from tests.policy.factories import ExpenseFactory, ProcessFactory

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/politica/procesos/",
    "/api/v1/politica/etapas/",
    "/api/v1/politica/grupos/",
    "/api/v1/politica/reuniones/",
    "/api/v1/politica/acuerdos/",
    "/api/v1/politica/versiones/",
    "/api/v1/politica/parrafos/",
    "/api/v1/politica/gastos/",
    "/api/v1/politica/compromisos/",
    "/api/v1/politica/avances/",
    "/api/v1/consultas/consultas/",
    "/api/v1/consultas/comentarios/",
    "/api/v1/consultas/moderacion/",
]


def test_comments_api_has_author_number_and_public_name_but_no_email():
    consultation = ConsultationFactory()
    user = participant(consultation, name="Seudónimo").user
    target = comment(consultation, user)
    moderation.comment_hide(
        comment=target, reason="Motivo público.", actor=factories.SYSTEM, notify_author=False
    )
    data = Client().get("/api/v1/consultas/comentarios/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["participant"], row["author"], row["text"]) == (
        1,
        "Seudónimo",
        "Comentario ocultado por moderación: Motivo público.",
    )
    assert user.email not in str(data)


def test_draft_process_records_are_not_in_the_api():
    ExpenseFactory(process=ProcessFactory(status="draft"))
    assert Client().get("/api/v1/politica/gastos/").json()["count"] == 0


@pytest.mark.parametrize("url", ENDPOINTS)
def test_api_lists_query_count_is_constant(url, count_queries):
    consultation = ConsultationFactory()
    comment(consultation)
    ExpenseFactory(process=consultation.process)
    small = count_queries(lambda: Client().get(url))
    for _ in range(5):
        comment(consultation)
        ExpenseFactory(process=consultation.process)
    cache.clear()  # the factories write no public versions: measure the list, not the cache
    assert count_queries(lambda: Client().get(url)) == small


@pytest.mark.parametrize("url", ENDPOINTS)
def test_api_lists_are_cached_public_pages(url):
    """The view sets derive from PublicReadOnlyViewSet: an ETag, and 304 when unchanged."""
    ConsultationFactory()
    first = Client().get(url)
    assert (first.status_code, first.has_header("ETag")) == (200, True)
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
