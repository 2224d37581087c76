"""Counted, never named: the open dataset and the memoria block; the bulk command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from datacon.certificates.models import Certificate
from datacon.certificates.services import certificate_revoke
from datacon.memoria.blocks import memoria_blocks
from datacon.opendata.registry import dataset_get
from tests import factories
from tests.certificates.factories import checked_in, issue_all
from tests.registration import factories as rf

pytestmark = pytest.mark.django_db


def test_counts_in_the_open_data_and_the_memoria_without_names():
    edition, _venues = rf.registration_edition()
    for _ in range(2):
        checked_in(edition, name="Nombre Que No Se Publica")
    factories.ParticipationFactory(
        session=factories.SessionFactory(edition=edition), role="speaker"
    )
    certificates = issue_all(edition)
    certificate_revoke(certificate=certificates[0], reason="Duplicada", actor=factories.SYSTEM)
    rows = list(dataset_get("constancias").rows(edition))
    assert rows == [
        {
            "edicion": edition.year,
            "tipo": "attendance",
            "papel": "attendee",
            "emitidas": 2,
            "vigentes": 1,
            "revocadas": 1,
        },
        {
            "edicion": edition.year,
            "tipo": "participation",
            "papel": "speaker",
            "emitidas": 1,
            "vigentes": 1,
            "revocadas": 0,
        },
    ]
    (block,) = [b for b in memoria_blocks(edition=edition) if b.key == "certificates"]
    assert list(block.rows) == [("Asistencia · Asistente", 2, 1), ("Participación · Ponente", 1, 0)]
    assert "Nombre Que No Se Publica" not in repr(rows) + repr(block)


def test_the_command_issues_in_chunks_with_a_progress_bar():
    edition, _venues = rf.registration_edition()
    for _ in range(3):
        checked_in(edition)
    out, err = io.StringIO(), io.StringIO()
    call_command("certificates_issue", edition.slug, "--chunk", "2", stdout=out, stderr=err)
    assert out.getvalue() == "Constancias emitidas: 3\n"
    assert "3/3" in err.getvalue()
    assert Certificate.objects.filter(edition=edition, status="issued").count() == 3


def test_a_new_edition_from_the_last_keeps_the_rule_not_the_constancias():
    import datetime as dt

    from datacon.certificates.models import CertificateRule
    from datacon.certificates.services import certificate_rule_save
    from datacon.editions.copying import edition_new_from

    edition, _venues = rf.registration_edition()
    checked_in(edition)
    certificate_rule_save(
        rule=CertificateRule(edition=edition, attendance_hours=20, signer_name="Titular"),
        actor=factories.SYSTEM,
    )
    issue_all(edition)
    start = edition.start_date.replace(year=edition.year + 50)
    new = edition_new_from(
        source=edition,
        number=edition.number + 50,
        year=edition.year + 50,
        title="Siguiente",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        actor=factories.SYSTEM,
    )
    rule = CertificateRule.objects.get(edition=new)
    assert (rule.attendance_hours, rule.signer_name) == (20, "Titular")
    assert Certificate.objects.filter(edition=new).count() == 0
