"""Django admin for the sources of the public record, written through the sources services."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from datacon.backoffice.admin_base import ServiceModelAdmin
from datacon.common.actor import Actor
from datacon.sources.models import Source, SourcedFact
from datacon.sources.services import source_save, sourced_fact_save


@admin.register(Source)
class SourceAdmin(ServiceModelAdmin):
    list_display = ("title", "kind", "publisher", "published")
    list_filter = ("kind",)
    search_fields = ("title", "publisher", "url", "key")
    fields = ("key", "kind", "title", "publisher", "url", "published")

    def save_record(self, instance: models.Model, actor: Actor) -> models.Model:
        assert isinstance(instance, Source)
        return source_save(source=instance, actor=actor)


@admin.register(SourcedFact)
class SourcedFactAdmin(ServiceModelAdmin):
    list_display = ("__str__", "edition", "category", "uncertain", "source")
    list_filter = ("category", "uncertain", "edition")
    list_select_related = ("edition", "source")
    search_fields = ("text", "key", "quote")
    autocomplete_fields = ("source",)
    raw_id_fields = ("session", "milestone")
    fields = (
        "key",
        ("edition", "process"),
        ("session", "milestone"),
        ("category", "on_date"),
        "text",
        "text_en",
        "source",
        "quote",
        ("uncertain", "uncertain_why"),
        "order",
    )

    def save_record(self, instance: models.Model, actor: Actor) -> models.Model:
        assert isinstance(instance, SourcedFact)
        return sourced_fact_save(fact=instance, actor=actor)
