"""API endpoints of the demand capability: read-only public records under /api/v1/demanda/.

No personal data: needs show only the public signature their proposer chose,
requests only their scrubbed text, never the account or the original text.
Each list runs a fixed number of queries whatever its length (prefetching).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Count, Prefetch, Q, QuerySet
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicReadOnlyViewSet
from datacon.common.versions import DEMAND
from datacon.demand.models import (
    DatasetCandidate,
    DataStandard,
    InformationNeed,
    InformationRequest,
    Institution,
    MonthlyDemand,
    RepeatedQuestion,
    RequestTopic,
    ReuseDataset,
    ReuseLink,
    ReuseProject,
)

# --- serializers -----------------------------------------------------------------------------------


class InstitutionRefSerializer(serializers.ModelSerializer[Institution]):
    class Meta:
        model = Institution
        fields = ["slug", "name", "acronym"]


class InstitutionSerializer(serializers.ModelSerializer[Institution]):
    requests = serializers.IntegerField(source="request_total", read_only=True)

    class Meta:
        model = Institution
        fields = ["id", "slug", "name", "acronym", "level", "state", "requests"]


class NeedSerializer(serializers.ModelSerializer[InformationNeed]):
    holders = InstitutionRefSerializer(many=True, read_only=True)
    supports = serializers.IntegerField(source="support_count", read_only=True)
    duplicate_of: Any = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )
    standard: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = InformationNeed
        fields = [
            "id",
            "slug",
            "title",
            "description",
            "justification",
            "rights",
            "sector",
            "level",
            "holders",
            "holders_suggested",
            "status",
            "status_reason",
            "status_changed_at",
            "duplicate_of",
            "standard",
            "opened_url",
            "origin",
            "evidence",
            "proposer_public_name",
            "supports",
            "is_demo",
            "source_note",
            "created_at",
            "updated_at",
            "url",
        ]


class StandardSerializer(serializers.ModelSerializer[DataStandard]):
    class Meta:
        model = DataStandard
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "fields",
            "data_format",
            "update_frequency",
            "licence",
            "reference_url",
            "is_demo",
        ]


class RequestSerializer(serializers.ModelSerializer[InformationRequest]):
    institution: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    text = serializers.CharField(source="display_text", read_only=True)

    class Meta:
        model = InformationRequest
        fields = [
            "id",  # the detail's address (/demanda/solicitudes/{id}/)
            "source",
            "folio",
            "filed_on",
            "institution",
            "state",
            "status",
            "response",
            "answered",
            "topic_number",
            "text",
        ]


class MonthlyDemandSerializer(serializers.ModelSerializer[MonthlyDemand]):
    class Meta:
        model = MonthlyDemand
        fields = ["id", "dimension", "key", "month", "requests", "answered"]


class TopicSerializer(serializers.ModelSerializer[RequestTopic]):
    class Meta:
        model = RequestTopic
        fields = ["number", "label", "terms", "size", "examples"]


class RepeatedQuestionSerializer(serializers.ModelSerializer[RepeatedQuestion]):
    institution = InstitutionRefSerializer(read_only=True)

    class Meta:
        model = RepeatedQuestion
        fields = [
            "id",
            "institution",
            "size",
            "months",
            "first_filed_on",
            "last_filed_on",
            "topic_number",
            "text",
            "examples",
        ]


class CandidateSerializer(serializers.ModelSerializer[DatasetCandidate]):
    institution = InstitutionRefSerializer(read_only=True)
    promoted_need: Any = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = DatasetCandidate
        fields = [
            "id",
            "institution",
            "rank",
            "kind",
            "title",
            "terms",
            "score",
            "requests",
            "repeated",
            "months",
            "topic_number",
            "examples",
            "promoted_need",
        ]


class ReuseLinkSerializer(serializers.ModelSerializer[ReuseLink]):
    class Meta:
        model = ReuseLink
        fields = ["label", "url"]


class ReuseDatasetSerializer(serializers.ModelSerializer[ReuseDataset]):
    need: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = ReuseDataset
        fields = ["need", "title", "url"]


class ProjectSerializer(serializers.ModelSerializer[ReuseProject]):
    links = ReuseLinkSerializer(many=True, read_only=True)
    datasets = ReuseDatasetSerializer(many=True, read_only=True)
    edition: Any = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    session: Any = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    team = serializers.ListField(
        source="team_members", child=serializers.CharField(), read_only=True
    )
    organisations: Any = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = ReuseProject
        fields = [
            "id",
            "slug",
            "title",
            "kind",
            "sector",
            "summary",
            "description",
            "team",
            "organisations",
            "edition",
            "session",
            "links",
            "datasets",
            "is_demo",
            "source_note",
            "url",
        ]


# --- filters --------------------------------------------------------------------------------------


class NeedFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    institution = django_filters.CharFilter(field_name="holders__slug", label="institución (slug)")

    class Meta:
        model = InformationNeed
        fields = ["status", "sector", "level", "origin", "is_demo"]


class RequestFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    institution = django_filters.CharFilter(field_name="institution__slug")
    desde = django_filters.DateFilter(field_name="filed_on", lookup_expr="gte")
    hasta = django_filters.DateFilter(field_name="filed_on", lookup_expr="lte")

    class Meta:
        model = InformationRequest
        fields = ["source", "folio", "state", "topic_number", "answered"]


class InstitutionScopedFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    institution = django_filters.CharFilter(field_name="institution__slug")


class RepeatedFilter(InstitutionScopedFilter):
    class Meta:
        model = RepeatedQuestion
        fields = ["topic_number"]


class CandidateFilter(InstitutionScopedFilter):
    class Meta:
        model = DatasetCandidate
        fields = ["kind", "topic_number"]


class ProjectFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(field_name="edition__slug")

    class Meta:
        model = ReuseProject
        fields = ["kind", "sector", "is_demo"]


# --- viewsets ---------------------------------------------------------------------------------------


class NeedViewSet(PublicReadOnlyViewSet[InformationNeed]):
    cache_scopes = (DEMAND,)
    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[InformationNeed]:
        return (
            InformationNeed.objects.filter(is_hidden=False)
            .annotate(support_count=Count("supports", distinct=True))
            .select_related("duplicate_of", "standard")
            .prefetch_related(Prefetch("holders", queryset=Institution.objects.order_by("name")))
            .order_by("id")
        )


class StandardViewSet(PublicReadOnlyViewSet[DataStandard]):
    cache_scopes = (DEMAND,)
    serializer_class = StandardSerializer
    lookup_field = "slug"
    queryset = DataStandard.objects.order_by("id")


class InstitutionViewSet(PublicReadOnlyViewSet[Institution]):
    cache_scopes = (DEMAND,)
    serializer_class = InstitutionSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Institution]:
        from django.db.models import CharField, OuterRef, Subquery, Sum
        from django.db.models.functions import Cast, Coalesce

        totals = (
            MonthlyDemand.objects.filter(
                dimension="institution", key=Cast(OuterRef("pk"), output_field=CharField())
            )
            .values("key")
            .annotate(total=Sum("requests"))
            .values("total")
        )
        return Institution.objects.annotate(request_total=Coalesce(Subquery(totals), 0)).order_by(
            "id"
        )


class RequestViewSet(PublicReadOnlyViewSet[InformationRequest]):
    cache_scopes = (DEMAND,)
    serializer_class = RequestSerializer
    filterset_class = RequestFilter

    def get_queryset(self) -> QuerySet[InformationRequest]:
        return (
            InformationRequest.objects.select_related("institution")
            .only(
                "id",
                "source",
                "folio",
                "filed_on",
                "institution__slug",
                "state",
                "status",
                "response",
                "answered",
                "topic_number",
                "display_text",
            )
            .order_by("id")
        )


class MonthlyDemandViewSet(PublicReadOnlyViewSet[MonthlyDemand]):
    cache_scopes = (DEMAND,)
    serializer_class = MonthlyDemandSerializer
    filterset_fields = ["dimension", "key"]
    queryset = MonthlyDemand.objects.order_by("dimension", "key", "month")


class TopicViewSet(PublicReadOnlyViewSet[RequestTopic]):
    cache_scopes = (DEMAND,)
    serializer_class = TopicSerializer
    lookup_field = "number"

    def get_queryset(self) -> QuerySet[RequestTopic]:
        return RequestTopic.objects.filter(run__is_current=True).order_by("number")


class RepeatedQuestionViewSet(PublicReadOnlyViewSet[RepeatedQuestion]):
    cache_scopes = (DEMAND,)
    serializer_class = RepeatedQuestionSerializer
    filterset_class = RepeatedFilter

    def get_queryset(self) -> QuerySet[RepeatedQuestion]:
        return (
            RepeatedQuestion.objects.filter(run__is_current=True)
            .select_related("institution")
            .order_by("-size", "id")
        )


class CandidateViewSet(PublicReadOnlyViewSet[DatasetCandidate]):
    cache_scopes = (DEMAND,)
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilter

    def get_queryset(self) -> QuerySet[DatasetCandidate]:
        return (
            DatasetCandidate.objects.filter(run__is_current=True)
            .select_related("institution", "promoted_need")
            .order_by("-score", "id")
        )


class ProjectViewSet(PublicReadOnlyViewSet[ReuseProject]):
    cache_scopes = (DEMAND,)
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[ReuseProject]:
        return (
            ReuseProject.objects.filter(is_published=True)
            .select_related("edition", "session")
            .prefetch_related(
                Prefetch("links", queryset=ReuseLink.objects.order_by("order", "id")),
                Prefetch(
                    "datasets",
                    queryset=ReuseDataset.objects.filter(
                        Q(need__isnull=True) | Q(need__is_hidden=False)
                    )
                    .select_related("need")
                    .order_by("order", "id"),
                ),
                "organisations",
            )
            .order_by("id")
        )


router = SimpleRouter(trailing_slash=True)
router.register("demanda/necesidades", NeedViewSet, basename="demand-need")
router.register("demanda/estandares", StandardViewSet, basename="demand-standard")
router.register("demanda/instituciones", InstitutionViewSet, basename="demand-institution")
router.register("demanda/solicitudes", RequestViewSet, basename="demand-request")
router.register("demanda/demanda-mensual", MonthlyDemandViewSet, basename="demand-monthly")
router.register("demanda/temas", TopicViewSet, basename="demand-topic")
router.register("demanda/preguntas-repetidas", RepeatedQuestionViewSet, basename="demand-repeated")
router.register("demanda/candidatos", CandidateViewSet, basename="demand-candidate")
router.register("demanda/proyectos", ProjectViewSet, basename="demand-project")
urlpatterns: list[Any] = []
