"""Organisers correct the sourced record in the admin, through the services (audited)."""

import pytest

from datacon.common.models import AuditEntry
from datacon.sources.models import SourcedFact
from tests import factories as core
from tests.sources import factories

pytestmark = pytest.mark.django_db


def test_admin_lists_and_corrects_a_fact_through_the_service(superuser_client):
    edition = core.EditionFactory(status="archived")
    fact = factories.fact(edition=edition, text="Dato original.")
    assert superuser_client.get("/admin/sources/sourcedfact/").status_code == 200
    assert superuser_client.get("/admin/sources/source/").status_code == 200
    response = superuser_client.post(
        f"/admin/sources/sourcedfact/{fact.pk}/change/",
        {
            "key": fact.key,
            "edition": edition.pk,
            "category": "general",
            "on_date": "2022",
            "text": "Dato corregido.",
            "text_en": "",
            "source": fact.source_id,
            "quote": "cita",
            "uncertain": "on",
            "uncertain_why": "La fuente no da el día.",
            "order": 0,
        },
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert (fact.text, fact.uncertain) == ("Dato corregido.", True)
    assert AuditEntry.objects.filter(action="sourcedfact.load").count() == 2


def test_admin_refuses_an_uncertain_fact_without_a_reason(superuser_client):
    fact = factories.fact()
    response = superuser_client.post(
        f"/admin/sources/sourcedfact/{fact.pk}/change/",
        {"key": fact.key, "category": "general", "text": "x", "source": fact.source_id,
         "uncertain": "on", "uncertain_why": "", "order": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Diga por qué el dato no está confirmado." in response.content.decode()
    assert SourcedFact.objects.get(pk=fact.pk).uncertain is False
