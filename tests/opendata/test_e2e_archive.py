"""Browser tests: the static archive from disk, and the personal selection."""

import pytest

from datacon.opendata.archive import archive_edition

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_archive_browses_from_disk_in_chromium(load_demo, page, tmp_path):
    load_demo(with_demo_users=False)
    folder = tmp_path / "archivo"
    archive_edition(slug="2021", folder=folder)
    page.goto((folder / "index.html").as_uri())
    page.wait_for_url("**/ediciones/2021/index.html")
    assert page.locator("h1").inner_text() == "DATACON 2021"
    # The stylesheet loaded from disk: the header has the brand colour.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        == "rgb(7, 59, 69)"
    )
    page.locator(".edition-nav").get_by_role("link", name="Programa").click()
    page.wait_for_url("**/ediciones/2021/programa/index.html")
    assert page.locator(".session-card").count() == 17
    page.get_by_role("link", name="Abrir datos con perspectiva de género").click()
    page.wait_for_url("**/ediciones/2021/sesiones/S0203/index.html")
    assert page.locator("h1").inner_text() == "Abrir datos con perspectiva de género"
    page.get_by_role("link", name="DATACON 2021").first.click()
    page.wait_for_url("**/ediciones/2021/index.html")
    page.locator(".edition-nav").get_by_role("link", name="Memoria").click()
    page.wait_for_url("**/ediciones/2021/memoria/index.html")
    rows = page.locator("#tabla-sesiones-por-tipo tbody tr").all_inner_texts()
    assert [row.split("\t") for row in rows] == [
        ["Ceremonia", "2"], ["Conferencia", "2"], ["Conversatorio", "4"], ["Presentación", "6"], ["Taller", "3"],
    ]  # fmt: skip
    assert (
        page.get_by_role("link", name="Descargar la memoria en PDF").get_attribute("href")
        == "../memoria.pdf"
    )
    assert (folder / "ediciones" / "2021" / "memoria.pdf").read_bytes().startswith(b"%PDF-")


def test_program_selection_builds_calendar_link(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/ediciones/2021/programa/")
    card = page.locator(".session-card", has=page.locator("text=S0203"))
    card.get_by_label("Añadir a mi selección").check()
    bar = page.locator(".selection-bar")
    assert "1 sesión" in bar.inner_text()
    assert (
        bar.get_by_role("link", name="Calendario (.ics)").get_attribute("href")
        == "/ediciones/2021/mi-seleccion.ics?sesiones=S0203"
    )
    page.reload()
    assert card.get_by_label("Añadir a mi selección").is_checked()
    bar.get_by_role("link", name="Mi selección").click()
    page.wait_for_url("**/mi-seleccion/?sesiones=S0203")
    assert (
        "Abrir datos con perspectiva de género"
        in page.locator("[data-selection-list]").inner_text()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/ediciones/2021/memoria/",
        "/memorias/",
        "/datos/",
        "/datos/conjuntos/sesiones/",
        "/ediciones/2021/datos/",
    ],
)
def test_pages_fit_a_phone_screen(load_demo, live_server, page, path):
    load_demo(with_demo_users=False)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
