"""API endpoints of the memoria: each edition's published narrative and reported figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import URLPattern, URLResolver
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicReadOnlyViewSet
from datacon.common.urls import absolute_url
from datacon.editions.models import PUBLIC_EDITION_STATUSES
from datacon.memoria.models import Memoria, MemoriaSection, MemoriaStatus, ReportedFigure


class SectionSerializer(serializers.ModelSerializer[MemoriaSection]):
    heading = serializers.CharField(read_only=True)

    class Meta:
        model = MemoriaSection
        fields = ("kind", "heading", "body")


class FigureSerializer(serializers.ModelSerializer[ReportedFigure]):
    label = serializers.CharField(source="get_key_display", read_only=True)  # type: ignore[assignment]

    class Meta:
        model = ReportedFigure
        fields = ("key", "label", "value", "qualifier", "source", "source_url", "note")


class MemoriaSerializer(serializers.ModelSerializer[Memoria]):
    edition = serializers.CharField(source="edition.slug", read_only=True)
    sections = serializers.SerializerMethodField()
    figures = FigureSerializer(many=True, read_only=True)
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Memoria
        fields = ("edition", "subtitle", "published_on", "sections", "figures", "pdf")

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, obj: Memoria) -> list[dict[str, Any]]:
        ordered = sorted(obj.sections.all(), key=lambda s: s.position)
        return SectionSerializer(ordered, many=True).data  # type: ignore[return-value]

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, obj: Memoria) -> str:
        return absolute_url("public:memoria_pdf", edition=obj.edition.slug)


class MemoriaViewSet(PublicReadOnlyViewSet[Memoria]):
    """Published memorias (narrative sections and figures reported in source documents)."""

    serializer_class = MemoriaSerializer
    lookup_field = "edition__slug"
    lookup_url_kwarg = "edition"

    def get_queryset(self) -> QuerySet[Memoria]:
        return (
            Memoria.objects.filter(
                status=MemoriaStatus.PUBLISHED, edition__status__in=PUBLIC_EDITION_STATUSES
            )
            .select_related("edition")
            .prefetch_related(Prefetch("sections"), Prefetch("figures"))
            .order_by("-edition__year")
        )


router = SimpleRouter(trailing_slash=True)
router.register("memorias", MemoriaViewSet, basename="memoria")
urlpatterns: list[URLPattern | URLResolver] = []
