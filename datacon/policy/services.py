"""Writes for the policy process, each through the unit of work (datacon.common.write).

Plain records (goals, milestones, contacts...) are validated, saved and audited
by `work.save`, which also bumps the public scopes each model declares. The
services here add the rules that span records: slugs unique per process,
stages assigned from dates, agreement numbers under a row lock, iCalendar
sequence numbers, and publishing a document version with stable paragraph
anchors (see `datacon.policy.paragraphs`).

Who may write: `policy.edit_record` / `policy.delete_record` (the add_, change_
and delete_ permission of the record's model) and `policy.publish_document`
(datacon/policy/permissions.py); the system actor passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import Work, unit_of_work
from datacon.policy import paragraphs as text
from datacon.policy.models import (
    Agreement,
    AgreementStatus,
    Attendance,
    Commitment,
    Contact,
    Document,
    DocumentVersion,
    Expense,
    Goal,
    Group,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    Paragraph,
    ParagraphIdentity,
    ParagraphKind,
    PolicyAction,
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    YearAssessment,
)

RecordT = TypeVar("RecordT", bound=Model)


def _record_save(record: RecordT, *, actor: Actor, action: PolicyAction | None = None) -> RecordT:
    require(actor, "policy.edit_record", record)
    with unit_of_work(actor) as work:
        return work.save(record, action=action)


# --- process and its plain records ---------------------------------------------------------


def process_save(*, process: Process, actor: Actor) -> Process:
    if not process.slug:
        process.slug = unique_slug_for(process, process.short_title or process.title)
    return _record_save(process, actor=actor)


def goal_save(*, goal: Goal, actor: Actor) -> Goal:
    if not goal.number and goal.process_id:
        highest = Goal.objects.filter(process_id=goal.process_id).aggregate(n=Max("number"))["n"]
        goal.number = (highest or 0) + 1
    return _record_save(goal, actor=actor)


def process_edition_save(*, link: ProcessEdition, actor: Actor) -> ProcessEdition:
    return _record_save(link, actor=actor)


def stage_save(*, stage: Stage, actor: Actor) -> Stage:
    if not stage.order and stage.process_id:
        highest = Stage.objects.filter(process_id=stage.process_id).aggregate(n=Max("order"))["n"]
        stage.order = (highest or 0) + 1
    return _record_save(stage, actor=actor)


def milestone_save(*, milestone: Milestone, actor: Actor) -> Milestone:
    if milestone.stage_id is None and milestone.process_id and milestone.date:
        milestone.stage = stage_for_date(process_id=milestone.process_id, day=milestone.date)
    return _record_save(milestone, actor=actor)


def contact_save(*, contact: Contact, actor: Actor) -> Contact:
    return _record_save(contact, actor=actor)


def stage_for_date(*, process_id: int, day: dt.date) -> Stage | None:
    """The stage a date falls in; with overlapping stages, the one that started last."""
    candidates = [
        stage
        for stage in Stage.objects.filter(process_id=process_id, starts_on__lte=day).order_by(
            "-starts_on", "-order"
        )
        if stage.ends_on is None or stage.ends_on >= day
    ]
    return candidates[0] if candidates else None


# --- groups and members -------------------------------------------------------------------------


def group_save(*, group: Group, actor: Actor) -> Group:
    if not group.slug:
        group.slug = unique_slug_for(group, group.name, scope={"process_id": group.process_id})
    return _record_save(group, actor=actor)


def membership_save(*, membership: Membership, actor: Actor) -> Membership:
    return _record_save(membership, actor=actor)


def membership_end(*, membership: Membership, ends_on: dt.date, actor: Actor) -> Membership:
    membership.ends_on = ends_on
    return _record_save(membership, actor=actor, action=PolicyAction.MEMBERSHIP_END)


# --- meetings, attendance, agreements, attachments ----------------------------------------------


def meeting_save(*, meeting: Meeting, actor: Actor) -> Meeting:
    require(actor, "policy.edit_record", meeting)
    with unit_of_work(actor) as work:
        if meeting.stage_id is None and meeting.process_id and meeting.starts_at:
            process = Process.objects.get(pk=meeting.process_id)
            local_day = meeting.starts_at.astimezone(process.tz).date()
            meeting.stage = stage_for_date(process_id=process.pk, day=local_day)
        if meeting.pk is not None:
            # Calendar apps replace an event only when its SEQUENCE grows.
            meeting.sequence += 1
        return work.save(meeting)


def attendance_save(*, attendance: Attendance, actor: Actor) -> Attendance:
    return _record_save(attendance, actor=actor)


def attachment_save(*, attachment: MeetingAttachment, actor: Actor) -> MeetingAttachment:
    return _record_save(attachment, actor=actor)


def agreement_save(*, agreement: Agreement, actor: Actor) -> Agreement:
    require(actor, "policy.edit_record", agreement)
    with unit_of_work(actor) as work:
        if not agreement.number and agreement.meeting_id:
            # Lock the meeting so two people adding agreements at once get different numbers.
            Meeting.objects.select_for_update().filter(pk=agreement.meeting_id).first()
            highest = Agreement.objects.filter(meeting_id=agreement.meeting_id).aggregate(
                n=Max("number")
            )["n"]
            agreement.number = (highest or 0) + 1
        return work.save(agreement)


AGREEMENT_STATUS_ACTIONS = {
    AgreementStatus.PENDING: PolicyAction.AGREEMENT_PENDING,
    AgreementStatus.IN_PROGRESS: PolicyAction.AGREEMENT_IN_PROGRESS,
    AgreementStatus.DONE: PolicyAction.AGREEMENT_DONE,
    AgreementStatus.CANCELLED: PolicyAction.AGREEMENT_CANCELLED,
}


def agreement_status_set(
    *,
    agreement: Agreement,
    status: str,
    completed_on: dt.date | None = None,
    follow_up: str | None = None,
    actor: Actor,
) -> Agreement:
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Estado desconocido.")})
    agreement.status = status
    agreement.completed_on = completed_on
    if follow_up is not None:
        agreement.follow_up = follow_up
    return _record_save(
        agreement, actor=actor, action=AGREEMENT_STATUS_ACTIONS[AgreementStatus(status)]
    )


# --- documents and versions ----------------------------------------------------------------------


def document_save(*, document: Document, actor: Actor) -> Document:
    if not document.slug:
        document.slug = unique_slug_for(
            document, document.title, scope={"process_id": document.process_id}
        )
    return _record_save(document, actor=actor)


@dataclass
class VersionPlan:
    """What publishing the Markdown would do: which anchors are kept, which are new, what goes."""

    blocks: list[text.Block]
    result: text.MatchResult
    next_number: int

    @property
    def kept(self) -> int:
        return len(self.result.matches) - self.result.count("new")

    @property
    def added(self) -> int:
        return self.result.count("new")

    @property
    def removed(self) -> int:
        return len(self.result.removed)


def _previous_paragraphs(version: DocumentVersion | None) -> list[text.PreviousParagraph]:
    if version is None:
        return []
    return [
        text.PreviousParagraph(
            identity_id=identity_id,
            anchor=anchor,
            kind=kind,
            plain_text=plain_text,
            position=position,
        )
        for identity_id, anchor, kind, plain_text, position in Paragraph.objects.filter(
            version=version
        )
        .order_by("position")
        .values_list("identity_id", "identity__anchor", "kind", "plain_text", "position")
    ]


def document_version_plan(*, document: Document, body: str) -> VersionPlan:
    """Parse and match without writing anything (the back office's preview).

    Raises ValidationError with the line of every malformed anchor.
    """
    try:
        blocks = text.parse_blocks(body)
    except text.ParagraphError as error:
        raise ValidationError({"body": error.messages}) from error
    latest = document.versions.order_by("-number").first()
    known = dict(ParagraphIdentity.objects.filter(document=document).values_list("anchor", "id"))
    result = text.match_blocks(
        blocks=blocks, previous=_previous_paragraphs(latest), known_anchors=known
    )
    return VersionPlan(
        blocks=blocks, result=result, next_number=(latest.number + 1) if latest else 1
    )


def document_version_publish(
    *,
    document: Document,
    body: str,
    change_summary: str = "",
    file: UploadedFile[bytes] | None = None,
    published_at: dt.datetime | None = None,
    actor: Actor,
) -> tuple[DocumentVersion, VersionPlan]:
    """Publish a new version; earlier versions stay as they were.

    Paragraphs keep their identity (and anchor) across versions by the
    algorithm in `datacon.policy.paragraphs`. Consultations on the document
    learn of the new version through `DocumentVersion.public_scopes()`.
    """
    require(actor, "policy.publish_document", document)
    with unit_of_work(actor) as work:
        # One publisher at a time per document: version numbers and anchors stay unique.
        document = Document.objects.select_for_update().get(pk=document.pk)
        plan = document_version_plan(document=document, body=body)
        if not plan.blocks and not file:
            raise ValidationError(
                {"body": _("Escriba el texto de la versión o adjunte su archivo.")}
            )
        version = DocumentVersion(
            document=document,
            number=plan.next_number,
            change_summary=change_summary.strip(),
            body=body,
            published_at=published_at or timezone.now(),
            published_by=work.actor.account,
        )
        if file is not None:
            version.file = file
        work.save(version, action=PolicyAction.VERSION_PUBLISH)
        identities = _identities_create(work, document, version, plan)
        work.create_many(_paragraph_rows(version, plan, identities), action=PolicyAction.PARAGRAPHS)
        work.record(
            PolicyAction.VERSION_PARAGRAPHS,
            version,
            changes={
                "kept": plan.kept,
                "new": plan.added,
                "removed": [p.anchor for p in plan.result.removed],
            },
        )
    return version, plan


def _identities_create(
    work: Work, document: Document, version: DocumentVersion, plan: VersionPlan
) -> dict[str, int]:
    """Create the identities of the new paragraphs; {anchor: identity id} of every paragraph."""
    new_identities = [
        ParagraphIdentity(document=document, anchor=match.anchor, created_in=version)
        for match in plan.result.matches
        if match.identity_id is None
    ]
    work.create_many(new_identities, action=PolicyAction.PARAGRAPH_IDENTITIES)
    if not all(identity.pk for identity in new_identities):
        # Backends that do not return ids from bulk inserts: read them back.
        ids = dict(ParagraphIdentity.objects.filter(created_in=version).values_list("anchor", "id"))
        for identity in new_identities:
            identity.pk = ids[identity.anchor]
    created = {identity.anchor: identity.pk for identity in new_identities}
    return {
        match.anchor: match.identity_id if match.identity_id is not None else created[match.anchor]
        for match in plan.result.matches
    }


def _paragraph_rows(
    version: DocumentVersion, plan: VersionPlan, identities: dict[str, int]
) -> list[Paragraph]:
    rows = []
    number = 0
    section = ""
    for match in plan.result.matches:
        block = match.block
        plain = text.html_to_text(block.html)
        if block.kind == "heading":
            section = plain[:300]
            paragraph_number = None
        else:
            number += 1
            paragraph_number = number
        rows.append(
            Paragraph(
                version=version,
                identity_id=identities[match.anchor],
                position=match.position,
                number=paragraph_number,
                kind=ParagraphKind.HEADING if block.kind == "heading" else ParagraphKind.TEXT,
                level=block.level,
                source=block.source,
                html=block.html,
                plain_text=plain,
                section_title=section if block.kind == "text" else "",
            )
        )
    return rows


def document_version_markdown(*, version: DocumentVersion) -> str:
    """The version's Markdown with every anchor written out, to start the next version from."""
    rows = Paragraph.objects.filter(version=version).order_by("position")
    return text.markdown_with_anchors(
        (row.kind, row.level, row.source, anchor)
        for row, anchor in ((row, row.identity.anchor) for row in rows.select_related("identity"))
    )


# --- transparency --------------------------------------------------------------------------------


def expense_save(*, expense: Expense, actor: Actor) -> Expense:
    if expense.stage_id is None and expense.process_id and expense.spent_on:
        expense.stage = stage_for_date(process_id=expense.process_id, day=expense.spent_on)
    return _record_save(expense, actor=actor)


# --- commitments -------------------------------------------------------------------------------------


def commitment_save(*, commitment: Commitment, actor: Actor) -> Commitment:
    commitment.code = commitment.code.strip().upper()
    return _record_save(commitment, actor=actor)


def progress_report_save(*, report: ProgressReport, actor: Actor) -> ProgressReport:
    return _record_save(report, actor=actor)


def year_assessment_save(*, assessment: YearAssessment, actor: Actor) -> YearAssessment:
    return _record_save(assessment, actor=actor)


def policy_record_delete(*, instance: Model, actor: Actor) -> None:
    """Delete a plain record (never a published document version)."""
    if isinstance(instance, DocumentVersion | Paragraph | ParagraphIdentity):
        raise ValidationError(
            _("Las versiones publicadas no se borran: publique una versión nueva.")
        )
    require(actor, "policy.delete_record", instance)
    with unit_of_work(actor) as work:
        work.delete(instance)


# --- one entry point for the back office's record screens ---------------------------------------


def _agreement_record_save(agreement: Agreement, actor: Actor) -> Agreement:
    previous = (
        Agreement.objects.filter(pk=agreement.pk).values_list("status", flat=True).first()
        if agreement.pk
        else None
    )
    if previous is not None and previous != agreement.status:
        # A changed status keeps its own audit action, as on the agreement's own screen.
        return _record_save(
            agreement,
            actor=actor,
            action=AGREEMENT_STATUS_ACTIONS[AgreementStatus(agreement.status)],
        )
    return agreement_save(agreement=agreement, actor=actor)


RECORD_SAVERS: dict[type[Model], Callable[[Any, Actor], Model]] = {
    Process: lambda record, actor: process_save(process=record, actor=actor),
    Meeting: lambda record, actor: meeting_save(meeting=record, actor=actor),
    Agreement: _agreement_record_save,
    Expense: lambda record, actor: expense_save(expense=record, actor=actor),
    Commitment: lambda record, actor: commitment_save(commitment=record, actor=actor),
    ProgressReport: lambda record, actor: progress_report_save(report=record, actor=actor),
    YearAssessment: lambda record, actor: year_assessment_save(assessment=record, actor=actor),
    Contact: lambda record, actor: contact_save(contact=record, actor=actor),
    Group: lambda record, actor: group_save(group=record, actor=actor),
    Document: lambda record, actor: document_save(document=record, actor=actor),
    Goal: lambda record, actor: goal_save(goal=record, actor=actor),
    Stage: lambda record, actor: stage_save(stage=record, actor=actor),
    Milestone: lambda record, actor: milestone_save(milestone=record, actor=actor),
    ProcessEdition: lambda record, actor: process_edition_save(link=record, actor=actor),
    Membership: lambda record, actor: membership_save(membership=record, actor=actor),
    Attendance: lambda record, actor: attendance_save(attendance=record, actor=actor),
    MeetingAttachment: lambda record, actor: attachment_save(attachment=record, actor=actor),
}


def policy_record_save(*, record: RecordT, actor: Actor) -> RecordT:
    """Create or change a record of the process through its own service (numbering,
    stage by date, status actions), inside the unit of work, under `policy.edit_record`."""
    saver = RECORD_SAVERS.get(type(record))
    if saver is None:
        raise TypeError(f"No back-office service for {type(record).__name__}.")
    saved = saver(record, actor)
    assert isinstance(saved, type(record))
    return saved
