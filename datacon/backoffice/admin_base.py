"""The Django admin as a back office that writes through services.

Every save and delete in the admin goes through the unit of work
(`datacon.common.write`) or an entity service, with the signed-in person as
`Actor.of(request.user)`, so it is validated, checked against the named rules,
audited and invalidates the public caches exactly like any other write. A
service's refusal (`PermissionDenied`) is a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from datacon.common.actor import Actor
from datacon.common.bilingual import english_name
from datacon.common.write import unit_of_work


class ServiceAdminMixin:
    def save_record(self, instance: models.Model, actor: Actor) -> models.Model:
        """Override to call the entity's own service."""
        with unit_of_work(actor) as work:
            return work.save(instance)

    def delete_record(self, instance: models.Model, actor: Actor) -> None:
        with unit_of_work(actor) as work:
            work.delete(instance)


class ServiceModelAdmin(ServiceAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    # Django's admin opens a plain atomic block around its change form, its delete
    # page and a list's bulk edit. The unit of work is the outermost transaction
    # (durable), so it opens first and the admin's block, and every save or delete
    # inside it, joins it.
    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        with unit_of_work(Actor.of(request.user)):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        with unit_of_work(Actor.of(request.user)):
            return super().changelist_view(request, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        with unit_of_work(Actor.of(request.user)):
            return super().delete_view(request, object_id, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        self.save_record(obj, Actor.of(request.user))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_record(obj, Actor.of(request.user))

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actor = Actor.of(request.user)
        with unit_of_work(actor):
            for obj in queryset:
                self.delete_record(obj, actor)

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
        actor = Actor.of(request.user)
        instances = formset.save(commit=False)
        with unit_of_work(actor):
            for obj in formset.deleted_objects:
                saver.delete_record(obj, actor)
            for obj in instances:
                saver.save_record(obj, actor)
            formset.save_m2m()


class ServiceTabularInline(ServiceAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    extra = 0


class ServiceStackedInline(ServiceAdminMixin, admin.StackedInline):  # type: ignore[type-arg]
    extra = 0


def english_fieldset(*fields: str) -> Any:
    """The admin fieldset of a model's English companions (common.bilingual), collapsed."""
    return (
        _("Versión en inglés"),
        {
            "fields": tuple(english_name(field) for field in fields),
            "classes": ("collapse",),
            "description": _(
                "Lo que ve quien visita el sitio en inglés. Si queda vacío, se muestra el "
                "texto en español, marcado como «disponible solo en español»."
            ),
        },
    )
