"""Django admin for the policy capability (registered from backoffice/admin.py).

Plain records (processes, stages, groups, meetings, expenses, commitments...)
are edited here; every save goes through the policy services. Document
versions are published from the back-office screen (paragraph anchors need
the matching step), so they are read-only here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import (
    ServiceModelAdmin,
    ServiceStackedInline,
    ServiceTabularInline,
    english_fieldset,
)
from datacon.common.actor import Actor
from datacon.policy import services
from datacon.policy.models import (
    Agreement,
    Attendance,
    Commitment,
    Contact,
    Document,
    DocumentVersion,
    Expense,
    Goal,
    Group,
    Meeting,
    MeetingAttachment,
    Membership,
    Milestone,
    Process,
    ProcessEdition,
    ProgressReport,
    Stage,
    YearAssessment,
)


class _PolicyDeletes:
    """Deletes go through the policy service: the acting account's rule, never a version."""

    def delete_record(self, instance: Any, actor: Actor) -> None:
        services.policy_record_delete(instance=instance, actor=actor)


class GoalInline(_PolicyDeletes, ServiceTabularInline):
    model = Goal
    fields = ("number", "text")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.goal_save(goal=instance, actor=actor)


class StageInline(_PolicyDeletes, ServiceStackedInline):
    model = Stage
    fields = (
        ("order", "name"),
        "description",
        ("starts_on", "ends_on", "dates_approximate"),
        "dates_note",
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.stage_save(stage=instance, actor=actor)


class MilestoneInline(_PolicyDeletes, ServiceTabularInline):
    model = Milestone
    fields = ("date", "title", "description", "stage", "source", "url")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.milestone_save(milestone=instance, actor=actor)


class ProcessEditionInline(_PolicyDeletes, ServiceTabularInline):
    model = ProcessEdition
    fields = ("edition", "relation", "description")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.process_edition_save(link=instance, actor=actor)


class ContactInline(_PolicyDeletes, ServiceTabularInline):
    model = Contact
    fields = ("name", "role", "organisation", "email", "phone", "order")
    autocomplete_fields = ("organisation",)

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.contact_save(contact=instance, actor=actor)


@admin.register(Process)
class ProcessAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("short_title", "title", "status", "public_link")
    list_filter = ("status",)
    search_fields = ("title", "short_title")
    inlines = (GoalInline, StageInline, MilestoneInline, ProcessEditionInline, ContactInline)
    fieldsets = (
        (None, {"fields": (("short_title", "slug"), "title", "status", "timezone")}),
        (_("Textos"), {"fields": ("summary", "context", "notice")}),
        english_fieldset("title", "summary"),
        (_("Contacto"), {"fields": ("email", "website")}),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.process_save(process=instance, actor=actor)

    @admin.display(description=_("Página pública"))
    def public_link(self, obj: Process) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.slug)


class MembershipInline(_PolicyDeletes, ServiceTabularInline):
    model = Membership
    fields = ("person", "organisation", "role", "starts_on", "ends_on", "note")
    autocomplete_fields = ("person", "organisation")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.membership_save(membership=instance, actor=actor)


@admin.register(Group)
class GroupAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("name", "process", "kind", "installed_on", "order")
    list_filter = ("process", "kind")
    list_select_related = ("process",)
    search_fields = ("name", "mandate")
    inlines = (MembershipInline,)
    fields = (
        "process",
        ("name", "slug", "kind"),
        "mandate",
        "description",
        ("installed_on", "installed_on_approximate", "dissolved_on"),
        "order",
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.group_save(group=instance, actor=actor)


class AttendanceInline(_PolicyDeletes, ServiceTabularInline):
    model = Attendance
    fields = ("person", "organisation", "status")
    autocomplete_fields = ("person", "organisation")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.attendance_save(attendance=instance, actor=actor)


class AgreementInline(_PolicyDeletes, ServiceStackedInline):
    model = Agreement
    fields = (
        ("number", "status"),
        "text",
        ("owner_group", "owner_organisation", "owner_person"),
        ("due_on", "completed_on"),
        "follow_up",
    )
    autocomplete_fields = ("owner_organisation", "owner_person")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.agreement_save(agreement=instance, actor=actor)


class AttachmentInline(_PolicyDeletes, ServiceTabularInline):
    model = MeetingAttachment
    fields = ("title", "file", "url", "document", "order")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.attachment_save(attachment=instance, actor=actor)


@admin.register(Meeting)
class MeetingAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("title", "process", "group", "starts_at", "status", "date_is_approximate")
    list_filter = ("process", "group", "status", "kind")
    list_select_related = ("process", "group")
    search_fields = ("title", "agenda", "minutes")
    date_hierarchy = "starts_at"
    inlines = (AttendanceInline, AgreementInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("process", "group", "stage", ("kind", "status"), "title")}),
        (
            _("Fecha y lugar"),
            {"fields": (("starts_at", "ends_at"), "date_is_approximate", "location", "online_url")},
        ),
        (_("Contenido"), {"fields": ("agenda", "minutes", "other_attendees")}),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.meeting_save(meeting=instance, actor=actor)


@admin.register(Agreement)
class AgreementAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("code", "text_short", "meeting", "due_on", "status")
    list_filter = ("status", "meeting__process")
    list_select_related = ("meeting",)
    search_fields = ("text",)
    autocomplete_fields = ("owner_organisation", "owner_person")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.agreement_save(agreement=instance, actor=actor)

    @admin.display(description=_("acuerdo"))
    def text_short(self, obj: Agreement) -> str:
        return obj.text[:100]


class VersionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = DocumentVersion
    fields = ("number", "published_at", "change_summary", "file")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("title", "process", "kind", "order", "publish_link")
    list_filter = ("process", "kind")
    list_select_related = ("process",)
    search_fields = ("title",)
    inlines = (VersionInline,)
    fieldsets = (
        (None, {"fields": ("process", ("title", "slug"), "kind", "description", "order")}),
        english_fieldset("title", "description"),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.document_save(document=instance, actor=actor)

    @admin.display(description=_("Versión nueva"))
    def publish_link(self, obj: Document) -> str:
        url = reverse("backoffice:policy_version_new", kwargs={"document": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Publicar versión nueva"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A document with published versions stays: its history is public.
        if obj is not None and obj.versions.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Expense)
class ExpenseAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("spent_on", "description", "concept", "amount", "supplier", "process", "stage")
    list_filter = ("process", "concept", "stage")
    list_select_related = ("process", "stage")
    search_fields = ("description", "supplier", "reference")
    date_hierarchy = "spent_on"
    fields = (
        "process",
        "stage",
        ("concept", "amount"),
        "description",
        ("spent_on", "supplier", "reference"),
        "supporting_document",
        "supporting_url",
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.expense_save(expense=instance, actor=actor)


@admin.register(Contact)
class ContactAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("name", "process", "email", "phone", "order")
    list_filter = ("process",)
    autocomplete_fields = ("organisation",)

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.contact_save(contact=instance, actor=actor)


class ProgressInline(_PolicyDeletes, ServiceStackedInline):
    model = ProgressReport
    fields = (("reported_on", "value"), "note", "evidence", ("evidence_url", "evidence_file"))

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.progress_report_save(report=instance, actor=actor)


@admin.register(Commitment)
class CommitmentAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("code", "title", "source", "owner", "starts_year", "due_on", "is_cancelled")
    list_filter = ("process", "source", "starts_year", "is_cancelled")
    search_fields = ("code", "title", "owner", "indicator")
    autocomplete_fields = ("owner_organisation",)
    inlines = (ProgressInline,)
    fieldsets = (
        (None, {"fields": ("process", ("code", "source"), "title", "description")}),
        (_("Origen"), {"fields": ("edition", "agreement")}),
        (_("Responsable"), {"fields": ("owner", "owner_organisation")}),
        (
            _("Indicador"),
            {"fields": ("indicator", "unit", ("baseline", "target"), ("starts_year", "due_on"))},
        ),
        (_("Cancelación"), {"fields": ("is_cancelled", "cancel_reason")}),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.commitment_save(commitment=instance, actor=actor)


@admin.register(YearAssessment)
class YearAssessmentAdmin(_PolicyDeletes, ServiceModelAdmin):
    list_display = ("process", "year", "published")
    list_filter = ("process", "published")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return services.year_assessment_save(assessment=instance, actor=actor)
