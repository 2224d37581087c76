import csv
import io

import lxml.html
import pytest
from django.core.cache import cache
from django.test import Client

from datacon.common.actor import Actor
from datacon.demand.catalogue import project_dataset_add
from datacon.demand.models import InformationNeed, NeedStatus, NeedSupport, ReuseLink
from datacon.demand.services import need_mention_add, need_support
from tests import factories
from tests.demand.factories import InstitutionFactory, NeedFactory, ProjectFactory, StandardFactory

pytestmark = pytest.mark.django_db


def _html(response) -> lxml.html.HtmlElement:  # type: ignore[no-untyped-def]
    return lxml.html.fromstring(response.content.decode())


def test_hidden_needs_are_not_public(client):
    need = NeedFactory(is_hidden=True, hidden_reason="Spam")
    assert client.get(f"/demanda/necesidades/{need.slug}/").status_code == 404
    assert need.title not in client.get("/demanda/necesidades/").content.decode()
    assert (
        need.title
        not in client.get("/demanda/datos/necesidades-de-informacion.csv").content.decode()
    )


# --- proposing and supporting -------------------------------------------------------------------


@pytest.fixture
def member(db):
    user = factories.UserFactory()
    client = Client()
    client.force_login(user)
    return user, client


PROPOSAL = {
    "title": "Padrón de beneficiarios por municipio",
    "description": "Beneficiarios, montos y localidades.",
    "justification": "Verificar la entrega de apoyos.",
    "rights": "Derecho a la alimentación.",
    "sector": "social",
    "level": "state",
    "holders_suggested": "Secretaría de Bienestar",
    "proposer_public_name": "Colectivo de Prueba",
}


def test_proposing_needs_an_account(client):
    response = client.get("/demanda/necesidades/proponer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/")


def test_proposing_publishes_and_shows_it(member):
    user, client = member
    response = client.post("/demanda/necesidades/proponer/", PROPOSAL)
    need = InformationNeed.objects.get()
    assert response["Location"] == f"/demanda/necesidades/{need.slug}/"
    page = client.get(response["Location"]).content.decode()
    assert "Colectivo de Prueba" in page
    assert "Usted apoya esta necesidad." in page
    assert user.email not in page


def test_invalid_proposal_keeps_what_was_typed(member):
    _user, client = member
    response = client.post("/demanda/necesidades/proponer/", PROPOSAL | {"description": ""})
    assert response.status_code == 200
    tree = _html(response)
    assert tree.cssselect("#id_title")[0].get("value") == PROPOSAL["title"]
    assert (
        tree.cssselect("#id_justification")[0].text_content().strip() == PROPOSAL["justification"]
    )
    assert (
        tree.cssselect("#id_description-errors li")[0].text_content() == "Este campo es requerido."
    )
    assert InformationNeed.objects.count() == 0


def test_proposal_with_honeypot_is_refused(member):
    _user, client = member
    response = client.post(
        "/demanda/necesidades/proponer/", PROPOSAL | {"sitio_web_confirmacion": "http://spam"}
    )
    assert response.status_code == 200
    assert "No pudimos procesar el formulario" in response.content.decode()
    assert InformationNeed.objects.count() == 0


def test_proposals_are_rate_limited(member):
    _user, client = member
    for number in range(5):
        client.post("/demanda/necesidades/proponer/", PROPOSAL | {"title": f"Conjunto {number}"})
    response = client.post("/demanda/necesidades/proponer/", PROPOSAL | {"title": "Uno más"})
    assert response.status_code == 200
    assert "Ha enviado muchas propuestas" in response.content.decode()
    assert InformationNeed.objects.count() == 5


def test_support_button_adds_once_and_withdraws(member):
    user, client = member
    need = NeedFactory()
    url = f"/demanda/necesidades/{need.slug}/apoyar/"
    client.post(url)
    client.post(url)
    assert NeedSupport.objects.filter(need=need, user=user).count() == 1
    page = client.get(f"/demanda/necesidades/{need.slug}/").content.decode()
    assert "Retirar mi apoyo" in page
    client.post(url, {"accion": "retirar"})
    assert NeedSupport.objects.filter(need=need).count() == 0


def test_anonymous_support_goes_to_sign_in(client):
    need = NeedFactory()
    response = client.post(f"/demanda/necesidades/{need.slug}/apoyar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/?next=")
    assert NeedSupport.objects.count() == 0


def test_account_page_lists_my_proposals_and_supports(member):
    user, client = member
    client.post("/demanda/necesidades/proponer/", PROPOSAL)
    other = NeedFactory(title="Camas de hospital por unidad")
    need_support(need=other, actor=Actor.of(user))
    tree = _html(client.get("/cuenta/"))
    section = tree.cssselect("section[aria-labelledby=account-demand-title]")[0]
    assert [a.text_content() for a in section.cssselect("ul a")] == [
        PROPOSAL["title"],
        "Camas de hospital por unidad",
    ]


def test_supports_show_in_the_csv(member):
    user, client = member
    need = NeedFactory(title="Abasto de medicamentos")
    need_support(need=need, actor=Actor.of(user))
    need_support(need=need, actor=Actor.of(factories.UserFactory()))
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/demanda/datos/necesidades-de-informacion.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [(r["titulo"], r["apoyos"], r["estado"]) for r in rows] == [
        ("Abasto de medicamentos", "2", "proposed")
    ]


# --- query counts: list pages and exports do not grow with the data ---------------------------------


def _registry(count: int) -> None:
    standard = StandardFactory()
    edition = factories.EditionFactory()
    session = factories.SessionFactory(edition=edition)
    for _ in range(count):
        need = NeedFactory(standard=standard, status=NeedStatus.ACCEPTED)
        need.holders.set([InstitutionFactory(), InstitutionFactory()])
        need_mention_add(need=need, target=session, actor=factories.SYSTEM)
        for _user in range(2):
            need_support(need=need, actor=Actor.of(factories.UserFactory()))
        project = ProjectFactory(edition=edition, session=session)
        ReuseLink.objects.create(project=project, label="Sitio", url="https://example.org/")
        project_dataset_add(project=project, need=need, actor=factories.SYSTEM)
        project_dataset_add(
            project=project,
            title="Externo",
            url="https://datos.example.org/x",
            actor=factories.SYSTEM,
        )


REGISTRY_URLS = [
    "/demanda/",
    "/demanda/necesidades/",
    "/demanda/reutilizacion/",
    "/demanda/estandares/",
    "/demanda/instituciones/",
    "/demanda/datos/necesidades-de-informacion.csv",
    "/demanda/datos/necesidades-historial.csv",
    "/demanda/datos/necesidades-menciones.csv",
    "/demanda/datos/estandares-de-publicacion.csv",
    "/demanda/datos/instituciones-sujetos-obligados.csv",
    "/demanda/datos/proyectos-de-reutilizacion.csv",
    "/demanda/datos/proyectos-conjuntos-usados.csv",
]


def _queries(client, count_queries, url) -> int:  # type: ignore[no-untyped-def]
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    cache.clear()
    return count_queries(
        lambda: b"".join(response.streaming_content) if response.streaming else client.get(url)
    )


@pytest.mark.parametrize("url", REGISTRY_URLS)
def test_registry_pages_and_exports_run_fixed_queries(client, count_queries, url):
    _registry(2)
    small = _queries(client, count_queries, url)
    _registry(6)
    assert _queries(client, count_queries, url) == small


REQUEST_URLS = [
    "/demanda/",
    "/demanda/solicitudes/",
    "/demanda/instituciones/",
    "/demanda/instituciones/comision-de-agua-de-muestra/",
    "/demanda/temas/",
    "/demanda/temas/1/",
    "/demanda/preguntas-repetidas/",
    "/demanda/candidatos/",
    "/demanda/datos/demanda-mensual.csv",
    "/demanda/datos/temas-de-solicitudes.csv",
    "/demanda/datos/preguntas-repetidas.csv",
    "/demanda/datos/conjuntos-candidatos.csv",
    "/demanda/datos/solicitudes-de-informacion.csv",
]


@pytest.mark.parametrize("url", REQUEST_URLS)
def test_request_pages_and_exports_run_fixed_queries(
    client, count_queries, url, analysed, tmp_path
):
    from datacon.demand.analysis.run import requests_analyse
    from datacon.demand.importer import requests_import
    from datacon.demo.synthetic_requests import export_write, generate_rows

    small = _queries(client, count_queries, url)
    more = tmp_path / "mas.csv"
    with more.open("w", encoding="cp1252", newline="") as stream:
        export_write(stream, generate_rows(150, seed=9, folio_prefix="9900"))
    requests_import(path=more, source="sintetica", actor=factories.SYSTEM)
    requests_analyse(actor=factories.SYSTEM)
    assert _queries(client, count_queries, url) == small
