"""Public consultations set up on the platform's record screens instead of the admin."""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.consultation.models import Consultation
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment
from tests.policy.factories import DocumentFactory, ProcessFactory, publish

pytestmark = pytest.mark.django_db


def _data(process, version) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"process": process.pk, "version": version.pk, "title": "Consulta del borrador",
            "status": "draft", "opens_on": "2026-06-01", "closes_on": "2026-06-30",
            "timezone": "America/Mexico_City", "rules": "Debatir ideas.",
            "max_comment_length": "2000"}  # fmt: skip


def test_set_up_change_and_delete_a_consultation(organiser_client, organiser_user):
    home = organiser_client.get("/gestion/consultas/").content.decode()
    assert 'href="/gestion/registros/consultas/nuevo/"' in home
    assert "/admin/consultation/" not in home
    process = ProcessFactory()
    version = publish(DocumentFactory(process=process))
    data = _data(process, version)
    response = organiser_client.post("/gestion/registros/consultas/nuevo/", data)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    consultation = Consultation.objects.get(title="Consulta del borrador")
    assert consultation.slug == "consulta-del-borrador"
    url = f"/gestion/registros/consultas/{consultation.pk}/"
    assert organiser_client.post(url, data | {"closes_on": "2026-07-15"}).status_code == 302
    consultation.refresh_from_db()
    assert str(consultation.closes_on) == "2026-07-15"
    kept = organiser_client.post(url, data | {"closes_on": "2026-05-01"})
    assert kept.status_code == 200
    assert 'value="Consulta del borrador"' in kept.content.decode()
    assert organiser_client.post(f"{url}borrar/").status_code == 302
    assert Consultation.objects.filter(pk=consultation.pk).exists() is False
    assert list(
        AuditEntry.objects.filter(object_type="consultation.consultation", actor=organiser_user)
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["consultation.create", "consultation.update", "consultation.delete"]


def test_a_consultation_with_comments_is_not_deleted(organiser_client):
    consultation = ConsultationFactory()
    comment(consultation)
    response = organiser_client.post(f"/gestion/registros/consultas/{consultation.pk}/borrar/")
    assert response.status_code == 409
    alert = response.content.decode().split('role="alert">', 1)[1].split("</div>", 1)[0]
    assert "No se puede borrar: otros registros lo usan (" in alert, alert
    assert "· Un comentario" in alert, alert
    assert Consultation.objects.filter(pk=consultation.pk).exists()


def test_read_only_staff_see_the_consultations_but_change_nothing():
    consultation = ConsultationFactory()
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.get("/gestion/registros/consultas/").status_code == 200
    assert reader.get(f"/gestion/registros/consultas/{consultation.pk}/").status_code == 403
    assert reader.get("/gestion/registros/consultas/nuevo/").status_code == 403
    assert reader.post(f"/gestion/registros/consultas/{consultation.pk}/borrar/").status_code == 403
