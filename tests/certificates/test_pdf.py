"""The constancia's PDF: it opens, has one page with the folio on it, and its QR code is
the verification address, read back the way a phone reads it: the page is rendered by
PDFium (pypdfium2, Chrome's PDF engine) and the code decoded by ZXing (zxing-cpp)."""

from __future__ import annotations

import re
import zlib

import pypdfium2
import pytest
import segno
import zxingcpp

from datacon.certificates.pdf import (
    certificate_document,
    certificate_html,
    certificate_pdf_bytes,
    certificate_qr,
)
from datacon.certificates.selectors import rule_for
from tests.certificates.factories import checked_in, issue_all
from tests.registration import factories as rf

pytestmark = pytest.mark.django_db


def _inflated(pdf: bytes) -> bytes:
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _texts(box):  # type: ignore[no-untyped-def]
    if getattr(box, "text", None):
        yield box.text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


@pytest.fixture
def certificate(settings):  # type: ignore[no-untyped-def]
    settings.DATACON_PUBLIC_URL = "https://datos.example.mx"
    edition, _venues = rf.registration_edition()
    checked_in(edition, name="Laura Asistente")
    return issue_all(edition)[0]


def test_the_pdf_opens_with_one_page_and_the_folio(certificate):
    rule = rule_for(edition=certificate.edition)
    pdf = certificate_pdf_bytes(certificate, rule)
    assert pdf[:5] == b"%PDF-"
    assert pdf.rstrip().endswith(b"%%EOF")
    inflated = _inflated(pdf)
    assert re.findall(rb"/Type /Pages/Kids \[[^\]]*\]/Count (\d+)", inflated) == [b"1"]
    document = certificate_document(certificate, rule)
    assert len(document.pages) == 1
    printed = " ".join(_texts(document.pages[0]._page_box))
    assert certificate.folio in printed
    assert "Laura Asistente" in printed
    assert certificate.edition.organiser.name in printed


def test_the_qr_code_is_the_verification_address(certificate):
    expected = f"https://datos.example.mx/constancias/{certificate.folio}/"
    printed = certificate_qr(certificate)
    assert printed.matrix == segno.make(expected, error="m", micro=False).matrix
    html = certificate_html(certificate, rule_for(edition=certificate.edition))
    # The modules drawn in the PDF's SVG are those of the expected address.
    drawn = re.findall(r' d="([^"]+)"', html)
    expected_path = re.findall(
        r' d="([^"]+)"', segno.make(expected, error="m").svg_inline(scale=4, border=2)
    )
    assert expected_path[-1] in drawn


def test_the_printed_qr_code_reads_back_as_the_verification_address(certificate):
    pdf = certificate_pdf_bytes(certificate, rule_for(edition=certificate.edition))
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=200 / 72).to_pil()  # 200 dpi, as a phone camera sees it
    read = [code.text for code in zxingcpp.read_barcodes(image)]
    assert read == [f"https://datos.example.mx/constancias/{certificate.folio}/"]
