"""The memoria's PDF read back as a reader would: tagged (PDF/UA-1), in Spanish, titled,
its charts described, its text in reading order, and each chart on the page of its table.

No PDF reader library is installed in the project, so tests/memoria/pdf_reading.py
reads the bytes (objects, structure tree, fonts' ToUnicode maps, content streams).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import Client

from datacon.editions.models import Edition
from datacon.memoria.pdf import memoria_pdf_bytes
from datacon.memoria.selectors import memoria_data
from tests.memoria.factories import MemoriaFactory, MemoriaSectionFactory, seeded_edition
from tests.memoria.pdf_reading import PdfFile, StructElement, elements, text_string

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf_2021(demo_data, django_db_blocker) -> Iterator[PdfFile]:  # type: ignore[no-untyped-def]
    """The 2021 memoria as the site serves it, read once for the module."""
    with django_db_blocker.unblock():
        cache.clear()
        response = Client().get("/ediciones/2021/memoria.pdf")
    assert response.status_code == 200
    yield PdfFile(response.content)


def test_memoria_pdf_is_tagged_pdf_ua_in_spanish_with_its_title_shown(pdf_2021):
    catalog = pdf_2021.catalog
    assert pdf_2021.version == "1.7"
    assert pdf_2021.get(catalog["MarkInfo"]) == {"Marked": True}
    assert pdf_2021.get(catalog["ViewerPreferences"]) == {"DisplayDocTitle": True}
    assert text_string(catalog["Lang"]) == "es-MX"
    assert text_string(pdf_2021.info["Title"]) == "Memoria · DATACON 2021"
    root = pdf_2021.get(catalog["StructTreeRoot"])
    assert [pdf_2021.get(kid)["S"].value for kid in root["K"]] == ["Document"]
    # The XMP metadata declares the conformance: PDF/UA part 1.
    metadata = pdf_2021.get(catalog["Metadata"]).data.decode()
    assert 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in metadata
    assert 'pdfuaid:part="1"' in metadata


def test_memoria_pdf_headings_tables_and_lists_are_tagged(pdf_2021):
    tree = pdf_2021.structure()
    headings = [
        (element.role, _text(pdf_2021, element))
        for element in _walk(tree)
        if element.role in ("H1", "H2")
    ]
    assert headings[0] == ("H1", "DATACON 2021")
    assert [text for role, text in headings if role == "H2"] == [
        "Contenido",
        "Antecedentes",
        "Propuesta y objetivos",
        "Criterios generales",
        "Desarrollo de la edición",
        "La edición en cifras",
        "Conclusiones",
        "Acuerdos y siguientes pasos",
        "Agradecimientos",
        "Organizaciones",
        "Contenido de las sesiones",
        "Fuentes y licencia",
    ]
    # Row headers and column headers are header cells, data are data cells.
    sessions_by_type = next(
        table
        for table in elements(tree, "Table")
        if _caption(pdf_2021, table) == "Sesiones por tipo"
    )
    first_row = _first_body_row(sessions_by_type)
    assert first_row is not None
    assert [
        (cell.role, _text(pdf_2021, cell))
        for cell in first_row.kids
        if isinstance(cell, StructElement)
    ] == [("TH", "Ceremonia"), ("TD", "2")]


def test_memoria_pdf_charts_are_figures_whose_alternative_text_states_the_figures(pdf_2021):
    figures = elements(pdf_2021.structure(), "Figure")
    assert [figure.alt for figure in figures] == [
        "Sesiones por tipo, DATACON 2021. Ceremonia: 2 sesiones; Conferencia: 2 sesiones; "
        "Conversatorio: 4 sesiones; Presentación: 6 sesiones; Taller: 3 sesiones.",
        "Política nacional de datos abiertos en 2021. Hitos alcanzados en el año: Abramos "
        "México 1; Compromisos cumplidos en el año: Abramos México 0.",
    ]


def test_memoria_pdf_text_extracts_in_reading_order(pdf_2021):
    text = pdf_2021.reading_order_text()
    in_order = [
        "DATACON 2021",
        "Conferencia Nacional de Datos Abiertos",
        "Contenido",
        "Antecedentes",
        "En la última década",
        "La edición en cifras",
        "Sesiones por tipo",
        "Ceremonia",
        "Cifras de la plataforma y cifras reportadas",
        "Política nacional de datos abiertos en 2021",
        "Conclusiones",
        "Organizaciones",
        "Contenido de las sesiones",
        "Inauguración",
        "Fuentes y licencia",
        "Creative Commons Atribución 4.0 Internacional",
    ]
    # Each piece is found after the previous one: the text reads in the order of the document.
    found = []
    position = 0
    for piece in in_order:
        position = text.find(piece, position)
        if position == -1:
            break
        found.append(piece)
        position += len(piece)
    assert found == in_order


def test_memoria_pdf_keeps_each_chart_on_the_page_of_its_table(pdf_2021):
    pairs = _chart_pairs(pdf_2021)
    assert [(pair.caption, pair.first_row) for pair in pairs] == [
        ("Sesiones por tipo", "Ceremonia 2"),
        ("Política nacional de datos abiertos en 2021", "Abramos México 1 2 0 2"),
    ]
    assert [pair.table_page for pair in pairs] == [pair.figure_page for pair in pairs]


def test_memoria_pdf_never_splits_a_chart_from_its_table_whatever_comes_before():
    """The narrative before the figures grows a few lines at a time, so that at some length
    each table-and-chart pair (sessions by type, parity) meets the end of a page."""
    edition = seeded_edition(sessions=12)
    memoria = MemoriaFactory(edition=edition)
    development = MemoriaSectionFactory(memoria=memoria, kind="development", body="")
    checked = 0
    for lines in range(0, 44, 4):
        development.body = "\n\n".join(["Un párrafo de la narrativa de la edición."] * lines)
        development.save()
        edition = Edition.objects.get(pk=edition.pk)
        pdf = PdfFile(
            memoria_pdf_bytes(
                context={
                    "edition": edition,
                    "data": memoria_data(edition=edition),
                    "public_url": "http://testserver",
                },
                base_url="http://testserver/",
            )
        )
        pairs = _chart_pairs(pdf)
        assert [pair.caption for pair in pairs] == [
            "Sesiones por tipo",
            "Personas participantes según género autodeclarado",
        ], lines
        for pair in pairs:
            assert (lines, pair.caption, pair.table_page) == (lines, pair.caption, pair.figure_page)
            checked += 1
    assert checked == 22


# --- reading the structure ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPair:
    caption: str | None  # of the table (fragment) right before the chart; None if it is a rest
    first_row: str | None
    table_page: int | None
    figure_page: int | None


def _walk(node: StructElement) -> Iterator[StructElement]:
    yield node
    for kid in node.kids:
        if isinstance(kid, StructElement):
            yield from _walk(kid)


def _text(pdf: PdfFile, node: StructElement) -> str:
    texts: dict[int, dict[int, str]] = {}
    parts = []
    for element in _walk(node):
        for kid in element.kids:
            if isinstance(kid, tuple):
                page, mcid = kid
                if page not in texts:
                    texts[page] = pdf.marked_text(page)
                parts.append(texts[page].get(mcid, ""))
    return " ".join(" ".join(part for part in parts if part).split())


def _caption(pdf: PdfFile, table: StructElement) -> str | None:
    captions = [
        kid for kid in table.kids if isinstance(kid, StructElement) and kid.role == "Caption"
    ]
    return _text(pdf, captions[0]) if captions else None


def _first_body_row(table: StructElement) -> StructElement | None:
    for body in elements(table, "TBody"):
        rows = elements(body, "TR")
        if rows:
            return rows[0]
    return None


def _tables_and_figures(node: StructElement) -> Iterator[StructElement]:
    """Tables and figures in document order (a table split across pages is one element per
    page, so a chart whose table began on an earlier page follows a fragment without caption)."""
    if node.role in ("Table", "Figure"):
        yield node
        return
    for kid in node.kids:
        if isinstance(kid, StructElement):
            yield from _tables_and_figures(kid)


def _chart_pairs(pdf: PdfFile) -> list[ChartPair]:
    sequence = list(_tables_and_figures(pdf.structure()))
    pairs = []
    for index, element in enumerate(sequence):
        if element.role != "Figure":
            continue
        table = sequence[index - 1] if index and sequence[index - 1].role == "Table" else None
        row = _first_body_row(table) if table else None
        pairs.append(
            ChartPair(
                caption=_caption(pdf, table) if table else None,
                first_row=_text(pdf, row) if row else None,
                table_page=table.page if table else None,
                figure_page=element.page,
            )
        )
    return pairs
