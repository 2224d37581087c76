"""API endpoints of the consultation capability: read-only public records, no personal data.

Under /api/v1/consultas/: consultations, comments (with their official answer
and the paragraph of a later version that addresses them) and the moderation
log. A comment's author is only the participant's number within the
consultation and the name that person chose to show; a hidden comment's text
is the public moderation notice. Lists are paginated and run a fixed number of
queries (counts are subqueries).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern, URLResolver
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicReadOnlyViewSet
from datacon.common.versions import POLICY
from datacon.consultation.models import (
    ALL_CONSULTATIONS,
    Answer,
    Comment,
    Consultation,
    ConsultationStatus,
    ModerationAction,
    Participant,
)
from datacon.consultation.selectors import attach_counts
from datacon.policy.counts import count_of
from datacon.policy.models import PUBLIC_PROCESS_STATUSES

router = SimpleRouter(trailing_slash=True)
urlpatterns: list[URLPattern | URLResolver] = []

PUBLIC = {
    "status": ConsultationStatus.PUBLISHED,
    "process__status__in": PUBLIC_PROCESS_STATUSES,
}


def _under(prefix: str) -> dict[str, object]:
    return {f"{prefix}{key}": value for key, value in PUBLIC.items()}


class ConsultationSerializer(serializers.ModelSerializer[Consultation]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    document = serializers.CharField(source="version.document.slug", read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    phase = serializers.CharField(read_only=True)
    comment_total = serializers.IntegerField(read_only=True)
    participant_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Consultation
        fields = (
            "id", "slug", "title", "description", "rules", "process", "document", "version",
            "version_number", "opens_on", "closes_on", "timezone", "phase",
            "max_comment_length", "comment_total", "participant_total",
        )  # fmt: skip


class AnswerSerializer(serializers.Serializer[Answer]):
    status = serializers.CharField()
    reason = serializers.CharField()
    answered_at = serializers.DateTimeField()
    addressed_in_version = serializers.IntegerField(
        source="addressed_in.version.number", default=None
    )
    addressed_in_anchor = serializers.CharField(source="addressed_in.identity.anchor", default=None)
    addressed_in_number = serializers.IntegerField(source="addressed_in.number", default=None)


class CommentSerializer(serializers.ModelSerializer[Comment]):
    consultation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    anchor = serializers.CharField(source="identity.anchor", read_only=True)
    paragraph_number = serializers.IntegerField(source="paragraph.number", read_only=True)
    participant = serializers.IntegerField(source="participant.number", read_only=True)
    author = serializers.CharField(read_only=True)  # the name at publication
    text = serializers.CharField(source="public_text", read_only=True)
    quote = serializers.SerializerMethodField()
    quote_start = serializers.SerializerMethodField()
    quote_end = serializers.SerializerMethodField()
    support_total = serializers.IntegerField(read_only=True)
    reply_total = serializers.IntegerField(read_only=True)
    answer = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = (
            "id", "consultation", "anchor", "paragraph_number", "parent", "root", "participant",
            "author", "created_at", "status", "text", "quote", "quote_start", "quote_end",
            "support_total", "reply_total", "answer",
        )  # fmt: skip

    def get_quote(self, obj: Comment) -> str:
        return "" if obj.is_hidden else obj.quote

    def get_quote_start(self, obj: Comment) -> int | None:
        return None if obj.is_hidden else obj.quote_start

    def get_quote_end(self, obj: Comment) -> int | None:
        return None if obj.is_hidden else obj.quote_end

    def get_answer(self, obj: Comment) -> dict[str, Any] | None:
        answer = getattr(obj, "answer", None)
        return AnswerSerializer(answer).data if answer is not None else None


class ModerationSerializer(serializers.ModelSerializer[ModerationAction]):
    class Meta:
        model = ModerationAction
        fields = ("id", "comment", "action", "reason", "at")


class ConsultationViewSet(PublicReadOnlyViewSet[Consultation]):
    cache_scopes = (ALL_CONSULTATIONS, POLICY)
    serializer_class = ConsultationSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Consultation]:
        return (
            Consultation.objects.filter(**PUBLIC)
            .select_related("process", "version__document")
            .annotate(
                comment_total=count_of(Comment, "consultation"),
                participant_total=count_of(Participant, "consultation"),
            )
            .order_by("pk")
        )


class CommentViewSet(PublicReadOnlyViewSet[Comment]):
    cache_scopes = (ALL_CONSULTATIONS, POLICY)
    serializer_class = CommentSerializer
    filterset_fields = ("consultation__slug", "identity__anchor", "status", "parent")

    def get_queryset(self) -> QuerySet[Comment]:
        return (
            Comment.objects.filter(**_under("consultation__"))
            .select_related(
                "consultation",
                "identity",
                "paragraph",
                "participant",
                "answer__addressed_in__version",
                "answer__addressed_in__identity",
            )
            .order_by("pk")
        )

    def paginate_queryset(self, queryset: QuerySet[Comment]) -> list[Comment] | None:  # type: ignore[override]
        page = super().paginate_queryset(queryset)
        # Counted for the page only, so deep pages stay fast.
        return attach_counts(list(page)) if page is not None else None

    def get_object(self) -> Comment:
        return attach_counts([super().get_object()])[0]


class ModerationViewSet(PublicReadOnlyViewSet[ModerationAction]):
    cache_scopes = (ALL_CONSULTATIONS, POLICY)
    serializer_class = ModerationSerializer
    filterset_fields = ("comment__consultation__slug", "action")

    def get_queryset(self) -> QuerySet[ModerationAction]:
        return ModerationAction.objects.filter(**_under("comment__consultation__")).order_by("pk")


router.register("consultas/consultas", ConsultationViewSet, basename="consultation")
router.register("consultas/comentarios", CommentViewSet, basename="consultation-comment")
router.register("consultas/moderacion", ModerationViewSet, basename="consultation-moderation")
