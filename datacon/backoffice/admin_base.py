"""The Django admin as a back office that writes through services.

Every save and delete in the admin goes through `record_save`/`record_delete`
(or an entity service), so it is validated, audited and invalidates the public
caches exactly like any other write.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from datacon.common.services import record_delete, record_save


class ServiceAdminMixin:
    def save_record(self, instance: models.Model, actor: Any) -> models.Model:
        """Override to call the entity's own service."""
        return record_save(instance=instance, actor=actor)

    def delete_record(self, instance: models.Model, actor: Any) -> None:
        record_delete(instance=instance, actor=actor)


class ServiceModelAdmin(ServiceAdminMixin, admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.save_record(obj, request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_record(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_record(obj, request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        inline_admin = next(
            (
                inline
                for inline in self.get_inline_instances(request)
                if inline.model is formset.model
            ),
            None,
        )
        saver = inline_admin if isinstance(inline_admin, ServiceAdminMixin) else self
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            saver.delete_record(obj, request.user)
        for obj in instances:
            saver.save_record(obj, request.user)
        formset.save_m2m()


class ServiceTabularInline(ServiceAdminMixin, admin.TabularInline):
    extra = 0


class ServiceStackedInline(ServiceAdminMixin, admin.StackedInline):
    extra = 0
