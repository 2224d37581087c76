"""The back office's queues of a consultation: comments to moderate, their reports and log,
and comments awaiting an official answer (public reads are in selectors.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from datacon.consultation.models import (
    Comment,
    CommentStatus,
    Consultation,
    Flag,
    ModerationAction,
)
from datacon.consultation.selectors import QUEUE_PER_PAGE, counted, paged
from datacon.policy.counts import count_of
from datacon.policy.models import (
    Paragraph,
    ParagraphKind,
)

# --- back office queues ----------------------------------------------------------------------------


MODERATION_FILTERS = ("reportados", "recientes", "ocultos")


def moderation_queue(
    *, consultation: Consultation, which: str = "reportados", page_number: Any = 1
) -> Page[Comment]:
    comments = Comment.objects.filter(consultation=consultation)
    if which == "ocultos":
        comments = comments.filter(status=CommentStatus.HIDDEN).order_by("-hidden_at", "-id")
    elif which == "recientes":
        comments = comments.order_by("-created_at", "-id")
    else:
        unresolved = Q(resolved_at__isnull=True)
        comments = (
            comments.filter(status=CommentStatus.VISIBLE)
            .filter(Exists(Flag.objects.filter(unresolved, comment=OuterRef("pk"))))
            .annotate(flag_total=count_of(Flag, "comment", extra=unresolved))
            .order_by("-flag_total", "-created_at", "-id")
        )
    page = counted(paged(comments, QUEUE_PER_PAGE, page_number))
    flags = flags_for(comment_ids=[c.pk for c in page])
    for comment in page:
        comment.flag_list = flags.get(comment.pk, [])  # type: ignore[attr-defined]
        comment.open_flags = len(comment.flag_list)  # type: ignore[attr-defined]
    return page


def flags_for(*, comment_ids: list[int]) -> dict[int, list[Flag]]:
    grouped: dict[int, list[Flag]] = defaultdict(list)
    for flag in Flag.objects.filter(comment_id__in=comment_ids, resolved_at__isnull=True).order_by(
        "created_at"
    ):
        grouped[flag.comment_id].append(flag)
    return grouped


def moderation_log(*, consultation: Consultation, page_number: Any = 1) -> Page[ModerationAction]:
    actions = (
        ModerationAction.objects.filter(comment__consultation=consultation)
        .select_related("actor", "comment__paragraph")
        .order_by("-at", "-id")
    )
    return Paginator(actions, QUEUE_PER_PAGE).get_page(page_number)


ANSWER_FILTERS = ("pendientes", "respondidos", "todos")


def answer_queue(
    *, consultation: Consultation, which: str = "pendientes", page_number: Any = 1
) -> Page[Comment]:
    comments = Comment.objects.filter(consultation=consultation, root__isnull=True)
    if which == "pendientes":
        comments = comments.filter(answer__isnull=True)
    elif which == "respondidos":
        comments = comments.filter(answer__isnull=False)
    return counted(
        paged(comments.order_by("position", "created_at", "id"), QUEUE_PER_PAGE, page_number)
    )


def later_paragraphs(*, consultation: Consultation) -> list[Paragraph]:
    """Paragraphs of every version after the consulted one, newest version first."""
    return list(
        Paragraph.objects.filter(
            version__document_id=consultation.version.document_id,
            version__number__gt=consultation.version.number,
            kind=ParagraphKind.TEXT,
        )
        .select_related("identity", "version")
        .order_by("-version__number", "position")
    )
