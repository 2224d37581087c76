"""Writes of the policy process: versions with stable anchors, agreements, meetings, expenses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from datacon.common.models import AuditEntry, PublicVersion
from datacon.policy import services
from datacon.policy.models import Agreement, Expense, Paragraph, ParagraphIdentity
from tests import factories
from tests.policy.factories import (
    DocumentFactory,
    ExpenseFactory,
    MeetingFactory,
    ProcessFactory,
    StageFactory,
    publish,
)

pytestmark = pytest.mark.django_db


def _anchors(version):  # type: ignore[no-untyped-def]
    return list(
        Paragraph.objects.filter(version=version)
        .order_by("position")
        .values_list("identity__anchor", "plain_text")
    )


def test_first_version_gets_anchors_numbers_and_sections():
    version = publish(DocumentFactory())
    rows = list(
        Paragraph.objects.filter(version=version)
        .order_by("position")
        .values_list("identity__anchor", "kind", "number", "section_title")
    )
    assert rows == [
        ("s-1", "heading", None, ""),
        ("p-2", "text", 1, "Objetivo"),
        ("p-3", "text", 2, "Objetivo"),
        ("s-4", "heading", None, ""),
        ("p-5", "text", 3, "Alcance"),
    ]


def test_new_version_keeps_anchors_by_mark_and_by_similarity_and_keeps_old_version():
    document = DocumentFactory()
    v1 = publish(document)
    before = _anchors(v1)
    edited = services.document_version_markdown(version=v1)
    edited = edited.replace(
        "Segundo párrafo sobre los principios de transparencia, participación y colaboración. {#p-3}",
        "Un párrafo nuevo antes del segundo.\n\n"
        "Segundo párrafo sobre los principios de transparencia, participación, colaboración y rendición de cuentas.",
    )
    v2, plan = services.document_version_publish(
        document=document, body=edited, actor=factories.SYSTEM
    )
    assert v2.number == 2
    assert [(m.anchor, m.how) for m in plan.result.matches] == [
        ("s-1", "anchor"),
        ("p-2", "anchor"),
        ("p-6", "new"),
        ("p-3", "similar"),
        ("s-4", "anchor"),
        ("p-5", "anchor"),
    ]
    assert _anchors(v1) == before  # the old version is untouched
    paragraph = Paragraph.objects.get(version=v2, identity__anchor="p-3")
    assert paragraph.number == 3
    assert paragraph.plain_text.endswith("colaboración y rendición de cuentas.")
    assert ParagraphIdentity.objects.filter(document=document).count() == 6


def test_republishing_the_markdown_with_anchors_keeps_every_identity():
    document = DocumentFactory()
    v1 = publish(document)
    _v2, plan = services.document_version_publish(
        document=document,
        body=services.document_version_markdown(version=v1),
        actor=factories.SYSTEM,
    )
    assert plan.added == 0
    assert plan.removed == 0


def test_version_with_malformed_anchor_is_refused_with_line_and_nothing_written():
    document = DocumentFactory()
    with pytest.raises(ValidationError) as error:
        services.document_version_publish(
            document=document, body="Bien.\n\nMal {#Ancla_Mala}\n", actor=factories.SYSTEM
        )
    assert error.value.message_dict == {
        "body": [
            "Línea 3: el identificador «Ancla_Mala» solo admite minúsculas, números y guiones "
            "(ejemplo: {#p-3-2})."
        ]
    }
    assert document.versions.count() == 0


def test_empty_version_without_file_is_refused():
    with pytest.raises(ValidationError) as error:
        services.document_version_publish(
            document=DocumentFactory(), body="  \n", actor=factories.SYSTEM
        )
    assert error.value.message_dict == {
        "body": ["Escriba el texto de la versión o adjunte su archivo."]
    }


def test_version_publish_is_audited_and_bumps_policy_scope():
    document = DocumentFactory()
    publish(document)
    assert AuditEntry.objects.filter(action="documentversion.publish").count() == 1
    assert PublicVersion.objects.get(scope="policy").version >= 1


def test_agreement_numbers_follow_per_meeting_and_need_an_owner():
    meeting = MeetingFactory()
    first = services.agreement_save(
        agreement=Agreement(meeting=meeting, text="Uno", owner_group=meeting.group),
        actor=factories.SYSTEM,
    )
    second = services.agreement_save(
        agreement=Agreement(meeting=meeting, text="Dos", owner_group=meeting.group),
        actor=factories.SYSTEM,
    )
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.agreement_save(
            agreement=Agreement(meeting=meeting, text="Tres"), actor=factories.SYSTEM
        )
    assert error.value.message_dict["owner_group"] == [
        "Todo acuerdo necesita responsable: un grupo, una organización o una persona."
    ]


def test_agreement_done_needs_completion_date():
    meeting = MeetingFactory()
    agreement = services.agreement_save(
        agreement=Agreement(meeting=meeting, text="Uno", owner_group=meeting.group),
        actor=factories.SYSTEM,
    )
    with pytest.raises(ValidationError) as error:
        services.agreement_status_set(agreement=agreement, status="done", actor=factories.SYSTEM)
    assert error.value.message_dict == {"completed_on": ["Indique cuándo se cumplió el acuerdo."]}


def test_meeting_gets_its_stage_from_the_date_and_sequence_grows_on_change():
    process = ProcessFactory()
    stage = StageFactory(
        process=process, starts_on=dt.date(2022, 5, 1), ends_on=dt.date(2022, 5, 31)
    )
    meeting = MeetingFactory.build(process=process, group=None)
    meeting = services.meeting_save(meeting=meeting, actor=factories.SYSTEM)
    assert meeting.stage == stage
    assert meeting.sequence == 0
    meeting.title = "Cambio de título"
    meeting = services.meeting_save(meeting=meeting, actor=factories.SYSTEM)
    assert meeting.sequence == 1


def test_meeting_ending_before_start_is_refused():
    meeting = MeetingFactory.build(process=ProcessFactory(), group=None)
    meeting.ends_at = meeting.starts_at - dt.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_save(meeting=meeting, actor=factories.SYSTEM)
    assert error.value.message_dict["ends_at"] == ["La reunión debe terminar después de empezar."]


def test_negative_expense_is_refused_in_spanish():
    expense = ExpenseFactory.build(process=ProcessFactory(), amount=Decimal("-1.00"))
    with pytest.raises(ValidationError) as error:
        services.expense_save(expense=expense, actor=factories.SYSTEM)
    assert "El monto no puede ser negativo." in error.value.message_dict["amount"]
    assert Expense.objects.count() == 0


def test_expense_gets_stage_from_date():
    process = ProcessFactory()
    stage = StageFactory(
        process=process, starts_on=dt.date(2022, 1, 1), ends_on=dt.date(2022, 12, 31)
    )
    expense = services.expense_save(
        expense=ExpenseFactory.build(process=process, spent_on=dt.date(2022, 7, 1)),
        actor=factories.SYSTEM,
    )
    assert expense.stage == stage


def test_expense_supporting_document_of_wrong_type_is_refused():
    expense = ExpenseFactory.build(process=ProcessFactory())
    expense.supporting_document = SimpleUploadedFile("factura.pdf", b"MZ\x90 no es pdf")
    with pytest.raises(ValidationError) as error:
        services.expense_save(expense=expense, actor=factories.SYSTEM)
    assert error.value.message_dict["supporting_document"] == [
        "El contenido del archivo no corresponde a un .pdf; revise que no esté dañado."
    ]


def test_commitment_needs_target_different_from_baseline_and_edition_for_datacon():
    from tests.policy.factories import CommitmentFactory

    commitment = CommitmentFactory.build(
        process=ProcessFactory(), source="datacon", baseline=Decimal(5), target=Decimal(5)
    )
    with pytest.raises(ValidationError) as error:
        services.commitment_save(commitment=commitment, actor=factories.SYSTEM)
    assert error.value.message_dict == {
        "target": ["La meta debe ser distinta de la línea base."],
        "edition": ["Indique la edición de la DATACON de cuyas conclusiones surge."],
    }


def test_published_versions_cannot_be_deleted():
    version = publish(DocumentFactory())
    with pytest.raises(ValidationError):
        services.policy_record_delete(instance=version, actor=factories.SYSTEM)
    assert version.document.versions.count() == 1
