"""Django admin for memorias: narrative sections and reported figures, written through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import (
    ServiceModelAdmin,
    ServiceStackedInline,
    ServiceTabularInline,
)
from datacon.common.actor import Actor
from datacon.memoria.models import Memoria, MemoriaSection, MemoriaStatus, ReportedFigure
from datacon.memoria.services import memoria_publish, memoria_unpublish


class MemoriaSectionInline(ServiceStackedInline):
    model = MemoriaSection
    fields = (("kind", "title"), "body")


class ReportedFigureInline(ServiceTabularInline):
    model = ReportedFigure
    fields = ("key", "value", "qualifier", "source", "source_url", "note")


@admin.register(Memoria)
class MemoriaAdmin(ServiceModelAdmin):
    list_display = ("edition", "status", "published_on")
    list_filter = ("status",)
    list_select_related = ("edition",)
    fields = ("edition", "status", "published_on", "subtitle")
    inlines = (MemoriaSectionInline, ReportedFigureInline)
    actions = ("publish", "unpublish")

    @admin.action(description=_("Publicar las memorias seleccionadas"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        for memoria in queryset.exclude(status=MemoriaStatus.PUBLISHED):
            memoria_publish(memoria=memoria, actor=Actor.of(request.user))
        self.message_user(request, _("Memorias publicadas."))

    @admin.action(description=_("Pasar a borrador"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: Any) -> None:
        for memoria in queryset.filter(status=MemoriaStatus.PUBLISHED):
            memoria_unpublish(memoria=memoria, actor=Actor.of(request.user))
        self.message_user(request, _("Memorias pasadas a borrador."))
