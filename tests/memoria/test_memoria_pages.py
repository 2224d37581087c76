import datetime as dt

import lxml.html
import pytest
from django.test import Client

from datacon.demo.loader import demo_load
from datacon.editions.models import Edition
from datacon.memoria.blocks import (
    FigureBlock,
    MemoriaBlockProvider,
    memoria_block_register,
    memoria_block_unregister,
)
from datacon.memoria.models import Memoria
from datacon.program.models import Material
from tests import factories as core
from tests.memoria.factories import MemoriaFactory, MemoriaSectionFactory, seeded_edition

pytestmark = pytest.mark.django_db


def _table(html: str, table_id: str) -> list[list[str]]:
    tree = lxml.html.fromstring(html)
    table = tree.get_element_by_id(table_id)
    return [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in table.xpath(".//tbody/tr")
    ]


def test_memoria_2021_shows_sessions_by_type_computed_from_demo_data(demo, client):
    html = client.get("/ediciones/2021/memoria/").content.decode()
    assert _table(html, "tabla-sesiones-por-tipo") == [
        ["Ceremonia", "2"],
        ["Conferencia", "2"],
        ["Conversatorio", "4"],
        ["Presentación", "6"],
        ["Taller", "3"],
    ]


def test_memoria_2021_shows_narrative_verbatim_and_reported_figures_with_source(demo, client):
    html = client.get("/ediciones/2021/memoria/").content.decode()
    assert (
        "a nivel nacional aún no existía un foro que reuniera a la comunidad de datos en México"
        in html
    )
    rows = _table(html, "tabla-cifras-reportadas")
    assert ["Personas panelistas", "—", "70", "Memoria del evento, DATACON 2021"] in rows
    assert [
        "Personas asistentes en línea",
        "—",
        "más de 2,500",
        "Memoria del evento, DATACON 2021",
    ] in rows


def test_memoria_2021_lists_every_session_with_code_and_time(demo, client):
    tree = lxml.html.fromstring(client.get("/ediciones/2021/memoria/").content)
    rows = [
        [cell.text_content().strip() for cell in row.xpath("th|td")][:2]
        for row in tree.cssselect("table.memoria-sessions tbody tr")
    ]
    assert len(rows) == 17
    assert rows[0] == ["S0101", "10:30"]
    assert rows[-1] == ["S0207", "14:00"]


def test_memoria_draft_hides_narrative_but_preview_shows_it(client, organiser_client):
    edition = core.EditionFactory()
    MemoriaSectionFactory(
        memoria=MemoriaFactory(edition=edition, status="draft"), body="Texto en borrador secreto."
    )
    assert (
        "Texto en borrador secreto."
        not in client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    )
    preview = organiser_client.get(f"/gestion/memorias/{edition.slug}/vista-previa/")
    assert preview.status_code == 200
    assert "Texto en borrador secreto." in preview.content.decode()


@pytest.mark.parametrize("suffix", ["memoria/", "memoria.pdf"])
def test_memoria_of_unpublished_edition_answers_404(client, suffix):
    edition = core.EditionFactory(status="draft")
    assert client.get(f"/ediciones/{edition.slug}/{suffix}").status_code == 404


def test_memoria_pdf_is_a_multi_page_pdf_and_deterministic(demo, client):
    first = client.get("/ediciones/2021/memoria.pdf")
    assert first["Content-Type"] == "application/pdf"
    content = first.content
    assert content.startswith(b"%PDF-")
    from django.core.cache import cache

    cache.clear()
    assert client.get("/ediciones/2021/memoria.pdf").content == content


def test_memoria_pdf_has_cover_contents_and_page_numbers():
    import weasyprint
    from django.template.loader import render_to_string

    demo_load(with_demo_users=False)
    from datacon.memoria.selectors import memoria_data

    edition = Edition.objects.get(slug="2021")
    html = render_to_string(
        "public/memoria/pdf.html",
        {"edition": edition, "data": memoria_data(edition=edition), "public_url": "http://x"},
    )
    document = weasyprint.HTML(string=html).render()
    assert len(document.pages) >= 5
    cover_text = "".join(box.text for box in _texts(document.pages[0]._page_box))
    assert "DATACON 2021" in cover_text
    contents = "".join(box.text for box in _texts(document.pages[1]._page_box))
    assert "Contenido" in contents and "Antecedentes" in contents
    assert "2 / " in "".join(box.text for box in _texts(document.pages[1]._page_box, margins=True))


def _texts(box, margins: bool = False):  # type: ignore[no-untyped-def]
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", []):
        if not margins and isinstance(child, boxes.MarginBox):
            continue
        yield from _texts(child, margins)


def test_broken_material_links_do_not_break_memoria_page_or_pdf(client):
    edition = seeded_edition(sessions=2)
    session = edition.sessions.first()
    Material.objects.create(
        session=session, kind="video", url="https://no-existe.invalid/video/404"
    )
    Material.objects.create(
        session=session, kind="document", file="materials/2021/no-esta-en-disco.pdf"
    )
    Material.objects.create(
        session=session, kind="report", file="materials/2021/relatoria-perdida.pdf"
    )
    page = client.get(f"/ediciones/{edition.slug}/memoria/")
    assert page.status_code == 200
    assert "https://no-existe.invalid/video/404" in page.content.decode()
    assert client.get(f"/ediciones/{edition.slug}/memoria.pdf").status_code == 200


def test_memoria_parity_hides_small_groups_and_shows_large_ones(client, settings):
    edition = seeded_edition(sessions=3, people_per_session=2)  # 3 moderators, 3 panelists
    settings.DATACON_PARITY_MIN_GROUP = 5
    html = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    assert 'id="tabla-paridad"' not in html
    assert "grupos no se muestran" in html
    settings.DATACON_PARITY_MIN_GROUP = 3
    from django.core.cache import cache

    cache.clear()
    html = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    rows = _table(html, "tabla-paridad")
    assert rows[0][0] == "Ponentes, panelistas y talleristas"
    assert rows[0][5] == "3"


def test_memoria_charts_are_accessible_svg_with_text_alternative(demo, client):
    tree = lxml.html.fromstring(client.get("/ediciones/2021/memoria/").content)
    svg = tree.cssselect("svg.chart")[0]
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert "Sesiones por tipo" in tree.get_element_by_id(title_id).text_content()
    assert tree.get_element_by_id(desc_id).text_content() == (
        "Ceremonia: 2 sesiones; Conferencia: 2 sesiones; Conversatorio: 4 sesiones; "
        "Presentación: 6 sesiones; Taller: 3 sesiones."
    )


def test_memoria_shows_contributed_block_and_caches_under_its_scope(client):
    edition = seeded_edition(sessions=1)

    def attendance(current):  # type: ignore[no-untyped-def]
        if current.pk != edition.pk:
            return None
        return FigureBlock(
            title="Asistencia por sede y modalidad",
            columns=("Sede", "Registradas", "Asistentes"),
            rows=[("Sede central", 120, 95), ("En línea", 300, 210)],
            chart_columns=(1, 2),
            source="Registro de la plataforma",
        )

    memoria_block_register(
        MemoriaBlockProvider(key="asistencia", build=attendance, scopes=("registration",))
    )
    try:
        response = client.get(f"/ediciones/{edition.slug}/memoria/")
        html = response.content.decode()
        assert "Asistencia por sede y modalidad" in html
        tree = lxml.html.fromstring(html)
        rows = [
            [c.text_content() for c in r.xpath("th|td")]
            for r in tree.cssselect("#bloque-asistencia tbody tr")
        ]
        assert rows == [["Sede central", "120", "95"], ["En línea", "300", "210"]]
        from datacon.common.versions import public_version_bump

        public_version_bump("registration")
        assert client.get(f"/ediciones/{edition.slug}/memoria/")["ETag"] != response["ETag"]
    finally:
        memoria_block_unregister("asistencia")


def test_memoria_page_queries_do_not_grow_with_sessions(client, count_queries):
    small = seeded_edition(sessions=2, year=2040)
    large = seeded_edition(sessions=10, year=2041)
    counts = []
    for edition in (small, large):
        from django.core.cache import cache

        cache.clear()
        counts.append(count_queries(lambda e=edition: client.get(f"/ediciones/{e.slug}/memoria/")))
    assert counts[0] == counts[1]


def test_memoria_compare_page_lists_every_public_real_edition(demo, client):
    html = client.get("/memorias/").content.decode()
    tree = lxml.html.fromstring(html)
    years = [th.text_content().strip() for th in tree.cssselect("table.memoria-compare thead th")][
        1:
    ]
    # 2027 is the fictional demo edition: never compared with the real ones (issue 17.3).
    assert years == ["2021", "2022", "2023", "2024"]
    rows = {
        r.xpath("th")[0].text_content(): [c.text_content().strip() for c in r.xpath("td")]
        for r in tree.cssselect("table.memoria-compare tbody tr")
    }
    # No program was preserved for 2022 and 2023: "no data", not a count of zero.
    assert rows["Sesiones en la plataforma"] == ["17", "—", "—", "7"]
    assert rows["Personas panelistas reportadas"][0] == "70"
    assert rows["Organizaciones co-convocantes reportadas"][:2] == ["30", "25"]
    assert rows["Paneles reportados"] == ["—", "12", "—", "—"]
    assert rows["Sedes reportadas"][2] == "10"
    assert rows["Sedes en la plataforma"][0] == "1"
    sources = [dd.text_content() for dd in tree.cssselect("dl.compare-sources dd")]
    assert (
        "Sedes: 10 — Fuente: Acceso libre a datos abiertos, Reporte Índigo (octubre de 2023)"
        in [" ".join(text.split()) for text in sources]
    )
    assert "2027" not in html.split("<main", 1)[-1].split("</main>", 1)[0]


def test_memoria_compare_queries_do_not_grow_with_sessions(client, count_queries):
    seeded_edition(sessions=2, year=2040)
    first = count_queries(lambda: client.get("/memorias/"))
    seeded_edition(sessions=9, year=2041)
    from django.core.cache import cache

    cache.clear()
    assert count_queries(lambda: client.get("/memorias/")) == first


def test_memoria_in_english_uses_english_interface(demo, client):
    html = client.get("/en/ediciones/2021/memoria/").content.decode()
    assert "Download the memoria as PDF" in html


def test_edition_page_links_to_memoria(demo):
    html = Client().get("/ediciones/2021/").content.decode()
    assert 'href="/ediciones/2021/memoria/"' in html
    assert 'href="/ediciones/2021/memoria.pdf"' in html


def test_published_on_appears_in_colophon(client):
    edition = core.EditionFactory()
    MemoriaFactory(edition=edition, published_on=dt.date(2031, 6, 1))
    assert (
        "Publicada el 1 de junio de 2031."
        in client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()
    )
    assert Memoria.objects.filter(edition=edition).count() == 1
