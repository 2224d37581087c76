"""The memoria's PDF read back as a reader would: tagged (PDF/UA-1), in Spanish, titled,
its charts described, its text in reading order, and each chart on the page of its table.

Read by the readers people use, installed from the registries: pypdf reads the catalogue,
the document information, the XMP metadata and the structure tree (roles, alternative
text, marked-content ids); PDFium (pypdfium2, Chrome's PDF engine) decodes the text of
each page and says which marked-content item each character belongs to.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdf
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from django.core.cache import cache
from django.test import Client

from datacon.editions.models import Edition
from datacon.memoria.pdf import memoria_pdf_bytes
from datacon.memoria.selectors import memoria_data
from tests.memoria.factories import MemoriaFactory, MemoriaSectionFactory, seeded_edition

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdf_2021(demo_data, django_db_blocker) -> Iterator[ReadPdf]:  # type: ignore[no-untyped-def]
    """The 2021 memoria as the site serves it, read once for the module."""
    with django_db_blocker.unblock():
        cache.clear()
        response = Client().get("/ediciones/2021/memoria.pdf")
    assert response.status_code == 200
    yield ReadPdf(response.content)


def test_memoria_pdf_is_tagged_pdf_ua_in_spanish_with_its_title_shown(pdf_2021):
    reader = pdf_2021.reader
    catalog = reader.root_object
    assert reader.pdf_header == "%PDF-1.7"
    assert catalog["/MarkInfo"] == {"/Marked": True}
    assert catalog["/ViewerPreferences"] == {"/DisplayDocTitle": True}
    assert catalog["/Lang"] == "es-MX"
    assert reader.metadata is not None
    assert reader.metadata.title == "Memoria · DATACON 2021"
    root = catalog["/StructTreeRoot"]
    assert [kid.get_object()["/S"] for kid in root["/K"]] == ["/Document"]
    # The XMP metadata declares the conformance: PDF/UA part 1.
    metadata = catalog["/Metadata"].get_data().decode()
    assert 'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' in metadata
    assert 'pdfuaid:part="1"' in metadata


def test_memoria_pdf_headings_tables_and_lists_are_tagged(pdf_2021):
    tree = pdf_2021.structure
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
    figures = elements(pdf_2021.structure, "Figure")
    assert [figure.alt for figure in figures] == [
        "Sesiones por tipo, DATACON 2021. Ceremonia: 2 sesiones; Conferencia: 2 sesiones; "
        "Conversatorio: 4 sesiones; Presentación: 6 sesiones; Taller: 3 sesiones.",
        "Política nacional de datos abiertos en 2021. Hitos alcanzados en el año: Abramos "
        "México 1; Compromisos cumplidos en el año: Abramos México 0.",
    ]


def test_memoria_pdf_text_extracts_in_reading_order(pdf_2021):
    text = _text(pdf_2021, pdf_2021.structure)
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
        pdf = ReadPdf(
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


# --- reading the PDF ----------------------------------------------------------------------------


@dataclass
class StructElement:
    role: str  # the structure type, /S, without its slash: "H1", "Table", "Figure"…
    alt: str | None
    page: int | None  # index of the element's page (/Pg, or its parent's)
    kids: list[Any] = field(default_factory=list)  # StructElement or (page, mcid)


class ReadPdf:
    """A PDF opened by pypdf (catalogue, metadata, structure tree) and by PDFium (text)."""

    def __init__(self, content: bytes) -> None:
        self.reader = pypdf.PdfReader(io.BytesIO(content), strict=True)
        self._page_index = {
            page.indirect_reference.idnum: index
            for index, page in enumerate(self.reader.pages)
            if page.indirect_reference is not None
        }
        document = pypdfium2.PdfDocument(content)
        try:
            assert len(document) == len(self.reader.pages)
            self.marked_text = [_marked_text(page) for page in document]
        finally:
            document.close()
        self.structure = self._structure()

    def _structure(self) -> StructElement:
        root = self.reader.root_object["/StructTreeRoot"]
        document = StructElement(role="StructTreeRoot", alt=None, page=None)
        for kid in _array(root["/K"]):
            document.kids.append(self._element(kid.get_object(), None))
        return document

    def _page_of(self, node: Any, page: int | None) -> int | None:
        reference = node.raw_get("/Pg") if "/Pg" in node else None
        return self._page_index[reference.idnum] if reference is not None else page

    def _element(self, node: Any, page: int | None) -> StructElement:
        page = self._page_of(node, page)
        alt = node.get("/Alt")
        built = StructElement(
            role=str(node["/S"]).removeprefix("/"),
            alt=str(alt) if alt is not None else None,
            page=page,
        )
        for kid in _array(node.get("/K", [])):
            if isinstance(kid, int):
                built.kids.append((page, int(kid)))
                continue
            child = kid.get_object()
            if "/S" in child:
                built.kids.append(self._element(child, page))
            elif "/MCID" in child:
                built.kids.append((self._page_of(child, page), int(child["/MCID"])))
            # Object references (link annotations) carry no text.
        return built


def _marked_text(page: pypdfium2.PdfPage) -> dict[int, str]:
    """The text of each marked-content item (MCID) of a page, as PDFium decodes it: each
    character goes to the MCID of the text object that draws it. Characters PDFium makes up
    (spaces and line breaks between objects) are left out; a hyphen that ends a line is one."""
    textpage = page.get_textpage()
    texts: dict[int, list[str]] = {}
    for index in range(pdfium_c.FPDFText_CountChars(textpage.raw)):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, index) != 0:
            continue
        text_object = pdfium_c.FPDFText_GetTextObject(textpage.raw, index)
        mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(text_object) if text_object else -1
        if mcid < 0:
            continue
        if pdfium_c.FPDFText_IsHyphen(textpage.raw, index) == 1:
            char = "-"
        else:
            char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        texts.setdefault(mcid, []).append(char)
    textpage.close()
    page.close()
    return {mcid: "".join(chars) for mcid, chars in texts.items()}


def _array(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def elements(node: StructElement, role: str) -> list[StructElement]:
    return [element for element in _walk(node) if element.role == role]


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


def _text(pdf: ReadPdf, node: StructElement) -> str:
    """The text of an element's marked-content items, in the order of the structure tree."""
    parts = []
    for element in _walk(node):
        for kid in element.kids:
            if isinstance(kid, tuple):
                page, mcid = kid
                parts.append(pdf.marked_text[page].get(mcid, ""))
    return " ".join(" ".join(part for part in parts if part).split())


def _caption(pdf: ReadPdf, table: StructElement) -> str | None:
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


def _chart_pairs(pdf: ReadPdf) -> list[ChartPair]:
    sequence = list(_tables_and_figures(pdf.structure))
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
