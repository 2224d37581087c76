"""API endpoints of the proposals capability: the published versions of each
edition's program and what changed in each (the public changelog, as data).

Proposals, reviews and people on proposals are private and have no endpoint.
Parity figures are not served here either: per session type they can be small
enough to reveal one person's self-declared gender.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.urls import URLPattern, URLResolver
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicListViewSet
from datacon.editions.models import PUBLIC_EDITION_STATUSES, Edition
from datacon.program.models import ScheduleChange, ScheduleVersion


class ScheduleChangeSerializer(serializers.ModelSerializer[ScheduleChange]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ScheduleChange
        fields = ("code", "title", "kind", "kind_label", "before", "after")


class ScheduleVersionSerializer(serializers.ModelSerializer[ScheduleVersion]):
    edition: serializers.SlugRelatedField[Edition] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    changes = ScheduleChangeSerializer(many=True, read_only=True)

    class Meta:
        model = ScheduleVersion
        fields = ("edition", "number", "published_at", "note", "changes")


class ScheduleVersionViewSet(PublicListViewSet[ScheduleVersion]):
    """Published versions of the program, newest first; filter with `?edition=<slug>`."""

    serializer_class = ScheduleVersionSerializer
    # A list only: the versions are read with their changes, never one by one.

    def get_queryset(self) -> QuerySet[ScheduleVersion]:
        versions = (
            ScheduleVersion.objects.filter(edition__status__in=PUBLIC_EDITION_STATUSES)
            .select_related("edition")
            .defer("snapshot", "parity")
            .prefetch_related(
                Prefetch("changes", queryset=ScheduleChange.objects.order_by("code", "id"))
            )
            .order_by("-edition__year", "-number")
        )
        edition = self.request.query_params.get("edition")
        if edition:
            versions = versions.filter(edition__slug=edition)
        return versions


router = SimpleRouter(trailing_slash=True)
router.register("schedule-versions", ScheduleVersionViewSet, basename="schedule-version")
urlpatterns: list[URLPattern | URLResolver] = []
