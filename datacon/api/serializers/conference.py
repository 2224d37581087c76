"""Serializers of the conference's public records. Only public fields, listed one by one:
a new model field never leaks into the API by accident."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from datacon.common.urls import absolute_url
from datacon.editions.models import Edition, Venue
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session

# An address that may be absent: null, never "" (which is not a URI; a schema-checking
# client rejected every person without a public photo, found by schemathesis).
OPTIONAL_URI = {"type": "string", "format": "uri", "nullable": True}


def _absolute(path: str) -> str:
    return absolute_url(path)


class EditionSerializer(serializers.ModelSerializer[Edition]):
    organiser = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    url = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = (
            "slug", "number", "year", "title", "title_en", "theme", "theme_en", "summary",
            "summary_en", "start_date", "end_date",
            "timezone", "mode", "status", "organiser", "website", "hashtag", "url",
        )  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Edition) -> str:
        return _absolute(obj.get_absolute_url())


class VenueSerializer(serializers.ModelSerializer[Venue]):
    edition = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    state_name = serializers.CharField(source="get_state_display", read_only=True)
    rooms = serializers.SerializerMethodField()

    class Meta:
        model = Venue
        fields = (
            "id", "edition", "name", "is_virtual", "state", "state_name", "city", "address",
            "capacity", "streaming_url", "rooms",
        )  # fmt: skip

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "capacity": {"type": "integer", "nullable": True},
                },
            },
        }
    )
    def get_rooms(self, obj: Venue) -> list[dict[str, Any]]:
        return [{"id": r.pk, "name": r.name, "capacity": r.capacity} for r in obj.rooms.all()]


class SessionPersonSerializer(serializers.ModelSerializer[Participation]):
    person = serializers.SlugRelatedField(slug_field="slug", read_only=True)  # type: ignore[var-annotated]
    public_name = serializers.CharField(source="person.public_name", read_only=True)
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = Participation
        fields: tuple[str, ...] = ("person", "public_name", "organisation", "role", "order")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organisation(self, obj: Participation) -> str | None:
        organisation = obj.person.organisation
        return organisation.slug if organisation else None


class MaterialSerializer(serializers.ModelSerializer[Material]):
    edition = serializers.CharField(source="session.edition.slug", read_only=True)
    session = serializers.CharField(source="session.code", read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = Material
        fields = (
            "id",
            "edition",
            "session",
            "kind",
            "title",
            "body",
            "url",
            "file",
            "licence",
            "language",
        )

    @extend_schema_field(OPTIONAL_URI)
    def get_file(self, obj: Material) -> str | None:
        # The address only: a missing file never breaks the API.
        return _absolute(obj.file.url) if obj.file else None


class SessionSerializer(serializers.ModelSerializer[Session]):
    edition = serializers.CharField(source="edition.slug", read_only=True)
    session_type = serializers.CharField(source="session_type.slug", read_only=True)
    session_type_name = serializers.CharField(source="session_type.name", read_only=True)
    venue = serializers.CharField(
        source="venue.name", read_only=True, default=None, allow_null=True
    )
    room = serializers.CharField(source="room.name", read_only=True, default=None, allow_null=True)
    starts_at = serializers.SerializerMethodField()
    ends_at = serializers.SerializerMethodField()
    participants = SessionPersonSerializer(source="participations", many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = (
            "id", "edition", "code", "title", "title_en", "session_type", "session_type_name",
            "day", "starts_at", "ends_at", "venue", "room", "abstract", "abstract_en",
            "language", "status",
            "participants", "materials", "url",
        )  # fmt: skip

    def _local(self, obj: Session, value: Any) -> str | None:
        return value.astimezone(obj.edition.tz).isoformat() if value else None

    # null for a session with a day but no time yet (the whole 2024 program).
    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_starts_at(self, obj: Session) -> str | None:
        return self._local(obj, obj.starts_at)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_ends_at(self, obj: Session) -> str | None:
        return self._local(obj, obj.ends_at)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Session) -> str:
        return _absolute(obj.get_absolute_url())


class ParticipationSerializer(SessionPersonSerializer):
    edition = serializers.CharField(source="session.edition.slug", read_only=True)
    session = serializers.CharField(source="session.code", read_only=True)

    class Meta(SessionPersonSerializer.Meta):
        fields = (
            "id",
            "edition",
            "session",
            "person",
            "public_name",
            "organisation",
            "role",
            "order",
        )


class PersonSerializer(serializers.ModelSerializer[Person]):
    # Person.PUBLIC_FIELDS only: never email, gender or the account.
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)  # type: ignore[var-annotated]
    photo = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = (
            "slug",
            "public_name",
            "position",
            "organisation",
            "bio",
            "photo",
            "website",
            "url",
        )

    @extend_schema_field(OPTIONAL_URI)
    def get_photo(self, obj: Person) -> str | None:
        photo = obj.public_photo  # only with the person's consent to its publication
        return _absolute(photo.url) if photo else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Person) -> str:
        return _absolute(obj.get_absolute_url())


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ("slug", "name", "acronym", "kind", "website", "description", "url")

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Organisation) -> str:
        return _absolute(obj.get_absolute_url())


class SessionTypeCountSerializer(serializers.Serializer[dict[str, Any]]):
    name = serializers.CharField()
    sessions = serializers.IntegerField()


class ParityRowSerializer(serializers.Serializer[dict[str, Any]]):
    label = serializers.CharField()  # type: ignore[assignment]
    women = serializers.IntegerField()
    men = serializers.IntegerField()
    other = serializers.IntegerField()
    undeclared = serializers.IntegerField()
    total = serializers.IntegerField()
    women_share = serializers.FloatField()


class ReportedFigureSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.IntegerField()
    qualifier = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    source_url = serializers.CharField()


class EditionFiguresSerializer(serializers.Serializer[dict[str, Any]]):
    edition = serializers.CharField()
    sessions = serializers.IntegerField()
    sessions_by_type = SessionTypeCountSerializer(many=True)
    speakers = serializers.IntegerField()
    moderators = serializers.IntegerField()
    co_conveners = serializers.IntegerField()
    organisations = serializers.IntegerField()
    venues = serializers.IntegerField()
    parity = ParityRowSerializer(many=True)
    parity_min_group = serializers.IntegerField()
    reported = ReportedFigureSerializer(many=True)
