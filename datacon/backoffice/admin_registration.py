"""Django admin for the registration capability (registered from backoffice/admin.py).

Configuration lives here: registration settings per edition (fields asked and
whether they are required, dates, online quota), seats per session, and the
privacy notices (drafts are edited here; a published version is frozen and a
correction is published as the next version). Attendees themselves are not
in the admin: their list is the back-office screen that enforces the
personal-data permissions and logs exports.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import ServiceModelAdmin
from datacon.common.actor import Actor
from datacon.people.models_privacy import PrivacyNotice
from datacon.people.privacy_services import (
    privacy_notice_new_draft,
    privacy_notice_publish,
    privacy_notice_save,
)
from datacon.registration.models import AttendeeExport, RegistrationSettings, SessionSeats
from datacon.registration.services import registration_settings_save, session_seats_save


@admin.register(RegistrationSettings)
class RegistrationSettingsAdmin(ServiceModelAdmin):
    list_display = (
        "edition",
        "is_open",
        "opens_at",
        "closes_at",
        "allow_in_person",
        "allow_online",
    )
    list_select_related = ("edition",)
    fieldsets = (
        (None, {"fields": ("edition", "is_open", ("opens_at", "closes_at"), "instructions")}),
        (
            _("Modalidades"),
            {"fields": (("allow_in_person", "allow_online"), "online_capacity", "streaming_url")},
        ),
        (
            _("Campos del formulario"),
            {
                "fields": (
                    ("organisation_field", "sector_field"),
                    ("state_field", "accessibility_field"),
                    "public_list_enabled",
                ),
                "description": _(
                    "Nombre y correo siempre se piden. El aforo de cada sede se edita en la sede."
                ),
            },
        ),
        (_("Recordatorios"), {"fields": ("reminder_hours_before",)}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("edition",) if obj is not None else ()

    def save_record(self, instance: models.Model, actor: Actor) -> RegistrationSettings:
        assert isinstance(instance, RegistrationSettings)
        return registration_settings_save(config=instance, actor=actor)


@admin.register(SessionSeats)
class SessionSeatsAdmin(ServiceModelAdmin):
    list_display = ("session", "capacity", "signups_open")
    list_select_related = ("session__edition",)
    list_filter = ("session__edition",)
    autocomplete_fields = ("session",)
    search_fields = ("session__code", "session__title")

    def save_record(self, instance: models.Model, actor: Actor) -> SessionSeats:
        assert isinstance(instance, SessionSeats)
        return session_seats_save(seats=instance, actor=actor)


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(ServiceModelAdmin):
    list_display = ("__str__", "edition", "version", "published_at", "responsible_body")
    list_filter = ("edition",)
    list_select_related = ("edition",)
    readonly_fields = ("version", "published_at", "published_by")
    actions = ("publish", "new_version")
    fieldsets = (
        (None, {"fields": ("edition", "responsible_body", "responsible_address")}),
        (_("Aviso simplificado (junto a cada formulario)"), {"fields": ("short_text",)}),
        (
            _("Aviso integral"),
            {
                "fields": (
                    "data_collected",
                    "purposes",
                    "legal_basis",
                    "transfers",
                    "retention",
                    "arco_contact",
                    "arco_procedure",
                    "changes_summary",
                )
            },
        ),
        (_("Publicación"), {"fields": ("version", "published_at", "published_by")}),
    )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # What people accepted never changes: a published version is shown read-only
        # and corrected through "Crear una nueva versión".
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def save_record(self, instance: models.Model, actor: Actor) -> PrivacyNotice:
        assert isinstance(instance, PrivacyNotice)
        return privacy_notice_save(notice=instance, actor=actor)

    @admin.action(description=_("Publicar (pasa a ser el aviso vigente)"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        for notice in queryset:
            try:
                published = privacy_notice_publish(notice=notice, actor=Actor.of(request.user))
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), level=messages.WARNING)
            else:
                self.message_user(request, _("Publicado: %(notice)s") % {"notice": published})

    @admin.action(description=_("Crear una nueva versión (borrador)"), permissions=["add"])
    def new_version(self, request: HttpRequest, queryset: Any) -> None:
        for notice in queryset:
            draft = privacy_notice_new_draft(source=notice, actor=Actor.of(request.user))
            self.message_user(request, _("Borrador creado: %(notice)s") % {"notice": draft})


@admin.register(AttendeeExport)
class AttendeeExportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The log of attendee exports: read only."""

    list_display = ("at", "edition", "actor", "with_personal_data", "rows")
    list_filter = ("with_personal_data", "edition")
    list_select_related = ("edition", "actor")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
