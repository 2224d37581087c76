"""API endpoints of the conference: editions, venues, sessions, participations, people,
organisations, materials and each edition's aggregate figures. Read-only, paginated,
filterable, cached with ETags; every queryset goes through the public selectors."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import URLPattern, URLResolver
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicReadOnlyViewSet
from datacon.api.serializers import conference as serializers
from datacon.editions.models import Edition, Room, Venue
from datacon.editions.selectors import editions_public
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session, public_session_filter
from datacon.program.people_selectors import organisations_public, persons_public
from datacon.program.selectors import sessions_public


class EditionFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    year = django_filters.NumberFilter(field_name="year")
    mode = django_filters.CharFilter(field_name="mode")

    class Meta:
        model = Edition
        fields = ("year", "mode")


class EditionViewSet(PublicReadOnlyViewSet[Edition]):
    """Published and archived editions, newest first."""

    serializer_class = serializers.EditionSerializer
    lookup_field = "slug"
    filterset_class = EditionFilter

    def get_queryset(self) -> QuerySet[Edition]:
        return editions_public().order_by("-year")

    @extend_schema(responses=serializers.EditionFiguresSerializer)
    @action(detail=True, methods=["get"], url_path="figures")
    def figures(self, request: Request, slug: str | None = None) -> Response:
        """Aggregate figures: sessions by type, people, organisations, parity (aggregates
        only, small groups withheld) and the figures reported in the published memoria."""
        from datacon.memoria.selectors import memoria_data

        edition = self.get_object()
        data = memoria_data(edition=edition)
        payload: dict[str, Any] = {
            "edition": edition.slug,
            "sessions": data.figures.sessions,
            "sessions_by_type": [
                {"name": name, "sessions": total} for name, total in data.figures.sessions_by_type
            ],
            "speakers": data.figures.speakers,
            "moderators": data.figures.moderators,
            "co_conveners": len(data.co_conveners),
            "organisations": data.figures.organisations,
            "venues": data.figures.venues,
            "parity": [
                {
                    "label": row.label,
                    "women": row.women,
                    "men": row.men,
                    "other": row.other,
                    "undeclared": row.undeclared,
                    "total": row.total,
                    "women_share": row.women_share,
                }
                for row in data.parity_rows
            ],
            "parity_min_group": data.parity_min,
            "reported": [
                {
                    "key": f.key,
                    "label": str(f.get_key_display()),
                    "value": f.value,
                    "qualifier": f.qualifier,
                    "source": f.source,
                    "source_url": f.source_url,
                }
                for f in data.reported
            ],
        }
        return Response(serializers.EditionFiguresSerializer(payload).data)


class VenueFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(
        field_name="edition__slug", help_text="Edición (slug), p. ej. 2021"
    )

    class Meta:
        model = Venue
        fields = ("edition", "is_virtual", "state")


class VenueViewSet(PublicReadOnlyViewSet[Venue]):
    serializer_class = serializers.VenueSerializer
    filterset_class = VenueFilter

    def get_queryset(self) -> QuerySet[Venue]:
        return (
            Venue.objects.filter(edition__in=editions_public())
            .select_related("edition")
            .prefetch_related(Prefetch("rooms", queryset=Room.objects.order_by("order", "name")))
            .order_by("-edition__year", "order", "pk")
        )


class SessionFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(
        field_name="edition__slug", help_text="Edición (slug), p. ej. 2021"
    )
    type = django_filters.CharFilter(
        field_name="session_type__slug", help_text="Tipo de sesión (slug), p. ej. taller"
    )
    code = django_filters.CharFilter(field_name="code")
    day = django_filters.DateFilter(field_name="day")
    venue = django_filters.NumberFilter(field_name="venue_id")
    status = django_filters.CharFilter(field_name="status")
    person = django_filters.CharFilter(
        field_name="participations__person__slug", distinct=True, help_text="Persona (slug)"
    )

    class Meta:
        model = Session
        fields = ("edition", "type", "code", "day", "venue", "status", "person")


class SessionViewSet(PublicReadOnlyViewSet[Session]):
    """Public sessions with their participants (public names) and materials."""

    serializer_class = serializers.SessionSerializer
    filterset_class = SessionFilter

    def get_queryset(self) -> QuerySet[Session]:
        return (
            sessions_public()
            .select_related("edition", "session_type", "venue", "room")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.public()
                    .select_related("person__organisation")
                    .order_by("order", "id"),
                ),
                Prefetch(
                    "materials",
                    queryset=Material.objects.select_related("session__edition").order_by(
                        "order", "id"
                    ),
                ),
            )
            .order_by("-edition__year", "day", "starts_at", "order_in_day", "code")
        )


class ParticipationFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(field_name="session__edition__slug")
    session = django_filters.CharFilter(field_name="session__code")
    person = django_filters.CharFilter(field_name="person__slug")
    role = django_filters.CharFilter(field_name="role")

    class Meta:
        model = Participation
        fields = ("edition", "session", "person", "role")


class ParticipationViewSet(PublicReadOnlyViewSet[Participation]):
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilter

    def get_queryset(self) -> QuerySet[Participation]:
        return (
            Participation.objects.public()
            .select_related("session__edition", "person__organisation")
            .order_by("-session__edition__year", "session__code", "order", "pk")
        )


class PersonFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(method="in_edition", help_text="Edición (slug)")
    organisation = django_filters.CharFilter(field_name="organisation__slug")

    class Meta:
        model = Person
        fields = ("edition", "organisation")

    def in_edition(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        # Only confirmed participations say someone is in an edition: a pending
        # invitation must not show through a filter either.
        return queryset.filter(
            Exists(
                Participation.objects.public().filter(
                    person=OuterRef("pk"), session__edition__slug=value
                )
            )
        )


class PersonViewSet(PublicReadOnlyViewSet[Person]):
    """People with a public participation: public profile only."""

    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Person]:
        return persons_public().order_by("public_name", "pk")


class OrganisationFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(
        field_name="edition_roles__edition__slug", distinct=True, help_text="Edición (slug)"
    )
    kind = django_filters.CharFilter(field_name="kind")

    class Meta:
        model = Organisation
        fields = ("edition", "kind")


class OrganisationViewSet(PublicReadOnlyViewSet[Organisation]):
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Organisation]:
        return organisations_public().order_by("name", "pk")


class MaterialFilter(django_filters.FilterSet):  # type: ignore[misc]  # django-filter ships no type information
    edition = django_filters.CharFilter(field_name="session__edition__slug")
    session = django_filters.CharFilter(field_name="session__code")
    kind = django_filters.CharFilter(field_name="kind")

    class Meta:
        model = Material
        fields = ("edition", "session", "kind")


class MaterialViewSet(PublicReadOnlyViewSet[Material]):
    serializer_class = serializers.MaterialSerializer
    filterset_class = MaterialFilter

    def get_queryset(self) -> QuerySet[Material]:
        return (
            Material.objects.filter(public_session_filter("session__"))
            .select_related("session__edition")
            .order_by("-session__edition__year", "session__code", "order", "pk")
        )


router = SimpleRouter(trailing_slash=True)
router.register("editions", EditionViewSet, basename="edition")
router.register("venues", VenueViewSet, basename="venue")
router.register("sessions", SessionViewSet, basename="session")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("people", PersonViewSet, basename="person")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("materials", MaterialViewSet, basename="material")
urlpatterns: list[URLPattern | URLResolver] = []
