"""What consultations make searchable: the paragraphs of the consulted text and the
official answers to visible comments (datacon/search/registry.py). A comment's own
text and its author are never indexed; an answer to a hidden comment neither."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Count, Max, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    Answer,
    AnswerStatus,
    CommentStatus,
    ModerationAction,
)
from datacon.consultation.selectors import consultations_public
from datacon.policy.models_documents import Paragraph
from datacon.search.registry import (
    SearchItem,
    SearchSource,
    path_maker,
    search_source_register,
)


def paragraph_documents() -> Iterator[SearchItem]:
    consultations = list(consultations_public().order_by("id"))
    by_version = defaultdict(list)
    for consultation in consultations:
        by_version[consultation.version_id].append(consultation)
    paragraphs = (
        Paragraph.objects.filter(version_id__in=list(by_version))
        .select_related("identity")
        .order_by("version_id", "position")
    )
    for paragraph in paragraphs.iterator(chunk_size=1000):
        for consultation in by_version[paragraph.version_id]:
            if paragraph.number:
                label = gettext("Párrafo %(number)s") % {"number": paragraph.number}
            else:
                label = paragraph.plain_text[:200]
            yield SearchItem(
                key=f"{consultation.pk}:{paragraph.pk}",
                title=f"{label} · {consultation.title}",
                url=reverse(
                    "public:consultation_paragraph",
                    args=[consultation.slug, paragraph.identity.anchor],
                ),
                body=paragraph.plain_text,
                context=paragraph.section_title,
            )


def _answers_public() -> QuerySet[Answer]:
    return Answer.objects.filter(
        comment__consultation__in=consultations_public(), comment__status=CommentStatus.VISIBLE
    )


def answer_fingerprint() -> str:
    """Changes when an answer is given, edited or removed, a comment is moderated, or a
    consultation is edited or (un)published; not on every comment or support. Three
    indexed reads, not a pass over the comments."""
    answers = Answer.objects.aggregate(total=Count("pk"), ids=Sum("pk"), edited=Max("updated_at"))
    moderated = ModerationAction.objects.aggregate(last=Max("pk"), total=Count("pk"))
    consultations = consultations_public().aggregate(
        total=Count("pk"), ids=Sum("pk"), edited=Max("updated_at")
    )
    return "|".join(
        str(value) for found in (answers, moderated, consultations) for value in found.values()
    )


def answer_documents() -> Iterator[SearchItem]:
    comment_path = path_maker("public:consultation_comment", "x-consulta", 987001)
    statuses = dict(AnswerStatus.choices)
    title = gettext("Respuesta oficial (%(status)s) · párrafo %(number)s")
    rows = (
        _answers_public()
        .order_by("id")
        .values_list(
            "pk",
            "status",
            "reason",
            "comment_id",
            "comment__paragraph__number",
            "comment__consultation__slug",
            "comment__consultation__title",
        )
    )
    for pk, status, reason, comment_id, number, slug, consultation_title in rows.iterator(
        chunk_size=2000
    ):
        yield SearchItem(
            key=str(pk),
            title=title % {"status": statuses.get(status, status), "number": number or ""},
            url=f"{comment_path(slug, comment_id)}#c{comment_id}",
            body=reason,
            context=consultation_title,
        )


def register() -> None:
    # Paragraphs change with document versions and consultations, which both move the
    # policy scope. Answers change far less often than "consultation:all" moves (every
    # comment and support moves it): their own fingerprint decides when to rebuild them.
    search_source_register(
        SearchSource(
            "paragraph",
            _("Párrafos en consulta"),
            (versions.POLICY,),
            paragraph_documents,
            order=100,
        )
    )
    search_source_register(
        SearchSource(
            "answer",
            _("Respuestas oficiales"),
            (versions.POLICY, ALL_CONSULTATIONS),
            answer_documents,
            order=110,
            fingerprint=answer_fingerprint,
        )
    )
