"""Eligibility from evidence, folios, revocation, name correction and erasure."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from datacon.certificates.models import Certificate, CertificateRule, CertificateStatus
from datacon.certificates.personal_data import certificates_erase, certificates_export
from datacon.certificates.services import (
    certificate_rename,
    certificate_revoke,
    certificate_rule_save,
    certificates_issue,
    certificates_prepare,
)
from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail
from datacon.proposals.models import Review, ReviewAssignment
from tests import factories
from tests.certificates.factories import checked_in, connected_online, issue_all
from tests.proposals import factories as pf
from tests.registration import factories as rf

pytestmark = pytest.mark.django_db


def test_a_check_in_at_a_venue_gives_an_attendance_constancia():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name="Laura Asistente")
    rf.register(edition, notify=False)  # registered, never came
    certificates = issue_all(edition)
    assert [(c.kind, c.role, c.name, c.user_id, c.status) for c in certificates] == [
        ("attendance", "attendee", "Laura Asistente", registration.user_id, "issued")
    ]
    assert certificates[0].folio == f"DATACON-{edition.year}-A-000001"


def test_an_online_connection_gives_an_attendance_constancia():
    edition, _venues = rf.registration_edition()
    registration = connected_online(edition, name="Omar En Línea")
    rf.register(edition, mode="online", notify=False)  # never opened the link
    assert [(c.name, c.user_id) for c in issue_all(edition)] == [
        ("Omar En Línea", registration.user_id)
    ]


def test_the_rule_can_ask_for_sessions_attended():
    edition, _venues = rf.registration_edition()
    checked_in(edition)
    certificate_rule_save(
        rule=CertificateRule(edition=edition, min_sessions=1, attendance_hours=12),
        actor=factories.SYSTEM,
    )
    assert issue_all(edition) == []


def test_confirmed_roles_give_participation_and_unconfirmed_give_nothing():
    edition, _venues = rf.registration_edition()
    session = factories.SessionFactory(edition=edition)
    confirmed = factories.ParticipationFactory(session=session, role="moderator")
    factories.ParticipationFactory(session=session, role="speaker", status="pending")
    factories.ParticipationFactory(session=session, role="rapporteur", status="declined")
    certificates = issue_all(edition)
    assert [(c.kind, c.role, c.name) for c in certificates] == [
        ("participation", "moderator", confirmed.person.public_name)
    ]
    assert certificates[0].folio == f"DATACON-{edition.year}-P-000001"


def test_a_completed_review_gives_a_reviewer_constancia():
    call = pf.open_call()
    proposal = pf.submit(call)
    done = pf.reviewer_user(first_name="Rita", last_name="Revisora")
    pending = pf.reviewer_user()
    assignment = ReviewAssignment.objects.create(proposal=proposal, reviewer=done)
    Review.objects.create(assignment=assignment)
    ReviewAssignment.objects.create(proposal=proposal, reviewer=pending)
    assert [(c.role, c.name) for c in issue_all(call.edition)] == [("reviewer", "Rita Revisora")]


def test_folios_are_unique_and_preparing_twice_adds_nothing():
    edition, _venues = rf.registration_edition()
    for _ in range(3):
        checked_in(edition)
    assert certificates_prepare(edition=edition, actor=factories.SYSTEM, chunk=2) == 3
    assert certificates_prepare(edition=edition, actor=factories.SYSTEM) == 0
    folios = list(Certificate.objects.values_list("folio", flat=True).order_by("folio"))
    assert folios == [f"DATACON-{edition.year}-A-00000{n}" for n in (1, 2, 3)]


def test_issue_queues_one_email_each_in_the_outbox():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition)
    certificate = issue_all(edition)[0]
    emails = list(OutboundEmail.objects.filter(purpose="certificate"))
    assert [(e.to, e.related_id) for e in emails] == [(registration.email, str(certificate.pk))]
    assert certificate.folio in emails[0].body_text


def test_the_name_can_be_corrected_until_issue():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name="laura asistente")
    certificates_prepare(edition=edition, actor=factories.SYSTEM)
    certificate = Certificate.objects.get()
    owner = Actor.of(registration.user)
    certificate_rename(certificate=certificate, name="Laura Asistente Pérez", actor=owner)
    with pytest.raises(ValidationError):
        certificate_rename(certificate=certificate, name="Otra", actor=Actor.of(rf.attendee_user()))
    certificates_issue(edition=edition, actor=factories.SYSTEM)
    certificate.refresh_from_db()
    assert (certificate.name, certificate.status) == ("Laura Asistente Pérez", "issued")
    with pytest.raises(ValidationError):
        certificate_rename(certificate=certificate, name="Cambio tardío", actor=owner)


def test_revoke_needs_a_reason_and_an_organiser():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition)
    certificate = issue_all(edition)[0]
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, reason="x", actor=Actor.of(registration.user))
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, reason=" ", actor=factories.SYSTEM)
    certificate_revoke(certificate=certificate, reason="Error de registro", actor=factories.SYSTEM)
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_reason) == (
        CertificateStatus.REVOKED,
        "Error de registro",
    )


def test_export_and_erasure_keep_the_folio_without_the_name():
    edition, _venues = rf.registration_edition()
    registration = checked_in(edition, name="Nombre Privado Borrable")
    certificate = issue_all(edition)[0]
    exported = certificates_export(registration.user)
    assert [(row["folio"], row["name"]) for row in exported["constancias"]] == [
        (certificate.folio, "Nombre Privado Borrable")
    ]
    certificates_erase(registration.user)
    certificate.refresh_from_db()
    assert (certificate.name, certificate.email, certificate.user_id, certificate.status) == (
        "",
        "",
        None,
        "issued",
    )
    assert certificate.holder_erased_at is not None
