"""A constancia as a PDF (WeasyPrint), with its QR code to the verification page.

Like the memoria's PDF, nothing is fetched from the network: the QR is inline
SVG made by segno, and the logo and signature images (uploaded per edition)
are read from storage and inlined as data URIs; any other address gives nothing.
"""

from __future__ import annotations

import base64
import mimetypes
from typing import Any

import segno
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from datacon.certificates.models import Certificate, CertificateRule
from datacon.certificates.services import verify_url


def certificate_qr(certificate: Certificate) -> segno.QRCode:
    """The QR code printed on the constancia: its verification address, nothing else."""
    return segno.make(verify_url(certificate), error="m", micro=False)


def certificate_qr_svg(certificate: Certificate) -> SafeString:
    svg = certificate_qr(certificate).svg_inline(
        scale=4,
        border=2,
        dark="#17202a",
        light="#ffffff",
        svgclass="certificate-qr",
        omitsize=True,
        title=_("Código QR de verificación"),
    )
    return mark_safe(svg)  # made by segno from our own address


def _data_uri(field: Any) -> str:
    if not field or not getattr(field, "name", ""):
        return ""
    try:
        with default_storage.open(field.name, "rb") as handle:
            content = handle.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class InlineOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                header, _sep, payload = url.partition(",")
                mime = header.removeprefix("data:").split(";")[0]
                return URLFetcherResponse(
                    url, body=base64.b64decode(payload), headers={"Content-Type": mime}
                )
            return URLFetcherResponse(url, body=b"", headers={"Content-Type": "text/plain"})

    return InlineOnlyFetcher(allowed_protocols=None)


def certificate_context(certificate: Certificate, rule: CertificateRule) -> dict[str, Any]:
    edition = certificate.edition
    organiser = edition.organiser
    logo = _data_uri(rule.logo) or (_data_uri(organiser.logo) if organiser else "")
    return {
        "certificate": certificate,
        "edition": edition,
        "organiser": organiser,
        "rule": rule,
        "logo": logo,
        "signature": _data_uri(rule.signature),
        "qr_svg": certificate_qr_svg(certificate),
        "verify_url": verify_url(certificate),
    }


def certificate_html(certificate: Certificate, rule: CertificateRule) -> str:
    return render_to_string("certificates/pdf.html", certificate_context(certificate, rule))


def certificate_document(certificate: Certificate, rule: CertificateRule) -> Any:
    """The laid-out document (its pages and their text), before it is written as PDF."""
    import weasyprint

    html = certificate_html(certificate, rule)
    return weasyprint.HTML(string=html, base_url="/", url_fetcher=_fetcher()).render()


def certificate_pdf_bytes(certificate: Certificate, rule: CertificateRule) -> bytes:
    return certificate_document(certificate, rule).write_pdf()  # type: ignore[no-any-return]
