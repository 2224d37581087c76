import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from datacon.common.models import AuditEntry
from datacon.demo.loader import demo_load
from datacon.memoria.models import Memoria, MemoriaSection, ReportedFigure
from datacon.memoria.services import (
    memoria_ensure,
    memoria_publish,
    memoria_section_save,
    memoria_unpublish,
    reported_figure_save,
)
from tests import factories as core

pytestmark = pytest.mark.django_db


def test_section_save_writes_once_and_empty_body_removes_it():
    memoria = memoria_ensure(edition=core.EditionFactory(), actor=core.SYSTEM)
    memoria_section_save(memoria=memoria, kind="goals", body="Objetivos.\r\n", actor=core.SYSTEM)
    audits = AuditEntry.objects.count()
    memoria_section_save(memoria=memoria, kind="goals", body="Objetivos.", actor=core.SYSTEM)
    assert AuditEntry.objects.count() == audits
    memoria_section_save(memoria=memoria, kind="goals", body="  ", actor=core.SYSTEM)
    assert MemoriaSection.objects.filter(memoria=memoria).count() == 0


def test_section_save_rejects_unknown_kind():
    memoria = memoria_ensure(edition=core.EditionFactory(), actor=core.SYSTEM)
    with pytest.raises(ValidationError):
        memoria_section_save(memoria=memoria, kind="otra", body="x", actor=core.SYSTEM)


def test_reported_figure_needs_a_source():
    memoria = memoria_ensure(edition=core.EditionFactory(), actor=core.SYSTEM)
    with pytest.raises(ValidationError) as error:
        reported_figure_save(
            memoria=memoria, key="attendees", value=10, source=" ", actor=core.SYSTEM
        )
    assert "source" in error.value.message_dict


def test_publish_sets_date_once_and_unpublish_keeps_it():
    memoria = memoria_ensure(edition=core.EditionFactory(), actor=core.SYSTEM)
    memoria_publish(memoria=memoria, actor=core.SYSTEM, on=dt.date(2031, 7, 1))
    memoria_unpublish(memoria=memoria, actor=core.SYSTEM)
    memoria_publish(memoria=memoria, actor=core.SYSTEM, on=dt.date(2032, 1, 1))
    memoria.refresh_from_db()
    assert (memoria.status, memoria.published_on) == ("published", dt.date(2031, 7, 1))


def test_memoria_ensure_creates_one_memoria():
    edition = core.EditionFactory()
    assert memoria_ensure(edition=edition, actor=core.SYSTEM) == memoria_ensure(
        edition=edition, actor=core.SYSTEM
    )
    assert Memoria.objects.filter(edition=edition).count() == 1


def test_demo_loads_memorias_once():
    demo_load(with_demo_users=False)
    snapshot = (
        list(MemoriaSection.objects.order_by("pk").values()),
        list(ReportedFigure.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    demo_load(with_demo_users=False)
    assert snapshot == (
        list(MemoriaSection.objects.order_by("pk").values()),
        list(ReportedFigure.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    assert MemoriaSection.objects.filter(memoria__edition__year=2021).count() == 7
    assert ReportedFigure.objects.get(memoria__edition__year=2022, key="moderators").value == 25


def _post(edition, **extra):  # type: ignore[no-untyped-def]
    data = {
        "subtitle": "Memoria del evento",
        "body_background": "Antecedentes nuevos.",
        "cifras-TOTAL_FORMS": "2",
        "cifras-INITIAL_FORMS": "0",
        "cifras-0-key": "attendees",
        "cifras-0-value": "900",
        "cifras-0-qualifier": "more_than",
        "cifras-0-source": "Comunicado de prensa",
        "cifras-1-key": "",
        "cifras-1-qualifier": "exact",
    }
    data.update(extra)
    return data


def test_editor_saves_sections_and_figures(organiser_client):
    edition = core.EditionFactory()
    response = organiser_client.post(f"/gestion/memorias/{edition.slug}/", _post(edition))
    assert response.status_code == 302
    memoria = Memoria.objects.get(edition=edition)
    assert memoria.subtitle == "Memoria del evento"
    assert [(s.kind, s.body) for s in memoria.sections.all()] == [
        ("background", "Antecedentes nuevos.")
    ]
    assert [(f.key, f.value, f.qualifier) for f in memoria.figures.all()] == [
        ("attendees", 900, "more_than")
    ]
    # A figure left out of the form is removed.
    organiser_client.post(
        f"/gestion/memorias/{edition.slug}/", _post(edition, **{"cifras-0-delete": "on"})
    )
    assert memoria.figures.count() == 0


def test_editor_keeps_what_was_typed_when_a_figure_has_no_source(organiser_client):
    edition = core.EditionFactory()
    response = organiser_client.post(
        f"/gestion/memorias/{edition.slug}/", _post(edition, **{"cifras-0-source": ""})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indique de dónde proviene la cifra." in html
    assert "Antecedentes nuevos." in html
    assert MemoriaSection.objects.filter(memoria__edition=edition).count() == 0


def test_editor_refuses_repeated_indicator(organiser_client):
    edition = core.EditionFactory()
    data = _post(
        edition, **{"cifras-1-key": "attendees", "cifras-1-value": "5", "cifras-1-source": "Otro"}
    )
    response = organiser_client.post(f"/gestion/memorias/{edition.slug}/", data)
    assert (
        "Cada indicador puede aparecer una sola vez: Personas asistentes."
        in response.content.decode()
    )
    assert ReportedFigure.objects.count() == 0


def test_publish_and_unpublish_from_the_back_office(organiser_client, client):
    edition = core.EditionFactory()
    organiser_client.post(f"/gestion/memorias/{edition.slug}/", _post(edition))
    assert (
        "Antecedentes nuevos."
        not in client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    )
    organiser_client.post(f"/gestion/memorias/{edition.slug}/publicacion/", {"accion": "publicar"})
    assert (
        "Antecedentes nuevos." in client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    )
    organiser_client.post(
        f"/gestion/memorias/{edition.slug}/publicacion/", {"accion": "despublicar"}
    )
    assert (
        "Antecedentes nuevos."
        not in client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    )


def test_back_office_memoria_screens_need_staff_and_permission(client):
    edition = core.EditionFactory()
    assert client.get("/gestion/memorias/").status_code == 302
    reader = Client()
    reader.force_login(core.read_only_staff_user())
    assert reader.get("/gestion/memorias/").status_code == 200
    assert reader.get(f"/gestion/memorias/{edition.slug}/").status_code == 403
    assert (
        reader.post(
            f"/gestion/memorias/{edition.slug}/publicacion/", {"accion": "publicar"}
        ).status_code
        == 403
    )
    plain = Client()
    plain.force_login(core.UserFactory())
    assert plain.get("/gestion/datos/").status_code == 403


def test_back_office_lists_and_panels_render(organiser_client):
    demo_load(with_demo_users=False)
    assert "DATACON 2021" in organiser_client.get("/gestion/memorias/").content.decode()
    panel = organiser_client.get("/gestion/datos/").content.decode()
    assert "Archivo estático (ZIP)" in panel
    home = organiser_client.get("/gestion/").content.decode()
    assert 'href="/gestion/memorias/"' in home and 'href="/gestion/datos/"' in home


def test_admin_memoria_saves_through_services(superuser_client):
    edition = core.EditionFactory()
    memoria = memoria_ensure(edition=edition, actor=core.SYSTEM)
    assert superuser_client.get(f"/admin/memoria/memoria/{memoria.pk}/change/").status_code == 200
    response = superuser_client.post(
        "/admin/memoria/memoria/",
        {"action": "publish", "_selected_action": [memoria.pk]},
    )
    assert response.status_code == 302
    memoria.refresh_from_db()
    assert memoria.status == "published"
    assert AuditEntry.objects.filter(action="memoria.publish").count() == 1
