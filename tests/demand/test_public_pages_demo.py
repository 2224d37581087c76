"""The demand pages over the demo data, loaded once for the module (tests/conftest.py)."""

import lxml.html
import pytest

from datacon.demand.models import InformationNeed

pytestmark = pytest.mark.django_db


DEMAND_PAGES = [
    "/demanda/",
    "/demanda/necesidades/",
    "/demanda/necesidades/?estado=accepted&sector=procurement&q=datos&ordenar=recientes",
    "/demanda/necesidades/contrataciones-publicas-datos-abiertos/",
    "/demanda/solicitudes/",
    "/demanda/instituciones/",
    "/demanda/instituciones/?q=agua",
    "/demanda/instituciones/comision-de-agua-de-muestra/",
    "/demanda/temas/",
    "/demanda/temas/1/",
    "/demanda/preguntas-repetidas/",
    "/demanda/preguntas-repetidas/?institucion=secretaria-de-bienestar-de-muestra",
    "/demanda/candidatos/",
    "/demanda/candidatos/?institucion=comision-de-agua-de-muestra",
    "/demanda/metodo/",
    "/demanda/reutilizacion/",
    "/demanda/reutilizacion/?tipo=platform&edicion=2021&sector=procurement",
    "/demanda/reutilizacion/contrataciones-abiertas/",
    "/demanda/estandares/",
    "/demanda/datos/",
]


def _html(response) -> lxml.html.HtmlElement:  # type: ignore[no-untyped-def]
    return lxml.html.fromstring(response.content.decode())


@pytest.mark.parametrize("path", DEMAND_PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_demand_page_renders(demo, client, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="' + ("en" if prefix else "es-MX") + '"' in html
    assert 'aria-current="page"' in html  # the section is marked in the sub-menu


def test_demo_pages_say_the_requests_are_synthetic(demo, client):
    html = client.get("/demanda/solicitudes/").content.decode()
    assert "Datos de demostración." in html


def test_requests_page_draws_the_monthly_chart_with_a_text_alternative(demo, client):
    tree = _html(client.get("/demanda/solicitudes/"))
    svg = tree.cssselect("svg.demand-chart")[0]
    assert svg.get("role") == "img"
    assert (
        tree.cssselect("svg.demand-chart desc")[0]
        .text_content()
        .startswith("243 solicitudes entre")
    )
    rows = tree.cssselect("details.demand-table-details tbody tr")
    assert sum(int(r.cssselect("td")[0].text_content().replace(",", "")) for r in rows) == 243


def test_need_list_filters_by_status_and_sector(demo, client):
    tree = _html(client.get("/demanda/necesidades/?estado=accepted"))
    titles = [a.text_content() for a in tree.cssselect(".need-card h3 a")]
    assert set(titles) == set(
        InformationNeed.objects.filter(status="accepted", is_hidden=False).values_list(
            "title", flat=True
        )
    )
    tree = _html(client.get("/demanda/necesidades/?sector=gender"))
    assert [a.text_content() for a in tree.cssselect(".need-card h3 a")] == [
        "Datos abiertos con perspectiva de género"
    ]


def test_need_detail_shows_status_history_and_where_it_came_up(demo, client):
    tree = _html(client.get("/demanda/necesidades/contrataciones-publicas-datos-abiertos/"))
    text = tree.text_content()
    assert "Aceptada como de alto valor" in text
    links = [a.get("href") for a in tree.cssselect("section[aria-labelledby=mentions-title] a")]
    assert links == ["/ediciones/2021/sesiones/S0103/"]
    reuse = [a.text_content() for a in tree.cssselect("section[aria-labelledby=reuse-title] a")]
    assert reuse == ["Contrataciones Abiertas"]
    assert [
        li.text_content().split("— ")[1].strip()[:20] for li in tree.cssselect(".need-history li")
    ] == [
        "Necesidad registrada",
        "Vinculada a donde se",
    ]


def test_session_page_shows_the_needs_that_came_up_there(demo, client):
    tree = _html(client.get("/ediciones/2021/sesiones/S0103/"))
    assert [a.text_content() for a in tree.cssselect(".session-demand a")] == [
        "Contrataciones públicas en datos abiertos"
    ]


def test_edition_page_lists_projects_presented_there(demo, client):
    tree = _html(client.get("/ediciones/2021/"))
    assert [a.text_content() for a in tree.cssselect(".edition-demand h3 + ul a")][:3] == [
        "Contrataciones Abiertas",
        "Infraestructura Abierta",
        "Publicidad Abierta",
    ]


def test_english_pages_use_the_english_interface(demo, client):
    html = client.get("/en/demanda/").content.decode()
    assert "Which data to open?" in html
    assert "Propose a dataset" in html
    assert "¿Qué datos abrir?</h1>" not in html
