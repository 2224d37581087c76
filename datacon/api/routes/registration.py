"""API endpoints of the registration capability: aggregate attendance figures only.

    GET /api/v1/registro/cifras/                 editions with registration, with their totals
    GET /api/v1/registro/cifras/<edition slug>/  every breakdown of one edition

No endpoint returns anything about a person: only counts. Public and cached
under the registration and conference scopes, like the figures page.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicViewSet
from datacon.common.versions import CONFERENCE, REGISTRATION
from datacon.editions.models import Edition
from datacon.editions.selectors import edition_get_public, editions_public
from datacon.registration.models import RegistrationSettings
from datacon.registration.selectors import AttendanceFigures, FigureRow, attendance_figures

router = SimpleRouter(trailing_slash=True)


class AttendanceRowSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField()
    name = serializers.CharField()
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()
    no_shows = serializers.IntegerField()
    waiting = serializers.IntegerField()
    capacity = serializers.IntegerField(allow_null=True)


class AttendanceTotalsSerializer(serializers.Serializer[dict[str, Any]]):
    edition = serializers.CharField()
    year = serializers.IntegerField()
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()
    no_shows = serializers.IntegerField()
    waiting = serializers.IntegerField()
    attendance_rate = serializers.FloatField()


class AttendanceFiguresSerializer(AttendanceTotalsSerializer):
    in_person = AttendanceRowSerializer()
    online = AttendanceRowSerializer()
    by_venue = AttendanceRowSerializer(many=True)
    by_session = AttendanceRowSerializer(many=True)
    by_sector = AttendanceRowSerializer(many=True)
    by_state = AttendanceRowSerializer(many=True)


def _row(row: FigureRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "name": row.label,
        "registered": row.registered,
        "attended": row.attended,
        "no_shows": row.no_shows,
        "waiting": row.waiting,
        "capacity": row.capacity,
    }


def _totals(edition: Edition, figures: AttendanceFigures) -> dict[str, Any]:
    return {
        "edition": edition.slug,
        "year": edition.year,
        "registered": figures.registered,
        "attended": figures.attended,
        "no_shows": figures.no_shows,
        "waiting": figures.waiting,
        "attendance_rate": figures.attendance_rate,
    }


class AttendanceFiguresViewSet(PublicViewSet):
    """Aggregate attendance figures of the public editions that had registration."""

    cache_scopes = (REGISTRATION, CONFERENCE)
    lookup_field = "edition"

    @extend_schema(
        summary="Cifras de registro y asistencia por edición (agregadas)",
        responses=AttendanceTotalsSerializer(many=True),
    )
    def list(self, request: Request) -> Response:
        editions = (
            editions_public()
            .filter(pk__in=RegistrationSettings.objects.values("edition_id"))
            .order_by("-year")
        )
        return Response(
            [_totals(edition, attendance_figures(edition=edition)) for edition in editions]
        )

    @extend_schema(
        summary="Cifras de registro y asistencia de una edición, por desglose (agregadas)",
        responses=AttendanceFiguresSerializer,
        parameters=[OpenApiParameter("edition", OpenApiTypes.STR, OpenApiParameter.PATH)],
    )
    def retrieve(self, request: Request, edition: str) -> Response:
        current = edition_get_public(slug=edition)
        if not RegistrationSettings.objects.filter(edition=current).exists():
            raise Http404("Sin registro")
        figures = attendance_figures(edition=current)
        return Response(
            {
                **_totals(current, figures),
                "in_person": _row(figures.in_person),
                "online": _row(figures.online),
                "by_venue": [_row(row) for row in figures.by_venue],
                "by_session": [_row(row) for row in figures.by_session if row.is_public],
                "by_sector": [_row(row) for row in figures.by_sector],
                "by_state": [_row(row) for row in figures.by_state],
            }
        )


urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "registro/cifras/",
        AttendanceFiguresViewSet.as_view({"get": "list"}),
        name="registration_figures",
    ),
    path(
        "registro/cifras/<slug:edition>/",
        AttendanceFiguresViewSet.as_view({"get": "retrieve"}),
        name="registration_figures_edition",
    ),
]
