"""The verification page (only the allowed fields), the person's list and download, and
the organisers' screen (rule, issue, revoke), with constant query counts on the lists."""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.certificates.models import Certificate, CertificateRule
from datacon.certificates.personal_data import certificates_erase
from datacon.certificates.services import certificate_revoke, certificates_prepare
from datacon.editions.models_access import EditionDuty, EditionRole
from tests import factories
from tests.certificates.factories import checked_in, issue_all
from tests.registration import factories as rf

pytestmark = pytest.mark.django_db


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _edition_with_one(name: str = "Laura Asistente"):  # type: ignore[no-untyped-def]
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name=name)
    return edition, registration, issue_all(edition)[0]


def test_verification_shows_only_status_name_role_edition_and_date():
    edition, registration, certificate = _edition_with_one()
    response = Client().get(f"/constancias/{certificate.folio}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Constancia válida" in html
    assert "Laura Asistente" in html
    assert "Asistente" in html and edition.title in html
    for private in (registration.email, registration.ticket_code, registration.organisation):
        if private:
            assert private not in html


def test_a_prepared_or_unknown_folio_does_not_exist_in_public():
    edition, _venues = rf.registration_edition()
    checked_in(edition)
    certificates_prepare(edition=edition, actor=factories.SYSTEM)
    folio = Certificate.objects.get().folio
    assert Client().get(f"/constancias/{folio}/").status_code == 404
    assert Client().get("/constancias/DATACON-1999-A-000001/").status_code == 404


def test_a_revoked_constancia_shows_revoked():
    _edition, _registration, certificate = _edition_with_one()
    certificate_revoke(certificate=certificate, reason="Duplicada", actor=factories.SYSTEM)
    html = Client().get(f"/constancias/{certificate.folio}/").content.decode()
    assert "Constancia revocada" in html
    assert "Constancia válida" not in html
    assert "Duplicada" not in html  # the reason stays in the back office


def test_after_erasure_the_folio_stays_verifiable_without_the_name():
    _edition, registration, certificate = _edition_with_one("Nombre Que Se Borra")
    certificates_erase(registration.user)
    html = Client().get(f"/constancias/{certificate.folio}/").content.decode()
    assert "Constancia válida" in html
    assert "emitida a una persona que eliminó su cuenta" in html
    assert "Nombre Que Se Borra" not in html


def test_the_person_lists_and_downloads_only_their_own():
    edition, registration, certificate = _edition_with_one()
    other = checked_in(edition)
    issue_all(edition)
    client = _client(registration.user)
    html = client.get("/cuenta/constancias/").content.decode()
    assert certificate.folio in html
    other_folio = Certificate.objects.get(user=other.user).folio
    assert other_folio not in html
    pdf = client.get(f"/cuenta/constancias/{certificate.folio}/pdf/")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    assert client.get(f"/cuenta/constancias/{other_folio}/pdf/").status_code == 404
    assert Client().get("/cuenta/constancias/").status_code == 302


def test_the_person_corrects_the_name_before_issue():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name="laura")
    certificates_prepare(edition=edition, actor=factories.SYSTEM)
    certificate = Certificate.objects.get()
    response = _client(registration.user).post(
        "/cuenta/constancias/", {"certificate": certificate.pk, "name": "Laura Asistente"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.name == "Laura Asistente"


def test_the_lists_run_a_constant_number_of_queries(count_queries):
    edition, registration, _certificate = _edition_with_one()
    organiser = factories.organiser_user()
    EditionRole.objects.create(edition=edition, user=organiser, duty=EditionDuty.ORGANISER)
    mine, staff = _client(registration.user), _client(organiser)
    url = f"/gestion/ediciones/{edition.slug}/constancias/"
    few = (
        count_queries(lambda: mine.get("/cuenta/constancias/")),
        count_queries(lambda: staff.get(url)),
    )
    for _ in range(4):
        checked_in(edition)
    factories.ParticipationFactory(session=factories.SessionFactory(edition=edition))
    issue_all(edition)
    many = (
        count_queries(lambda: mine.get("/cuenta/constancias/")),
        count_queries(lambda: staff.get(url)),
    )
    assert many == few


def test_organisers_set_the_rule_issue_and_revoke_others_are_refused():
    edition, _venues = rf.registration_edition()
    checked_in(edition)
    organiser = factories.organiser_user()
    url = f"/gestion/ediciones/{edition.slug}/constancias/"
    assert _client(rf.attendee_user()).get(url).status_code == 403
    client = _client(organiser)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "rule",
            "attendance_enabled": "on",
            "min_sessions": "0",
            "attendance_hours": "16",
            "participation_enabled": "on",
            "signer_name": "Titular de la Unidad",
        },
    )
    assert response.status_code == 302
    assert CertificateRule.objects.get(edition=edition).attendance_hours == 16
    assert client.post(url, {"action": "issue"}).status_code == 302
    certificate = Certificate.objects.get()
    assert (certificate.status, certificate.hours) == ("issued", 16)
    assert client.post(url, {"action": "revoke", "certificate": certificate.pk}).status_code == 400
    response = client.post(
        url, {"action": "revoke", "certificate": certificate.pk, "reason": "Registro duplicado"}
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_reason) == ("revoked", "Registro duplicado")
