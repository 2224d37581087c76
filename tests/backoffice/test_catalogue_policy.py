"""The policy process's child records on the platform's record screens (issue 16.2):
goals, stages, milestones, linked editions, group members, attendance and attachments,
without the Django admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.backoffice.catalogue_kinds import KINDS
from datacon.common.models import AuditEntry
from tests import factories
from tests.policy.factories import GroupFactory, MeetingFactory, ProcessFactory, StageFactory

pytestmark = pytest.mark.django_db


def _goal() -> tuple[dict[str, Any], dict[str, Any]]:
    process = ProcessFactory()
    return {"process": process.pk, "text": "Publicar datos de salud."}, {"number": "4"}


def _stage() -> tuple[dict[str, Any], dict[str, Any]]:
    process = ProcessFactory()
    data = {"process": process.pk, "name": "Diagnóstico", "starts_on": "2026-01-10"}
    return data, {"ends_on": "2026-03-31"}


def _milestone() -> tuple[dict[str, Any], dict[str, Any]]:
    stage = StageFactory(starts_on="2026-01-01", ends_on=None)
    data = {"process": stage.process_id, "date": "2026-02-14", "title": "Instalación",
            "source": "official"}  # fmt: skip
    return data, {"title": "Instalación formal"}


def _link() -> tuple[dict[str, Any], dict[str, Any]]:
    process = ProcessFactory()
    edition = factories.EditionFactory()
    data = {"process": process.pk, "edition": edition.pk, "relation": "origin"}
    return data, {"relation": "input"}


def _member() -> tuple[dict[str, Any], dict[str, Any]]:
    group = GroupFactory()
    person = factories.PersonFactory(public_name="Ana Integrante")
    data = {"group": group.pk, "person": person.pk, "role": "member"}
    return data, {"role": "coordinator"}


def _attendance() -> tuple[dict[str, Any], dict[str, Any]]:
    meeting = MeetingFactory()
    organisation = factories.OrganisationFactory()
    data = {"meeting": meeting.pk, "organisation": organisation.pk, "status": "present"}
    return data, {"status": "excused"}


def _attachment() -> tuple[dict[str, Any], dict[str, Any]]:
    meeting = MeetingFactory()
    data = {"meeting": meeting.pk, "title": "Minuta firmada", "url": "https://example.org/m.pdf",
            "order": "0"}  # fmt: skip
    return data, {"title": "Minuta firmada (versión final)"}


CASES: dict[str, Callable[[], tuple[dict[str, Any], dict[str, Any]]]] = {
    "metas": _goal,
    "etapas": _stage,
    "hitos": _milestone,
    "ediciones-vinculadas": _link,
    "integrantes": _member,
    "asistencias": _attendance,
    "anexos": _attachment,
}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_an_organiser_creates_edits_and_deletes_the_record(
    slug, organiser_client, organiser_user, django_assert_max_num_queries
):
    kind = KINDS[slug]
    data, change = CASES[slug]()
    base = f"/gestion/registros/{slug}/"
    assert f'href="{base}"' in organiser_client.get("/gestion/registros/").content.decode()
    response = organiser_client.post(f"{base}nuevo/", data)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    record = kind.model._default_manager.get()
    with django_assert_max_num_queries(12):
        assert organiser_client.get(base).status_code == 200
    response = organiser_client.post(f"{base}{record.pk}/", data | change)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    record.refresh_from_db()
    for name, value in change.items():
        assert str(getattr(record, name)) == value
    label = kind.model._meta.label_lower
    assert organiser_client.get(f"{base}{record.pk}/borrar/").status_code == 200
    assert organiser_client.post(f"{base}{record.pk}/borrar/").status_code == 302
    assert kind.model._default_manager.count() == 0
    assert [
        action.rsplit(".", 1)[-1]
        for action in AuditEntry.objects.filter(object_type=label, actor=organiser_user)
        .order_by("id")
        .values_list("action", flat=True)
    ] == ["create", "update", "delete"]


@pytest.mark.parametrize("slug", sorted(CASES))
def test_read_only_staff_get_403_on_writes(slug):
    data, _change = CASES[slug]()
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.get(f"/gestion/registros/{slug}/").status_code == 200
    assert reader.get(f"/gestion/registros/{slug}/nuevo/").status_code == 403
    assert reader.post(f"/gestion/registros/{slug}/nuevo/", data).status_code == 403
    assert KINDS[slug].model._default_manager.count() == 0


def test_the_service_numbers_goals_and_orders_stages(organiser_client):
    process = ProcessFactory()
    for text in ("Primero.", "Segundo."):
        response = organiser_client.post(
            "/gestion/registros/metas/nuevo/", {"process": process.pk, "text": text}
        )
        assert response.status_code == 302
    assert list(process.goals.order_by("number").values_list("number", "text")) == [
        (1, "Primero."),
        (2, "Segundo."),
    ]


def test_a_stage_ending_before_it_starts_keeps_what_was_typed(organiser_client):
    process = ProcessFactory()
    response = organiser_client.post(
        "/gestion/registros/etapas/nuevo/",
        {"process": process.pk, "name": "Consulta pública", "starts_on": "2026-05-01",
         "ends_on": "2026-04-01"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "La etapa no puede terminar antes de empezar." in page
    assert 'value="Consulta pública"' in page


def test_members_show_public_names_only(organiser_client):
    group = GroupFactory(name="Grupo de salud")
    person = factories.PersonFactory(public_name="Ana Integrante")
    organiser_client.post(
        "/gestion/registros/integrantes/nuevo/",
        {"group": group.pk, "person": person.pk, "role": "member"},
    )
    listing = organiser_client.get("/gestion/registros/integrantes/").content.decode()
    assert "Ana Integrante" in listing and "Grupo de salud" in listing
    assert person.email not in listing
    form = organiser_client.get("/gestion/registros/integrantes/nuevo/").content.decode()
    assert person.email not in form


def test_an_attachment_file_is_checked_by_its_content(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()
    fake = SimpleUploadedFile("minuta.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = organiser_client.post(
        "/gestion/registros/anexos/nuevo/",
        {"meeting": meeting.pk, "title": "Minuta", "order": "0", "file": fake},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors["file"]) == [
        "El contenido del archivo no corresponde a un .pdf; revise que no esté dañado."
    ]
    real = SimpleUploadedFile("minuta.pdf", b"%PDF-1.4 minuta", "application/pdf")
    response = organiser_client.post(
        "/gestion/registros/anexos/nuevo/",
        {"meeting": meeting.pk, "title": "Minuta", "order": "0", "file": real},
    )
    assert response.status_code == 302
    assert meeting.attachments.get().file.name.startswith("politica/reuniones/")


def test_the_policy_home_sends_members_and_attendance_to_the_record_screens(organiser_client):
    page = organiser_client.get("/gestion/politica/").content.decode()
    for slug in ("metas", "etapas", "hitos", "ediciones-vinculadas", "integrantes",
                 "asistencias", "anexos"):  # fmt: skip
        assert f'href="/gestion/politica/registros/{slug}/"' in page
    assert "/admin/policy/" not in page
