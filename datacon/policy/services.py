"""Writes for the policy process. Every service validates, audits and bumps the policy scope.

Plain records (goals, milestones, contacts...) go through `record_save`; the
services here add the rules that span records: slugs unique per process,
stages assigned from dates, agreement numbers under a row lock, iCalendar
sequence numbers, and publishing a document version with stable paragraph
anchors (see `datacon.policy.paragraphs`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.audit import audit_record
from datacon.common.services import record_delete, record_save
from datacon.common.slugs import unique_slug_for
from datacon.common.versions import POLICY, consultation_scope, public_version_bump
from datacon.policy import paragraphs as text
from datacon.policy.models import (
    Agreement,
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
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    YearAssessment,
)

# --- process and its plain records ---------------------------------------------------------


def process_save(*, process: Process, actor: Any) -> Process:
    if not process.slug:
        process.slug = unique_slug_for(process, process.short_title or process.title)
    return record_save(instance=process, actor=actor)


def goal_save(*, goal: Goal, actor: Any) -> Goal:
    if not goal.number and goal.process_id:
        highest = Goal.objects.filter(process_id=goal.process_id).aggregate(n=Max("number"))["n"]
        goal.number = (highest or 0) + 1
    return record_save(instance=goal, actor=actor)


def process_edition_save(*, link: ProcessEdition, actor: Any) -> ProcessEdition:
    return record_save(instance=link, actor=actor)


def stage_save(*, stage: Stage, actor: Any) -> Stage:
    if not stage.order and stage.process_id:
        highest = Stage.objects.filter(process_id=stage.process_id).aggregate(n=Max("order"))["n"]
        stage.order = (highest or 0) + 1
    return record_save(instance=stage, actor=actor)


def milestone_save(*, milestone: Milestone, actor: Any) -> Milestone:
    if milestone.stage_id is None and milestone.process_id and milestone.date:
        milestone.stage = stage_for_date(process_id=milestone.process_id, day=milestone.date)
    return record_save(instance=milestone, actor=actor)


def contact_save(*, contact: Contact, actor: Any) -> Contact:
    return record_save(instance=contact, actor=actor)


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


def group_save(*, group: Group, actor: Any) -> Group:
    if not group.slug:
        group.slug = unique_slug_for(group, group.name, scope={"process_id": group.process_id})
    return record_save(instance=group, actor=actor)


def membership_save(*, membership: Membership, actor: Any) -> Membership:
    return record_save(instance=membership, actor=actor)


def membership_end(*, membership: Membership, ends_on: dt.date, actor: Any) -> Membership:
    membership.ends_on = ends_on
    return record_save(instance=membership, actor=actor, action="membership.end")


# --- meetings, attendance, agreements, attachments ----------------------------------------------


def meeting_save(*, meeting: Meeting, actor: Any) -> Meeting:
    with transaction.atomic():
        if meeting.stage_id is None and meeting.process_id and meeting.starts_at:
            process = Process.objects.get(pk=meeting.process_id)
            local_day = meeting.starts_at.astimezone(process.tz).date()
            meeting.stage = stage_for_date(process_id=process.pk, day=local_day)
        if meeting.pk is not None:
            # Calendar apps replace an event only when its SEQUENCE grows.
            meeting.sequence += 1
        return record_save(instance=meeting, actor=actor)


def attendance_save(*, attendance: Attendance, actor: Any) -> Attendance:
    return record_save(instance=attendance, actor=actor)


def attachment_save(*, attachment: MeetingAttachment, actor: Any) -> MeetingAttachment:
    return record_save(instance=attachment, actor=actor)


def agreement_save(*, agreement: Agreement, actor: Any) -> Agreement:
    with transaction.atomic():
        if not agreement.number and agreement.meeting_id:
            # Lock the meeting so two people adding agreements at once get different numbers.
            Meeting.objects.select_for_update().filter(pk=agreement.meeting_id).first()
            highest = Agreement.objects.filter(meeting_id=agreement.meeting_id).aggregate(
                n=Max("number")
            )["n"]
            agreement.number = (highest or 0) + 1
        return record_save(instance=agreement, actor=actor)


def agreement_status_set(
    *,
    agreement: Agreement,
    status: str,
    completed_on: dt.date | None = None,
    follow_up: str | None = None,
    actor: Any,
) -> Agreement:
    agreement.status = status
    agreement.completed_on = completed_on
    if follow_up is not None:
        agreement.follow_up = follow_up
    return record_save(instance=agreement, actor=actor, action=f"agreement.status.{status}")


# --- documents and versions ----------------------------------------------------------------------


def document_save(*, document: Document, actor: Any) -> Document:
    if not document.slug:
        document.slug = unique_slug_for(
            document, document.title, scope={"process_id": document.process_id}
        )
    return record_save(instance=document, actor=actor)


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
    file: UploadedFile | None = None,
    published_at: dt.datetime | None = None,
    actor: Any,
) -> tuple[DocumentVersion, VersionPlan]:
    """Publish a new version; earlier versions stay as they were.

    Paragraphs keep their identity (and anchor) across versions by the
    algorithm in `datacon.policy.paragraphs`.
    """
    with transaction.atomic():
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
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if file is not None:
            version.file = file  # type: ignore[assignment]
        version = record_save(instance=version, actor=actor, action="documentversion.publish")
        new_identities = [
            ParagraphIdentity(document=document, anchor=match.anchor, created_in=version)
            for match in plan.result.matches
            if match.identity_id is None
        ]
        created = iter(ParagraphIdentity.objects.bulk_create(new_identities))
        if not all(identity.pk for identity in new_identities):
            # Backends that do not return ids from bulk inserts: read them back.
            ids = dict(
                ParagraphIdentity.objects.filter(created_in=version).values_list("anchor", "id")
            )
            for identity in new_identities:
                identity.pk = ids[identity.anchor]
        rows = []
        number = 0
        section = ""
        for match in plan.result.matches:
            identity_id = match.identity_id if match.identity_id is not None else next(created).pk
            block = match.block
            html = block.html
            plain = text.html_to_text(html)
            if block.kind == "heading":
                section = plain[:300]
                paragraph_number = None
            else:
                number += 1
                paragraph_number = number
            rows.append(
                Paragraph(
                    version=version,
                    identity_id=identity_id,
                    position=match.position,
                    number=paragraph_number,
                    kind=ParagraphKind.HEADING if block.kind == "heading" else ParagraphKind.TEXT,
                    level=block.level,
                    source=block.source,
                    html=html,
                    plain_text=plain,
                    section_title=section if block.kind == "text" else "",
                )
            )
        Paragraph.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="documentversion.paragraphs",
            instance=version,
            changes={
                "kept": plan.kept,
                "new": plan.added,
                "removed": [p.anchor for p in plan.result.removed],
            },
        )
        # Consultations on this document say "there is a newer version".
        scopes = [
            consultation_scope(pk)
            for pk in document.versions.filter(consultations__isnull=False)
            .values_list("consultations__pk", flat=True)
            .distinct()
        ]
        public_version_bump(POLICY, *scopes)
    return version, plan


def document_version_markdown(*, version: DocumentVersion) -> str:
    """The version's Markdown with every anchor written out, to start the next version from."""
    rows = Paragraph.objects.filter(version=version).order_by("position")
    return text.markdown_with_anchors(
        (row.kind, row.level, row.source, anchor)
        for row, anchor in ((row, row.identity.anchor) for row in rows.select_related("identity"))
    )


# --- transparency --------------------------------------------------------------------------------


def expense_save(*, expense: Expense, actor: Any) -> Expense:
    if expense.stage_id is None and expense.process_id and expense.spent_on:
        expense.stage = stage_for_date(process_id=expense.process_id, day=expense.spent_on)
    return record_save(instance=expense, actor=actor)


# --- commitments -------------------------------------------------------------------------------------


def commitment_save(*, commitment: Commitment, actor: Any) -> Commitment:
    commitment.code = commitment.code.strip().upper()
    return record_save(instance=commitment, actor=actor)


def progress_report_save(*, report: ProgressReport, actor: Any) -> ProgressReport:
    return record_save(instance=report, actor=actor)


def year_assessment_save(*, assessment: YearAssessment, actor: Any) -> YearAssessment:
    return record_save(instance=assessment, actor=actor)


def policy_record_delete(*, instance: Any, actor: Any) -> None:
    """Delete a plain record (never a published document version)."""
    if isinstance(instance, DocumentVersion | Paragraph | ParagraphIdentity):
        raise ValidationError(
            _("Las versiones publicadas no se borran: publique una versión nueva.")
        )
    record_delete(instance=instance, actor=actor)
