"""'¿Qué datos abrir?' records on the platform's record screens: reuse projects with their
links and datasets, institutions and their other names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from datacon.backoffice.catalogue_kinds import KINDS
from datacon.common.models import AuditEntry
from datacon.demand.models import InformationRequest, Institution, ReuseProject
from tests import factories
from tests.demand.factories import InstitutionFactory, NeedFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _project() -> tuple[dict[str, Any], dict[str, Any]]:
    organisation = factories.OrganisationFactory()
    data = {"title": "Mapa de clínicas", "kind": "map", "sector": "health",
            "summary": "Dónde atienden.", "organisations": [organisation.pk],
            "is_published": "on"}  # fmt: skip
    return data, {"summary": "Dónde atienden y a qué hora."}


def _link() -> tuple[dict[str, Any], dict[str, Any]]:
    project = ProjectFactory()
    data = {"project": project.pk, "label": "Código", "url": "https://example.org/c", "order": "0"}
    return data, {"label": "Código fuente"}


def _dataset() -> tuple[dict[str, Any], dict[str, Any]]:
    project, need = ProjectFactory(), NeedFactory()
    data = {"project": project.pk, "need": need.pk, "title": "Clínicas", "order": "0"}
    return data, {"title": "Clínicas por municipio"}


def _institution() -> tuple[dict[str, Any], dict[str, Any]]:
    return {"name": "Secretaría de Salud", "acronym": "SSA", "level": "federal"}, {
        "acronym": "SALUD"
    }


def _alias() -> tuple[dict[str, Any], dict[str, Any]]:
    institution = InstitutionFactory()
    return {"institution": institution.pk, "name": "Secretaria de Salud"}, {
        "name": "Secretaría de Salud Federal"
    }


CASES: dict[str, Callable[[], tuple[dict[str, Any], dict[str, Any]]]] = {
    "proyectos-de-reuso": _project,
    "enlaces-de-reuso": _link,
    "datos-de-reuso": _dataset,
    "instituciones": _institution,
    "variantes-de-instituciones": _alias,
}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_an_organiser_creates_edits_and_deletes_the_record(
    slug, organiser_client, organiser_user, django_assert_max_num_queries
):
    kind = KINDS[slug]
    data, change = CASES[slug]()
    base = f"/gestion/registros/{slug}/"
    assert f'href="{base}"' in organiser_client.get("/gestion/registros/").content.decode()
    before = set(kind.model._default_manager.values_list("pk", flat=True))
    response = organiser_client.post(f"{base}nuevo/", data)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    record = kind.model._default_manager.exclude(pk__in=before).get()
    with django_assert_max_num_queries(12):
        assert organiser_client.get(base).status_code == 200
    response = organiser_client.post(f"{base}{record.pk}/", data | change)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    record.refresh_from_db()
    for name, value in change.items():
        assert str(getattr(record, name)) == value
    assert organiser_client.get(f"{base}{record.pk}/borrar/").status_code == 200
    assert organiser_client.post(f"{base}{record.pk}/borrar/").status_code == 302
    assert not kind.model._default_manager.filter(pk=record.pk).exists()
    assert (
        AuditEntry.objects.filter(
            object_type=kind.model._meta.label_lower, object_id=str(record.pk), actor=organiser_user
        ).count()
        == 3
    )


@pytest.mark.parametrize("slug", sorted(CASES))
def test_read_only_staff_get_403(slug):
    data, _change = CASES[slug]()
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.get(f"/gestion/registros/{slug}/nuevo/").status_code == 403
    assert reader.post(f"/gestion/registros/{slug}/nuevo/", data).status_code == 403


def test_a_project_keeps_its_organisations(organiser_client):
    data, _change = _project()
    organiser_client.post("/gestion/registros/proyectos-de-reuso/nuevo/", data)
    project = ReuseProject.objects.get(title="Mapa de clínicas")
    assert list(project.organisations.values_list("pk", flat=True)) == data["organisations"]
    assert project.slug == "mapa-de-clinicas"


def test_an_institution_with_requests_is_not_deleted(organiser_client):
    institution = InstitutionFactory(name="Instituto de Salud")
    InformationRequest.objects.create(
        folio="330000100001", filed_on=dt.date(2024, 1, 5), institution=institution,
        display_text="¿Cuántas clínicas hay?", row_hash=1,
    )  # fmt: skip
    response = organiser_client.post(f"/gestion/registros/instituciones/{institution.pk}/borrar/")
    assert response.status_code == 409
    assert "No se puede borrar: otros registros lo usan" in response.content.decode()
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_a_second_institution_of_the_same_name_keeps_what_was_typed(organiser_client):
    InstitutionFactory(name="Secretaría de Salud")
    response = organiser_client.post(
        "/gestion/registros/instituciones/nuevo/",
        {"name": "Secretaría de Salud", "acronym": "SSA2", "level": "federal"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ya existe una institución con ese nombre." in page
    assert 'value="SSA2"' in page


def test_the_institutions_screen_links_each_one_to_its_record_screen(organiser_client):
    institution = InstitutionFactory()
    page = organiser_client.get("/gestion/demanda/instituciones/").content.decode()
    assert f'href="/gestion/registros/instituciones/{institution.pk}/"' in page
    assert "/admin/demand/institution/" not in page
