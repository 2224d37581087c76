"""API endpoints of the open-data catalogue: every registered dataset, its columns and downloads."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicViewSet
from datacon.common.urls import public_base
from datacon.common.versions import CONFERENCE
from datacon.opendata.exporters import theme_folder
from datacon.opendata.registry import THEMES, Dataset, datasets_all


class ColumnSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    type = serializers.CharField()
    description = serializers.CharField()
    required = serializers.BooleanField()  # type: ignore[assignment]
    enum = serializers.ListField(child=serializers.CharField())


class DatasetSerializer(serializers.Serializer[dict[str, Any]]):
    slug = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    theme = serializers.CharField()
    theme_title = serializers.CharField()
    per_edition = serializers.BooleanField()
    primary_key = serializers.ListField(child=serializers.CharField())
    licence = serializers.CharField()
    columns = ColumnSerializer(many=True)
    csv = serializers.URLField()
    json = serializers.URLField()
    documentation = serializers.URLField()


def _describe(dataset: Dataset) -> dict[str, Any]:
    base = public_base()
    folder = theme_folder(dataset.theme)
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "theme": dataset.theme,
        "theme_title": THEMES.get(dataset.theme, dataset.theme),
        "per_edition": dataset.per_edition,
        "primary_key": list(dataset.primary_key),
        "licence": "CC-BY-4.0",
        "columns": [
            {
                "name": c.name,
                "type": c.type,
                "description": c.description,
                "required": c.required,
                "enum": list(c.enum),
            }
            for c in dataset.columns
        ],
        "csv": base
        + reverse(
            "public:opendata_download",
            kwargs={"folder": folder, "dataset": dataset.slug, "fmt": "csv"},
        ),
        "json": base
        + reverse(
            "public:opendata_download",
            kwargs={"folder": folder, "dataset": dataset.slug, "fmt": "json"},
        ),
        "documentation": base
        + reverse("public:opendata_dataset", kwargs={"dataset": dataset.slug}),
    }


class DatasetViewSet(PublicViewSet):
    """The data dictionary: every open dataset of the platform, whatever capability publishes it."""

    cache_scopes = (CONFERENCE,)
    lookup_field = "slug"
    serializer_class = DatasetSerializer

    @extend_schema(responses=DatasetSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response([_describe(d) for d in datasets_all()])

    @extend_schema(
        responses=DatasetSerializer,
        parameters=[OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)],
    )
    def retrieve(self, request: Request, slug: str | None = None) -> Response:
        found = next((d for d in datasets_all() if d.slug == slug), None)
        if found is None:
            raise NotFound("Conjunto de datos no encontrado")
        return Response(_describe(found))


router = SimpleRouter(trailing_slash=True)
router.register("datasets", DatasetViewSet, basename="dataset")
urlpatterns: list[URLPattern | URLResolver] = []
