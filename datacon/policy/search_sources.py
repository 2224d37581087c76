"""What the policy capability makes searchable: the documents (latest version) and the
meetings of public processes (datacon/search/registry.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.policy.models_documents import Document, DocumentVersion
from datacon.policy.models_meetings import Meeting
from datacon.policy.selectors import processes_public
from datacon.search.registry import SearchItem, SearchSource, search_source_register


def document_documents() -> Iterator[SearchItem]:
    documents = (
        Document.objects.filter(process__in=processes_public())
        .select_related("process")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
        )
        .order_by("id")
    )
    for document in documents:
        latest = next(iter(document.versions.all()), None)
        yield SearchItem(
            key=str(document.pk),
            title=document.title,
            url=document.get_absolute_url(),
            body=" ".join(
                part for part in (document.description, latest.body if latest else "") if part
            ),
            context=f"{document.process.title} · {document.get_kind_display()}",
            title_en=document.title_en,
            body_en=document.description_en,
        )


def meeting_documents() -> Iterator[SearchItem]:
    meetings = (
        Meeting.objects.filter(process__in=processes_public())
        .select_related("process", "group")
        .order_by("id")
    )
    for meeting in meetings:
        yield SearchItem(
            key=str(meeting.pk),
            title=meeting.title,
            url=meeting.get_absolute_url(),
            body=" ".join(part for part in (meeting.agenda, meeting.minutes) if part),
            context=f"{meeting.process.title} · {meeting.starts_at:%Y-%m-%d}",
        )


def register() -> None:
    scopes = (versions.POLICY,)
    search_source_register(
        SearchSource("document", _("Documentos de política"), scopes, document_documents, 80)
    )
    search_source_register(
        SearchSource("meeting", _("Reuniones"), scopes, meeting_documents, order=90)
    )
