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
from datacon.consultation.models import ALL_CONSULTATIONS, Answer, CommentStatus
from datacon.consultation.selectors import consultations_public
from datacon.policy.models_documents import Paragraph
from datacon.search.registry import SearchItem, SearchSource, search_source_register


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
    """Changes when an answer is given or edited, its comment hidden or restored, or its
    consultation edited or unpublished; not on every comment or support (one query)."""
    found = _answers_public().aggregate(
        total=Count("pk"),
        ids=Sum("pk"),
        edited=Max("updated_at"),
        consultation=Max("comment__consultation__updated_at"),
    )
    return "|".join(str(found[key]) for key in ("total", "ids", "edited", "consultation"))


def answer_documents() -> Iterator[SearchItem]:
    answers = (
        _answers_public()
        .select_related("comment__consultation", "comment__paragraph")
        .order_by("id")
    )
    for answer in answers.iterator(chunk_size=1000):
        comment = answer.comment
        consultation = comment.consultation
        title = gettext("Respuesta oficial (%(status)s) · párrafo %(number)s") % {
            "status": answer.get_status_display(),
            "number": comment.paragraph.number or "",
        }
        yield SearchItem(
            key=str(answer.pk),
            title=title,
            url=reverse("public:consultation_comment", args=[consultation.slug, comment.pk])
            + f"#c{comment.pk}",
            body=answer.reason,
            context=consultation.title,
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
