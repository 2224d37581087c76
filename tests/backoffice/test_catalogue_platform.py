"""The platform's own records on the record screens (issue 16.2): organisations, people,
privacy notices, the platform's operator, sources and sourced facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from datacon.backoffice.catalogue_kinds import KINDS
from datacon.common.models import AuditEntry
from datacon.opendata.models import PlatformOperator
from datacon.people.models import Person
from datacon.people.models_privacy import PrivacyNotice
from datacon.sources.models import Source, SourcedFact
from tests import factories
from tests.policy.factories import ProcessFactory

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _organisation() -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"name": "Red de Datos Abiertos", "acronym": "RDA", "kind": "civil_society"}
    return data, {"website": "https://rda.example.org"}


def _person() -> tuple[dict[str, Any], dict[str, Any]]:
    organisation = factories.OrganisationFactory()
    data = {"public_name": "Lucía Ponente", "organisation": organisation.pk,
            "position": "Directora"}  # fmt: skip
    return data, {"position": "Coordinadora"}


def _notice() -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"responsible_body": "Asociación DATACON", "short_text": "Usamos sus datos para…",
            "data_collected": "Nombre y correo.", "purposes": "Registro.",
            "legal_basis": "Consentimiento.", "arco_contact": "privacidad@example.org",
            "arco_procedure": "Escriba al correo."}  # fmt: skip
    return data, {"retention": "Un año."}


def _operator() -> tuple[dict[str, Any], dict[str, Any]]:
    return {"name": "Asociación DATACON", "email": "datos@example.org"}, {
        "website": "https://datacon.example.org"
    }


def _source() -> tuple[dict[str, Any], dict[str, Any]]:
    data = {"key": "minuta-2021", "kind": "official", "title": "Minuta de instalación"}
    return data, {"publisher": "Secretaría"}


def _fact() -> tuple[dict[str, Any], dict[str, Any]]:
    source = Source.objects.create(key="informe", kind="official", title="Informe")
    process = ProcessFactory()
    data = {"key": "dato-1", "process": process.pk, "category": "general",
            "text": "El proceso empezó en 2021.", "source": source.pk, "order": "0"}  # fmt: skip
    return data, {"quote": "empezó en 2021"}


CASES: dict[str, Callable[[], tuple[dict[str, Any], dict[str, Any]]]] = {
    "organizaciones": _organisation,
    "personas": _person,
    "avisos-de-privacidad": _notice,
    "operador": _operator,
    "fuentes": _source,
    "datos-con-fuente": _fact,
}


@pytest.mark.parametrize("slug", sorted(CASES))
def test_an_organiser_creates_and_edits_the_record(
    slug, organiser_client, organiser_user, django_assert_max_num_queries
):
    kind = KINDS[slug]
    data, change = CASES[slug]()
    base = f"/gestion/registros/{slug}/"
    assert f'href="{base}"' in organiser_client.get("/gestion/registros/").content.decode()
    before = kind.model._default_manager.count()
    response = organiser_client.post(f"{base}nuevo/", data)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    assert kind.model._default_manager.count() == before + 1
    record = kind.model._default_manager.order_by("-pk").first()
    assert f'href="{base}{record.pk}/"' in organiser_client.get(base).content.decode()
    with django_assert_max_num_queries(12):
        assert organiser_client.get(base).status_code == 200
    response = organiser_client.post(f"{base}{record.pk}/", data | change)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    record.refresh_from_db()
    for name, value in change.items():
        assert str(getattr(record, name)) == value
    assert (
        AuditEntry.objects.filter(
            object_type=kind.model._meta.label_lower, object_id=str(record.pk), actor=organiser_user
        ).count()
        == 2
    )


@pytest.mark.parametrize("slug", sorted(CASES))
def test_read_only_staff_get_403(slug):
    data, _change = CASES[slug]()
    reader = _client(factories.read_only_staff_user())
    assert reader.get(f"/gestion/registros/{slug}/nuevo/").status_code == 403
    assert reader.post(f"/gestion/registros/{slug}/nuevo/", data).status_code == 403


def test_a_profile_entered_by_mistake_is_deleted_one_in_the_program_is_kept(organiser_client):
    """With the admin closed, a duplicate profile had no way out (QA)."""
    mistake = factories.PersonFactory(public_name="Perfil duplicado")
    page = organiser_client.get(f"/gestion/registros/personas/{mistake.pk}/").content.decode()
    assert f"/gestion/registros/personas/{mistake.pk}/borrar/" in page
    assert (
        organiser_client.post(f"/gestion/registros/personas/{mistake.pk}/borrar/").status_code
        == 302
    )
    assert Person.objects.filter(pk=mistake.pk).exists() is False
    speaker = factories.ParticipationFactory().person
    response = organiser_client.post(f"/gestion/registros/personas/{speaker.pk}/borrar/")
    assert response.status_code == 409
    assert "Participaciones: «" in response.content.decode()
    assert Person.objects.filter(pk=speaker.pk).exists()
    organisation = factories.OrganisationFactory()
    url = f"/gestion/registros/organizaciones/{organisation.pk}/borrar/"
    assert organiser_client.post(url).status_code == 302


def test_private_data_only_for_accounts_that_see_it(organiser_client):
    person = factories.PersonFactory(email="privado@correo.example")
    url = f"/gestion/registros/personas/{person.pk}/"
    assert "privado@correo.example" in organiser_client.get(url).content.decode()
    # An organiser whose group does not grant personal data.
    staff = factories.organiser_user()
    group = staff.groups.get()
    group.permissions.remove(Permission.objects.get(codename="view_private_data"))
    page = _client(staff).get(url).content.decode()
    assert "privado@correo.example" not in page
    assert 'name="email"' not in page
    listing = _client(staff).get("/gestion/registros/personas/").content.decode()
    assert person.public_name in listing and "privado@correo.example" not in listing


def test_a_source_cited_by_a_fact_is_not_deleted(organiser_client):
    source = Source.objects.create(key="ley", kind="official", title="Ley de datos")
    SourcedFact.objects.create(
        key="hecho", process=ProcessFactory(), category="general", text="La ley se publicó.",
        source=source,
    )  # fmt: skip
    response = organiser_client.post(f"/gestion/registros/fuentes/{source.pk}/borrar/")
    page = response.content.decode()
    assert response.status_code == 409
    assert (
        "No se puede borrar: otros registros lo usan (Datos con fuente: «La ley se publicó.»)"
        in page
    )
    assert Source.objects.filter(pk=source.pk).exists()
    unused = Source.objects.create(key="otra", kind="official", title="Otra")
    response = organiser_client.post(f"/gestion/registros/fuentes/{unused.pk}/borrar/")
    assert response.status_code == 302
    assert not Source.objects.filter(pk=unused.pk).exists()


def test_a_published_notice_keeps_its_text(organiser_client):
    data, _change = _notice()
    organiser_client.post("/gestion/registros/avisos-de-privacidad/nuevo/", data)
    notice = PrivacyNotice.objects.get()
    PrivacyNotice.objects.filter(pk=notice.pk).update(version=1, published_at="2026-01-01T00:00Z")
    response = organiser_client.post(
        f"/gestion/registros/avisos-de-privacidad/{notice.pk}/",
        data | {"retention": "Cambiado a escondidas."},
    )
    page = response.content.decode()
    assert response.status_code == 200
    # Shown read-only from the start (it looked editable until saved), with the way on.
    assert "Este aviso ya está publicado" in page
    assert ('<button type="submit">Guardar</button>' in page, "Cambiado a escondidas." in page) == (
        False,
        False,
    )
    assert 'name="retention"' in page and "disabled" in page.split('name="retention"', 1)[1][:300]
    notice.refresh_from_db()
    assert notice.retention == ""


def test_one_operator_only(organiser_client):
    data, _change = _operator()
    assert organiser_client.post("/gestion/registros/operador/nuevo/", data).status_code == 302
    listing = organiser_client.get("/gestion/registros/operador/").content.decode()
    assert "/gestion/registros/operador/nuevo/" not in listing
    assert organiser_client.get("/gestion/registros/operador/nuevo/").status_code == 404
    assert PlatformOperator.objects.count() == 1


def test_publish_a_notice_then_start_its_next_version(organiser_client, organiser_user):
    data, _change = _notice()
    organiser_client.post("/gestion/registros/avisos-de-privacidad/nuevo/", data)
    draft = PrivacyNotice.objects.get()
    url = f"/gestion/registros/avisos-de-privacidad/{draft.pk}/"
    page = organiser_client.get(url).content.decode()
    assert f'action="{url}accion/publicar/"' in page
    assert "accion/nueva-version/" not in page
    assert organiser_client.get(f"{url}accion/publicar/").status_code == 405
    response = organiser_client.post(f"{url}accion/publicar/")
    assert (response.status_code, response["Location"]) == (302, url)
    draft.refresh_from_db()
    assert (draft.version, draft.published_by) == (1, organiser_user)
    response = organiser_client.post(f"{url}accion/publicar/")
    assert response.status_code == 302
    follow = organiser_client.get(url).content.decode()
    assert "Este aviso ya está publicado (versión 1)." in follow
    assert f'action="{url}accion/nueva-version/"' in follow
    response = organiser_client.post(f"{url}accion/nueva-version/")
    copy = PrivacyNotice.objects.exclude(pk=draft.pk).get()
    assert response["Location"] == f"/gestion/registros/avisos-de-privacidad/{copy.pk}/"
    assert (copy.version, copy.purposes) == (None, draft.purposes)
    reader = _client(factories.read_only_staff_user())
    assert (
        reader.post(
            f"/gestion/registros/avisos-de-privacidad/{copy.pk}/accion/publicar/"
        ).status_code
        == 403
    )
    assert organiser_client.post(f"{url}accion/desconocida/").status_code == 404
