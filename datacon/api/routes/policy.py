"""API endpoints of the policy capability: read-only public records, no personal data.

Under /api/v1/politica/: processes, stages, milestones, groups, members,
meetings, agreements, documents and their versions, paragraphs (with their
stable anchors), expenses, contacts, commitments (with their progress ratio)
and progress reports. Only public processes; people only by public name in
public roles. Every list is paginated and runs a fixed number of queries.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.urls import URLPattern, URLResolver
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from datacon.api.base import PublicReadOnlyViewSet
from datacon.common.versions import POLICY
from datacon.policy.counts import count_of
from datacon.policy.models import (
    PUBLIC_PROCESS_STATUSES,
    Agreement,
    Commitment,
    Contact,
    DocumentVersion,
    Expense,
    Group,
    Meeting,
    Membership,
    Milestone,
    Paragraph,
    Process,
    ProgressReport,
    Stage,
)
from datacon.policy.progress import progress_ratio

_M = TypeVar("_M", bound=Model)

router = SimpleRouter(trailing_slash=True)
urlpatterns: list[URLPattern | URLResolver] = []


def _public(prefix: str) -> dict[str, Any]:
    return {f"{prefix}status__in": PUBLIC_PROCESS_STATUSES}


class ProcessSerializer(serializers.ModelSerializer[Process]):
    class Meta:
        model = Process
        fields = (
            "id",
            "slug",
            "title",
            "short_title",
            "status",
            "summary",
            "context",
            "timezone",
            "email",
            "website",
        )


class StageSerializer(serializers.ModelSerializer[Stage]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Stage
        fields = (
            "id",
            "process",
            "order",
            "name",
            "description",
            "starts_on",
            "ends_on",
            "dates_approximate",
            "dates_note",
        )


class MilestoneSerializer(serializers.ModelSerializer[Milestone]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Milestone
        fields = ("id", "process", "stage", "date", "title", "description", "source", "url")


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    person = serializers.CharField(source="person.public_name", default="", read_only=True)
    organisation = serializers.CharField(source="organisation.name", default="", read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "group", "person", "organisation", "role", "starts_on", "ends_on", "note")


class GroupSerializer(serializers.ModelSerializer[Group]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    # Declared here: from the model (blank=True) the schema got default "" against its own pattern.
    slug = serializers.SlugField(read_only=True)
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Group
        fields = (
            "id",
            "process",
            "slug",
            "name",
            "kind",
            "mandate",
            "description",
            "installed_on",
            "dissolved_on",
            "members",
        )


class AgreementSerializer(serializers.ModelSerializer[Agreement]):
    code = serializers.CharField(read_only=True)
    owner = serializers.CharField(source="owner_name", read_only=True)

    class Meta:
        model = Agreement
        fields = (
            "id",
            "code",
            "meeting",
            "number",
            "text",
            "owner",
            "due_on",
            "status",
            "completed_on",
            "follow_up",
        )


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    group: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = (
            "id", "process", "group", "stage", "kind", "title", "status", "starts_at", "ends_at",
            "date_is_approximate", "location", "online_url", "agenda", "minutes",
            "other_attendees", "agreements",
        )  # fmt: skip


class VersionSerializer(serializers.ModelSerializer[DocumentVersion]):
    document: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    document_title = serializers.CharField(source="document.title", read_only=True)
    kind = serializers.CharField(source="document.kind", read_only=True)
    paragraph_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = DocumentVersion
        fields = (
            "id",
            "document",
            "document_title",
            "kind",
            "number",
            "published_at",
            "change_summary",
            "body",
            "file",
            "paragraph_total",
        )


class ParagraphSerializer(serializers.ModelSerializer[Paragraph]):
    anchor = serializers.CharField(source="identity.anchor", read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Paragraph
        fields = (
            "id",
            "version",
            "version_number",
            "anchor",
            "position",
            "number",
            "kind",
            "level",
            "section_title",
            "source",
            "plain_text",
        )


class ExpenseSerializer(serializers.ModelSerializer[Expense]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    stage = serializers.CharField(source="stage.name", default="", read_only=True)

    class Meta:
        model = Expense
        fields = (
            "id",
            "process",
            "stage",
            "concept",
            "description",
            "amount",
            "spent_on",
            "supplier",
            "reference",
            "supporting_document",
            "supporting_url",
        )


class ContactSerializer(serializers.ModelSerializer[Contact]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    organisation = serializers.CharField(source="organisation.name", default="", read_only=True)

    class Meta:
        model = Contact
        fields = ("id", "process", "name", "role", "organisation", "email", "phone")


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    process: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    edition = serializers.IntegerField(
        source="edition.year", default=None, read_only=True, allow_null=True
    )
    latest_value = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = (
            "id", "process", "code", "title", "description", "source", "edition", "agreement",
            "owner", "indicator", "unit", "baseline", "target", "starts_year", "due_on",
            "is_cancelled", "cancel_reason", "latest_value", "progress",
        )  # fmt: skip

    def get_progress(self, obj: Commitment) -> float:
        value = getattr(obj, "latest_value", None)
        return float(
            round(progress_ratio(baseline=obj.baseline, target=obj.target, value=value), 4)
        )


class ProgressReportSerializer(serializers.ModelSerializer[ProgressReport]):
    commitment = serializers.CharField(source="commitment.code", read_only=True)

    class Meta:
        model = ProgressReport
        fields = (
            "id",
            "commitment",
            "reported_on",
            "value",
            "note",
            "evidence",
            "evidence_url",
            "evidence_file",
        )


class _ReadOnly(PublicReadOnlyViewSet[_M]):
    """Each subclass's `listed()` says what it lists; lists are in a stable order."""

    cache_scopes = (POLICY,)
    ordering: tuple[str, ...] = ("pk",)

    def get_queryset(self) -> QuerySet[_M]:
        return self.listed().order_by(*self.ordering)

    def listed(self) -> QuerySet[_M]:
        raise NotImplementedError


class ProcessViewSet(_ReadOnly[Process]):
    serializer_class = ProcessSerializer
    lookup_field = "slug"

    def listed(self) -> QuerySet[Process]:
        return Process.objects.filter(**_public(""))


class StageViewSet(_ReadOnly[Stage]):
    serializer_class = StageSerializer
    filterset_fields = ("process__slug",)

    def listed(self) -> QuerySet[Stage]:
        return Stage.objects.filter(**_public("process__")).select_related("process")


class MilestoneViewSet(_ReadOnly[Milestone]):
    serializer_class = MilestoneSerializer
    filterset_fields = ("process__slug",)

    def listed(self) -> QuerySet[Milestone]:
        return Milestone.objects.filter(**_public("process__")).select_related("process")


class GroupViewSet(_ReadOnly[Group]):
    serializer_class = GroupSerializer
    filterset_fields = ("process__slug", "kind")

    def listed(self) -> QuerySet[Group]:
        return (
            Group.objects.filter(**_public("process__"))
            .select_related("process")
            .prefetch_related("memberships__person", "memberships__organisation")
        )


class MeetingViewSet(_ReadOnly[Meeting]):
    serializer_class = MeetingSerializer
    filterset_fields = ("process__slug", "group__slug", "status")
    ordering = ("starts_at", "pk")

    def listed(self) -> QuerySet[Meeting]:
        return (
            Meeting.objects.filter(**_public("process__"))
            .select_related("process", "group")
            .prefetch_related(
                "agreements__owner_group",
                "agreements__owner_organisation",
                "agreements__owner_person",
            )
        )


class AgreementViewSet(_ReadOnly[Agreement]):
    serializer_class = AgreementSerializer
    filterset_fields = ("meeting__process__slug", "status")

    def listed(self) -> QuerySet[Agreement]:
        return Agreement.objects.filter(**_public("meeting__process__")).select_related(
            "owner_group", "owner_organisation", "owner_person"
        )


class VersionViewSet(_ReadOnly[DocumentVersion]):
    serializer_class = VersionSerializer
    filterset_fields = ("document__slug", "document__process__slug")

    def listed(self) -> QuerySet[DocumentVersion]:
        return (
            DocumentVersion.objects.filter(**_public("document__process__"))
            .select_related("document")
            .annotate(paragraph_total=count_of(Paragraph, "version"))
        )


class ParagraphViewSet(_ReadOnly[Paragraph]):
    serializer_class = ParagraphSerializer
    filterset_fields = ("version", "version__document__slug", "identity__anchor", "kind")

    def listed(self) -> QuerySet[Paragraph]:
        return Paragraph.objects.filter(**_public("version__document__process__")).select_related(
            "identity", "version"
        )


class ExpenseViewSet(_ReadOnly[Expense]):
    serializer_class = ExpenseSerializer
    filterset_fields = ("process__slug", "concept", "stage")

    def listed(self) -> QuerySet[Expense]:
        return Expense.objects.filter(**_public("process__")).select_related("process", "stage")


class ContactViewSet(_ReadOnly[Contact]):
    serializer_class = ContactSerializer
    filterset_fields = ("process__slug",)

    def listed(self) -> QuerySet[Contact]:
        return Contact.objects.filter(**_public("process__")).select_related(
            "process", "organisation"
        )


class CommitmentViewSet(_ReadOnly[Commitment]):
    serializer_class = CommitmentSerializer
    filterset_fields = ("process__slug", "source", "starts_year")

    def listed(self) -> QuerySet[Commitment]:
        latest = ProgressReport.objects.filter(commitment=OuterRef("pk")).order_by(
            "-reported_on", "-id"
        )
        return (
            Commitment.objects.filter(**_public("process__"))
            .select_related("process", "edition")
            .annotate(latest_value=Subquery(latest.values("value")[:1]))
        )


class ProgressReportViewSet(_ReadOnly[ProgressReport]):
    serializer_class = ProgressReportSerializer
    filterset_fields = ("commitment__process__slug", "commitment__code")

    def listed(self) -> QuerySet[ProgressReport]:
        return ProgressReport.objects.filter(**_public("commitment__process__")).select_related(
            "commitment"
        )


router.register("politica/procesos", ProcessViewSet, basename="policy-process")
router.register("politica/etapas", StageViewSet, basename="policy-stage")
router.register("politica/hitos", MilestoneViewSet, basename="policy-milestone")
router.register("politica/grupos", GroupViewSet, basename="policy-group")
router.register("politica/reuniones", MeetingViewSet, basename="policy-meeting")
router.register("politica/acuerdos", AgreementViewSet, basename="policy-agreement")
router.register("politica/versiones", VersionViewSet, basename="policy-version")
router.register("politica/parrafos", ParagraphViewSet, basename="policy-paragraph")
router.register("politica/gastos", ExpenseViewSet, basename="policy-expense")
router.register("politica/contactos", ContactViewSet, basename="policy-contact")
router.register("politica/compromisos", CommitmentViewSet, basename="policy-commitment")
router.register("politica/avances", ProgressReportViewSet, basename="policy-progress")
