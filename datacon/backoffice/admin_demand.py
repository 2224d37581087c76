"""Django admin for the demand capability (registered from backoffice/admin.py).

Reuse projects, standards and institutions are edited here, through the
services. Needs are triaged in the demand screens (status changes need their
history, duplicates move supports): here their status is read-only. Import
and analysis runs are records of what happened, read-only too. Supports are
not shown at all: they tie accounts (personal data) to needs.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import ServiceModelAdmin, ServiceTabularInline
from datacon.common.actor import Actor
from datacon.demand.catalogue import (
    demand_record_delete,
    demand_record_save,
    institution_alias_save,
    institution_save,
    project_save,
    standard_save,
)
from datacon.demand.models import (
    AnalysisRun,
    DataStandard,
    ImportRun,
    InformationNeed,
    Institution,
    InstitutionAlias,
    ReuseDataset,
    ReuseLink,
    ReuseProject,
)
from datacon.demand.services import EDITABLE_FIELDS, need_update


class _DemandRecords:
    """Saves and deletes go through the demand services, as the acting account (named rules)."""

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return demand_record_save(instance=instance, actor=actor)

    def delete_record(self, instance: Any, actor: Actor) -> None:
        demand_record_delete(instance=instance, actor=actor)


class ReuseLinkInline(_DemandRecords, ServiceTabularInline):
    model = ReuseLink
    fields = ("label", "url", "order")


class ReuseDatasetInline(_DemandRecords, ServiceTabularInline):
    model = ReuseDataset
    fields = ("need", "title", "url", "order")
    autocomplete_fields = ("need",)


@admin.register(ReuseProject)
class ReuseProjectAdmin(_DemandRecords, ServiceModelAdmin):
    list_display = ("title", "kind", "sector", "edition", "session", "is_published", "is_demo")
    list_filter = ("kind", "sector", "edition", "is_published", "is_demo")
    list_select_related = ("edition", "session")
    search_fields = ("title", "summary", "team")
    autocomplete_fields = ("organisations", "session")
    inlines = (ReuseLinkInline, ReuseDatasetInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "sector", "summary", "description")}),
        (_("Equipo"), {"fields": ("team", "organisations")}),
        (_("Dónde se presentó"), {"fields": ("edition", "session")}),
        (_("Publicación"), {"fields": ("is_published", "is_demo", "source_note")}),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return project_save(project=instance, actor=actor)


@admin.register(DataStandard)
class DataStandardAdmin(_DemandRecords, ServiceModelAdmin):
    list_display = ("name", "data_format", "update_frequency", "licence", "is_demo")
    search_fields = ("name", "description")
    list_filter = ("update_frequency", "licence", "is_demo")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return standard_save(standard=instance, actor=actor)


class InstitutionAliasInline(_DemandRecords, ServiceTabularInline):
    model = InstitutionAlias
    fields = ("name", "key")
    readonly_fields = ("key",)

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return institution_alias_save(alias=instance, actor=actor)


@admin.register(Institution)
class InstitutionAdmin(_DemandRecords, ServiceModelAdmin):
    list_display = ("name", "acronym", "level", "state", "organisation")
    list_filter = ("level", "state")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("organisation",)
    readonly_fields = ("key",)
    inlines = (InstitutionAliasInline,)
    fields = ("name", "acronym", "slug", "key", "level", "state", "organisation")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        from datacon.demand.text import name_key

        instance.key = name_key(instance.name)
        return institution_save(institution=instance, actor=actor)


@admin.register(InformationNeed)
class InformationNeedAdmin(_DemandRecords, ServiceModelAdmin):
    list_display = ("title", "status", "sector", "origin", "is_hidden", "is_demo", "created_at")
    list_filter = ("status", "sector", "origin", "is_hidden", "is_demo")
    search_fields = ("title", "description")
    readonly_fields = ("status", "status_reason", "duplicate_of", "standard", "triage_link")
    exclude = ("proposer", "search_document", "holders", "origin_key", "is_hidden", "hidden_reason")

    @admin.display(description=_("Clasificación"))
    def triage_link(self, obj: InformationNeed) -> str:
        if obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("backoffice:demand_need", kwargs={"pk": obj.pk}),
            _("Cambiar estado, estándar, instituciones y vínculos"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # New needs come from proposals, the request analysis or the demo loader.
        return False

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return need_update(
            need=instance,
            actor=actor,
            **{name: getattr(instance, name) for name in EDITABLE_FIELDS},
        )


class _ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(_ReadOnlyAdmin):
    list_display = (
        "started_at",
        "file_name",
        "status",
        "rows_read",
        "created",
        "updated",
        "skipped",
    )
    list_filter = ("status", "source")
    exclude = ("actor",)


@admin.register(AnalysisRun)
class AnalysisRunAdmin(_ReadOnlyAdmin):
    list_display = (
        "started_at",
        "status",
        "is_current",
        "requests_analysed",
        "topics_count",
        "groups_count",
    )
    list_filter = ("status", "is_current")
    exclude = ("actor",)
