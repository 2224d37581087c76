"""Reads for consultations. Every page runs a fixed number of queries, however many comments.

The consultation page shows the draft with a comment count per paragraph
(one grouped query) and the latest comments; comments themselves are read
per paragraph, a page of threads at a time. Support and reply counts are
correlated subqueries (annotations), so they never multiply rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from datacon.common.actor import Actor
from datacon.consultation.models import (
    Answer,
    AnswerStatus,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Flag,
    ModerationAction,
    ModerationActionKind,
    Participant,
    Phase,
    Support,
)
from datacon.policy.counts import count_of
from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    DocumentVersion,
    Paragraph,
    ParagraphKind,
)

THREADS_PER_PAGE = 20
REPORT_PER_PAGE = 100
QUEUE_PER_PAGE = 50


def attach_counts(comments: list[Comment], *, replies: bool = True) -> list[Comment]:
    """Set `support_total` and `reply_total` on a page of comments: two grouped queries.

    Counting after the page is cut (instead of annotating the paged query) keeps
    deep pages fast: the database never counts for the rows it skips.
    """
    ids = [comment.pk for comment in comments]
    supports: dict[int, int] = {}
    thread_sizes: dict[int, int] = {}
    if ids:
        supports = dict(
            Support.objects.filter(comment_id__in=ids)
            .values("comment_id")
            .annotate(total=Count("pk"))
            .values_list("comment_id", "total")
            .order_by()
        )
        if replies:
            thread_sizes = dict(
                Comment.objects.filter(root_id__in=ids)
                .values("root_id")
                .annotate(total=Count("pk"))
                .values_list("root_id", "total")
                .order_by()
            )
    for comment in comments:
        comment.support_total = supports.get(comment.pk, 0)  # type: ignore[attr-defined]
        comment.reply_total = thread_sizes.get(comment.pk, 0)  # type: ignore[attr-defined]
    return comments


def paged(comments: QuerySet[Comment], per_page: int, page_number: Any) -> Page[Comment]:
    """A page of comments found through the index alone, then loaded with their relations.

    Ordering and cutting the page on the bare table lets the database walk an
    index and stop; joining first would make it sort every row of a large
    consultation. The page keeps the requested order.
    """
    # A page of primary keys whose object_list becomes the loaded comments below.
    page: Page[Any] = Paginator(comments.values_list("pk", flat=True), per_page).get_page(
        page_number
    )
    ids = list(page.object_list)
    loaded = {
        comment.pk: comment
        for comment in comments.model._default_manager.filter(pk__in=ids).select_related(
            *PAGE_RELATIONS
        )
    }
    ordered: Any = [loaded[pk] for pk in ids if pk in loaded]
    page.object_list = ordered
    return page


PAGE_RELATIONS = (
    "participant",
    "paragraph__identity",
    "answer",
    "answer__addressed_in__identity",
    "answer__addressed_in__version",
)


def counted(page: Page[Comment], *, replies: bool = True) -> Page[Comment]:
    """A page whose comments carry their counts (the page keeps the same objects)."""
    attach_counts(list(page.object_list), replies=replies)
    return page


# --- consultations ----------------------------------------------------------------------------------


def consultations_public() -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        status=ConsultationStatus.PUBLISHED, process__status__in=PUBLIC_PROCESS_STATUSES
    ).select_related("process", "version__document", "answering_group")


def consultation_get_public(*, slug: str) -> Consultation:
    consultation = consultations_public().filter(slug=slug).first()
    if consultation is None:
        raise Http404("Consulta no encontrada")
    return consultation


def consultation_id_for(*, slug: str) -> int:
    """The id behind a public slug (one small query), for the page cache's scope."""
    found = consultations_public().filter(slug=slug).values_list("pk", flat=True).first()
    if found is None:
        raise Http404("Consulta no encontrada")
    return found


def consultation_list_public() -> list[Consultation]:
    return list(
        consultations_public()
        .annotate(
            comment_total=count_of(Comment, "consultation"),
            participant_total=count_of(Participant, "consultation"),
        )
        .order_by("-opens_on", "-id")
    )


def process_consultations(*, process_id: int) -> list[Consultation]:
    return list(
        consultations_public()
        .filter(process_id=process_id)
        .annotate(comment_total=count_of(Comment, "consultation"))
        .order_by("-opens_on", "-id")
    )


@dataclass
class ConsultationFigures:
    comments: int
    top_comments: int
    participants: int
    answered: int
    hidden: int
    by_status: dict[str, int]

    @property
    def unanswered(self) -> int:
        return self.top_comments - self.answered


def _paragraph_counts(consultation: Consultation) -> dict[int, Any]:
    """Comments per paragraph (all, top comments, hidden): one grouped, index-only query."""
    rows = (
        Comment.objects.filter(consultation=consultation)
        .values("paragraph_id")
        .annotate(
            total=Count("pk"),
            top=Count("pk", filter=Q(root__isnull=True)),
            hidden=Count("pk", filter=Q(status=CommentStatus.HIDDEN)),
        )
        .order_by()
    )
    return {row["paragraph_id"]: row for row in rows}


def consultation_figures(
    *, consultation: Consultation, counts: dict[int, Any] | None = None
) -> ConsultationFigures:
    counts = _paragraph_counts(consultation) if counts is None else counts
    by_status = dict(
        Answer.objects.filter(comment__consultation=consultation)
        .values("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
        .order_by()
    )
    return ConsultationFigures(
        comments=sum(row["total"] for row in counts.values()),
        top_comments=sum(row["top"] for row in counts.values()),
        participants=Participant.objects.filter(consultation=consultation).count(),
        answered=sum(by_status.values()),
        hidden=sum(row["hidden"] for row in counts.values()),
        by_status=by_status,
    )


@dataclass
class DraftParagraph:
    paragraph: Paragraph
    comment_total: int = 0


@dataclass
class DraftPage:
    consultation: Consultation
    paragraphs: list[DraftParagraph]
    figures: ConsultationFigures
    recent: list[Comment]
    newer_versions: list[DocumentVersion]
    participant: Participant | None


def consultation_page(
    *, consultation: Consultation, user: User | AnonymousUser | None = None
) -> DraftPage:
    paragraphs = list(
        Paragraph.objects.filter(version_id=consultation.version_id)
        .select_related("identity")
        .order_by("position")
    )
    counts = _paragraph_counts(consultation)
    recent = list(
        Comment.objects.filter(consultation=consultation)
        .select_related("participant", "paragraph__identity")
        .order_by("-created_at", "-id")[:5]
    )
    newer = list(
        DocumentVersion.objects.filter(
            document_id=consultation.version.document_id, number__gt=consultation.version.number
        ).order_by("number")
    )
    participant = None
    account = Actor.of(user).account
    if account is not None:
        participant = Participant.objects.filter(consultation=consultation, user=account).first()
    return DraftPage(
        consultation=consultation,
        paragraphs=[
            DraftParagraph(p, counts[p.pk]["total"] if p.pk in counts else 0) for p in paragraphs
        ],
        figures=consultation_figures(consultation=consultation, counts=counts),
        recent=recent,
        newer_versions=newer,
        participant=participant,
    )


def consulted_paragraph(*, consultation: Consultation, anchor: str) -> Paragraph:
    paragraph = (
        Paragraph.objects.filter(
            version_id=consultation.version_id,
            identity__anchor=anchor,
            kind=ParagraphKind.TEXT,
        )
        .select_related("identity", "version")
        .first()
    )
    if paragraph is None:
        raise Http404("Párrafo no encontrado")
    return paragraph


# --- threads ------------------------------------------------------------------------------------------


ORDERINGS = {
    "antiguos": ("created_at", "id"),
    "recientes": ("-created_at", "-id"),
    "apoyos": ("-support_total", "created_at", "id"),
}


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass
class ViewerState:
    participant: Participant | None = None
    supported: set[int] = field(default_factory=set)
    flagged: set[int] = field(default_factory=set)


def _viewer_state(
    *, consultation: Consultation, user: User | AnonymousUser | None, comment_ids: list[int]
) -> ViewerState:
    account = Actor.of(user).account
    if account is None:
        return ViewerState()
    participant = Participant.objects.filter(consultation=consultation, user=account).first()
    supported: set[int] = set()
    if participant is not None and comment_ids:
        supported = set(
            Support.objects.filter(participant=participant, comment_id__in=comment_ids).values_list(
                "comment_id", flat=True
            )
        )
    flagged = set(
        Flag.objects.filter(reporter=account, comment_id__in=comment_ids).values_list(
            "comment_id", flat=True
        )
    )
    return ViewerState(participant=participant, supported=supported, flagged=flagged)


def _top_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(root__isnull=True).select_related(
        "participant",
        "answer",
        "answer__addressed_in__identity",
        "answer__addressed_in__version",
    )


def _replies_for(root_ids: list[int]) -> dict[int, list[Comment]]:
    grouped: dict[int, list[Comment]] = defaultdict(list)
    if not root_ids:
        return grouped
    replies = list(
        Comment.objects.filter(root_id__in=root_ids)
        .select_related("participant", "parent__participant")
        .order_by("created_at", "id")
    )
    for reply in attach_counts(replies, replies=False):
        grouped[reply.root_id].append(reply)  # type: ignore[index]
    return grouped


@dataclass
class ParagraphPage:
    paragraph: Paragraph
    page: Page[Comment]
    threads: list[Thread]
    viewer: ViewerState
    ordering: str


def paragraph_threads(
    *,
    consultation: Consultation,
    paragraph: Paragraph,
    page_number: Any = 1,
    ordering: str = "antiguos",
    user: User | AnonymousUser | None = None,
) -> ParagraphPage:
    ordering = ordering if ordering in ORDERINGS else "antiguos"
    tops = _top_comments().filter(paragraph=paragraph, consultation=consultation)
    if ordering == "apoyos":  # ordering by supports needs them counted in the query
        tops = tops.annotate(support_total=count_of(Support, "comment"))
    page = Paginator(tops.order_by(*ORDERINGS[ordering]), THREADS_PER_PAGE).get_page(page_number)
    roots = attach_counts(list(page.object_list))
    replies = _replies_for([c.pk for c in roots])
    ids = [c.pk for c in roots] + [r.pk for rs in replies.values() for r in rs]
    return ParagraphPage(
        paragraph=paragraph,
        page=page,
        threads=[Thread(c, replies.get(c.pk, [])) for c in roots],
        viewer=_viewer_state(consultation=consultation, user=user, comment_ids=ids),
        ordering=ordering,
    )


@dataclass
class CommentPage:
    thread: Thread
    focus: Comment
    viewer: ViewerState
    moderation: list[ModerationAction]


def comment_thread(
    *, consultation: Consultation, pk: int, user: User | AnonymousUser | None = None
) -> CommentPage:
    focus = (
        Comment.objects.filter(consultation=consultation, pk=pk)
        .select_related("paragraph__identity")
        .first()
    )
    if focus is None:
        raise Http404("Comentario no encontrado")
    root_id = focus.root_id or focus.pk
    root = _top_comments().select_related("paragraph__identity").get(pk=root_id)
    attach_counts([root])
    replies = _replies_for([root.pk]).get(root.pk, [])
    ids = [root.pk, *(r.pk for r in replies)]
    moderation = list(ModerationAction.objects.filter(comment_id__in=ids).order_by("at", "id"))
    return CommentPage(
        thread=Thread(root, replies),
        focus=focus,
        viewer=_viewer_state(consultation=consultation, user=user, comment_ids=ids),
        moderation=moderation,
    )


# --- report -------------------------------------------------------------------------------------------


@dataclass
class ParagraphTotal:
    anchor: str
    number: int | None
    section: str
    comments: int
    accepted: int
    partly: int
    not_accepted: int


@dataclass
class Report:
    figures: ConsultationFigures
    paragraphs: list[ParagraphTotal]
    page: Page[Comment]
    is_final: bool


def consultation_report(*, consultation: Consultation, page_number: Any = 1) -> Report:
    counts = _paragraph_counts(consultation)
    decided: dict[tuple[int, str], int] = {
        (row["paragraph_id"], row["answer__status"]): row["total"]
        for row in Comment.objects.filter(
            consultation=consultation, root__isnull=True, answer__isnull=False
        )
        .values("paragraph_id", "answer__status")
        .annotate(total=Count("pk"))
        .order_by()
    }
    paragraphs = [
        ParagraphTotal(
            anchor=anchor,
            number=number,
            section=section,
            comments=counts[pk]["top"],
            accepted=decided.get((pk, AnswerStatus.ACCEPTED), 0),
            partly=decided.get((pk, AnswerStatus.PARTLY), 0),
            not_accepted=decided.get((pk, AnswerStatus.NOT_ACCEPTED), 0),
        )
        for pk, anchor, number, section in Paragraph.objects.filter(
            version_id=consultation.version_id, kind=ParagraphKind.TEXT
        )
        .order_by("position")
        .values_list("pk", "identity__anchor", "number", "section_title")
        if pk in counts and counts[pk]["top"]
    ]
    comments = Comment.objects.filter(consultation=consultation, root__isnull=True).order_by(
        "position", "created_at", "id"
    )
    page = counted(paged(comments, REPORT_PER_PAGE, page_number))
    return Report(
        figures=consultation_figures(consultation=consultation, counts=counts),
        paragraphs=paragraphs,
        page=page,
        is_final=consultation.phase == Phase.CLOSED,
    )


# --- the public moderation log ----------------------------------------------------------------------

MODERATION_PER_PAGE = 50


@dataclass(frozen=True)
class ModerationEntry:
    """One moderation action as the public log shows it: what, when, why, on which paragraph.

    Only what the open dataset "consulta-moderacion" publishes, plus the paragraph the
    comment was on; never the comment's text, its author or the moderator."""

    pk: int
    at: Any
    action: str
    action_label: str
    reason: str
    comment_id: int
    paragraph_number: int | None
    anchor: str


def moderation_log(*, consultation: Consultation, page_number: Any = 1) -> Page[ModerationEntry]:
    """Most recent first, a page at a time (two queries: the count and the page)."""
    rows = (
        ModerationAction.objects.filter(comment__consultation=consultation)
        .order_by("-at", "-pk")
        .values(
            "pk",
            "at",
            "action",
            "reason",
            "comment_id",
            "comment__paragraph__number",
            "comment__identity__anchor",
        )
    )
    # A page of rows whose object_list becomes ModerationEntry objects below.
    page: Page[Any] = Paginator(rows, MODERATION_PER_PAGE).get_page(page_number)
    labels = dict(ModerationActionKind.choices)
    entries: Any = [
        ModerationEntry(
            pk=row["pk"],
            at=row["at"],
            action=row["action"],
            action_label=str(labels.get(row["action"], row["action"])),
            reason=row["reason"],
            comment_id=row["comment_id"],
            paragraph_number=row["comment__paragraph__number"],
            anchor=row["comment__identity__anchor"],
        )
        for row in page.object_list
    ]
    page.object_list = entries
    return page
