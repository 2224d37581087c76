import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.common.actor import Actor
from datacon.demand.models import (
    DatasetCandidate,
    DataStandard,
    ImportRun,
    InformationNeed,
    InformationRequest,
    Institution,
    NeedMention,
    NeedStatus,
)
from datacon.demo.synthetic_requests import SAMPLE_PATH
from tests import factories
from tests.demand.factories import InstitutionFactory, NeedFactory, StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def working_group_client(db):
    from django.contrib.auth.models import Group

    from datacon.backoffice.roles import roles_ensure

    roles_ensure()
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Mesa de datos por abrir"))
    client = Client()
    client.force_login(user)
    return client


def test_screens_need_staff_with_permission(client):
    assert client.get("/gestion/demanda/").status_code == 302
    plain = Client()
    plain.force_login(factories.UserFactory())
    assert plain.get("/gestion/demanda/").status_code == 403
    reader = Client()
    reader.force_login(factories.read_only_staff_user())
    assert reader.get("/gestion/demanda/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/gestion/",
        "/gestion/demanda/",
        "/gestion/demanda/?estado=todas",
        "/gestion/demanda/?estado=ocultas",
        "/gestion/demanda/candidatos/",
        "/gestion/demanda/importaciones/",
        "/gestion/demanda/estandares/",
        "/gestion/demanda/estandares/nuevo/",
        "/gestion/demanda/instituciones/",
    ],
)
def test_organiser_screens_render(organiser_client, analysed, path):
    assert organiser_client.get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/admin/demand/reuseproject/",
        "/admin/demand/reuseproject/add/",
        "/admin/demand/datastandard/",
        "/admin/demand/institution/",
        "/admin/demand/informationneed/",
        "/admin/demand/importrun/",
        "/admin/demand/analysisrun/",
    ],
)
def test_repair_screens_render_for_superusers(superuser_client, analysed, path):
    assert superuser_client.get(path).status_code == 200


def test_triage_changes_status_with_public_reason(working_group_client):
    need = NeedFactory()
    response = working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/estado/",
        {"status": "accepted", "reason": "Sirve a la salud pública."},
    )
    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.status_reason) == ("accepted", "Sirve a la salud pública.")


def test_triage_refusal_without_reason_keeps_the_form(working_group_client):
    need = NeedFactory()
    response = working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/estado/", {"status": "refused", "reason": ""}
    )
    assert response.status_code == 400
    assert "Explique el motivo: se muestra públicamente." in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.PROPOSED


def test_triage_duplicate_needs_its_target(working_group_client):
    need, survivor = NeedFactory(), NeedFactory()
    response = working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/estado/",
        {"status": "duplicate", "reason": "igual"},
    )
    assert response.status_code == 400
    working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/estado/",
        {"status": "duplicate", "reason": "Pide lo mismo.", "duplicate_of": survivor.pk},
    )
    need.refresh_from_db()
    assert need.duplicate_of == survivor


def test_attach_standard_holders_and_session(working_group_client):
    need = NeedFactory()
    standard = StandardFactory()
    institution = InstitutionFactory()
    session = factories.SessionFactory()
    base = f"/gestion/demanda/necesidades/{need.pk}"
    working_group_client.post(f"{base}/estandar/", {"standard": standard.pk})
    working_group_client.post(f"{base}/instituciones/", {"institutions": [institution.pk]})
    working_group_client.post(
        f"{base}/menciones/", {"target": f"program.session:{session.pk}", "note": "En el taller"}
    )
    need.refresh_from_db()
    assert need.standard == standard
    assert list(need.holders.all()) == [institution]
    mention = NeedMention.objects.get()
    assert (mention.target, mention.note) == (session, "En el taller")
    page = working_group_client.get(f"{base}/").content.decode()
    assert session.title in page
    working_group_client.post(f"{base}/menciones/{mention.pk}/quitar/")
    assert NeedMention.objects.count() == 0


def test_moderation_hides_and_shows(working_group_client, client):
    need = NeedFactory()
    working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/moderacion/", {"reason": "Spam"}
    )
    assert client.get(f"/demanda/necesidades/{need.slug}/").status_code == 404
    working_group_client.post(
        f"/gestion/demanda/necesidades/{need.pk}/moderacion/", {"accion": "mostrar"}
    )
    assert client.get(f"/demanda/necesidades/{need.slug}/").status_code == 200


def test_promote_candidate_in_one_click(working_group_client, analysed, client):
    candidate = DatasetCandidate.objects.filter(kind="repeated").order_by("-score").first()
    response = working_group_client.post(f"/gestion/demanda/candidatos/{candidate.pk}/promover/")
    need = InformationNeed.objects.get(origin="requests")
    assert response["Location"] == f"/gestion/demanda/necesidades/{need.pk}/"
    again = working_group_client.post(f"/gestion/demanda/candidatos/{candidate.pk}/promover/")
    assert again["Location"] == response["Location"]
    assert InformationNeed.objects.filter(origin="requests").count() == 1
    public = client.get(f"/demanda/necesidades/{need.slug}/").content.decode()
    assert candidate.institution.name in public


def test_promote_button_shows_only_for_triagers(working_group_client, analysed, client):
    url = "/demanda/preguntas-repetidas/"
    assert "Promover al registro" in working_group_client.get(url).content.decode()
    assert "Promover al registro" not in client.get(url).content.decode()


def test_upload_imports_reports_and_analyses(organiser_client):
    upload = SimpleUploadedFile("muestra.csv", SAMPLE_PATH.read_bytes(), content_type="text/csv")
    response = organiser_client.post(
        "/gestion/demanda/importaciones/subir/",
        {"file": upload, "source": "sintetica", "encoding": "auto", "analyse": "on"},
    )
    run = ImportRun.objects.get()
    assert response["Location"] == f"/gestion/demanda/importaciones/{run.pk}/"
    assert InformationRequest.objects.count() == 243
    assert DatasetCandidate.objects.exists()
    page = organiser_client.get(response["Location"]).content.decode()
    assert "fecha inválida «31/02/2020» (se espera dd/mm/aaaa)" in page
    assert "muestra.csv" in page


def test_upload_with_unknown_headers_shows_the_missing_columns(organiser_client):
    upload = SimpleUploadedFile("otro.csv", b"NOMBRE,EDAD\nAna,30\n", content_type="text/csv")
    response = organiser_client.post(
        "/gestion/demanda/importaciones/subir/",
        {"file": upload, "source": "pnt", "encoding": "auto"},
    )
    assert response.status_code == 400
    assert "Faltan columnas obligatorias" in response.content.decode()
    assert InformationRequest.objects.count() == 0


def test_standard_form_parses_fields(organiser_client):
    response = organiser_client.post(
        "/gestion/demanda/estandares/nuevo/",
        {
            "name": "Contratos abiertos",
            "data_format": "CSV y JSON",
            "update_frequency": "monthly",
            "licence": "CC-BY-4.0",
            "fields_text": "folio | texto | Folio del contrato | sí\nmonto | número | Monto | no",
        },
    )
    assert response.status_code == 302
    standard = DataStandard.objects.get()
    assert standard.fields == [
        {"name": "folio", "type": "texto", "description": "Folio del contrato", "required": True},
        {"name": "monto", "type": "número", "description": "Monto", "required": False},
    ]


def test_merge_institutions_screen(organiser_client, sample_report):
    source = Institution.objects.get(name="Secretaría de Salud de Muestra")
    target = Institution.objects.get(name="Instituto de Seguridad Social de Muestra")
    total = source.requests.count() + target.requests.count()
    organiser_client.post(
        "/gestion/demanda/instituciones/unir/", {"source": source.pk, "target": target.pk}
    )
    assert not Institution.objects.filter(pk=source.pk).exists()
    assert target.requests.count() == total


def test_analyse_button(organiser_client, sample_report):
    response = organiser_client.post("/gestion/demanda/analisis/")
    assert response.status_code == 302
    assert DatasetCandidate.objects.exists()


def _grow(count: int) -> None:
    from datacon.demand.models import ImportRun
    from datacon.demand.services import need_support

    standard = StandardFactory()
    for _ in range(count):
        need = NeedFactory(standard=standard)
        need.holders.set([InstitutionFactory(), InstitutionFactory()])
        need_support(need=need, actor=Actor.of(factories.UserFactory()))
        ImportRun.objects.create(file_name="x.csv", rows_read=1)


@pytest.mark.parametrize(
    "url",
    [
        "/gestion/demanda/",
        "/gestion/demanda/?estado=todas",
        "/gestion/demanda/candidatos/",
        "/gestion/demanda/importaciones/",
        "/gestion/demanda/estandares/",
        "/gestion/demanda/instituciones/",
    ],
)
def test_backoffice_lists_run_fixed_queries(organiser_client, analysed, count_queries, url):
    _grow(2)
    organiser_client.get(url)  # per-process caches (content types, session) warm up first
    small = count_queries(lambda: organiser_client.get(url))
    _grow(6)
    assert count_queries(lambda: organiser_client.get(url)) == small
