"""An attendee checked in at a venue signs in on a phone, downloads their constancia
from /cuenta/constancias/, and the verification address printed on it (and in its QR)
says "válida"; once revoked it says "revocada"."""

from __future__ import annotations

from pathlib import Path

import pytest

from datacon.certificates.models import Certificate
from datacon.certificates.services import certificate_revoke, verify_url
from tests import factories
from tests.certificates.factories import checked_in, issue_all
from tests.registration import factories as rf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_checked_in_attendee_downloads_the_constancia_and_verifies_it(
    live_server, browser, settings
):
    base = live_server.url
    settings.DATACON_PUBLIC_URL = base
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name="Laura Asistente Pérez")
    (certificate,) = issue_all(edition)

    phone = browser.new_context(locale="es-MX", viewport={"width": 360, "height": 740})
    page = phone.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/cuentas/login/")
    page.fill("input[name=login]", registration.user.email)
    page.fill("input[name=password]", "clave-de-prueba-123")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{base}/cuenta/")
    page.get_by_role("link", name="Ver mis constancias").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert certificate.folio in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar la constancia (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"constancia-{certificate.folio}.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"

    # The address in the QR code, opened as a phone's camera would.
    address = verify_url(certificate)
    assert address == f"{base}/constancias/{certificate.folio}/"
    page.goto(address)
    assert page.get_by_role("status").inner_text() == "Constancia válida"
    assert "Laura Asistente Pérez" in page.locator("main").inner_text()

    certificate_revoke(
        certificate=Certificate.objects.get(pk=certificate.pk),
        reason="Registro duplicado",
        actor=factories.SYSTEM,
    )
    page.reload()
    assert page.get_by_role("status").inner_text() == "Constancia revocada"
    phone.close()
