"""Django admin for the consultation capability (registered from backoffice/admin.py).

Consultations are set up here. Comments, answers and the moderation log are
read-only: moderation and answers have their own screens (they notify the
author and keep the log). Accounts behind participants are never shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import ServiceModelAdmin, english_fieldset
from datacon.common.actor import Actor
from datacon.consultation.models import Comment, Consultation, ModerationAction
from datacon.consultation.services import consultation_delete, consultation_save


@admin.register(Consultation)
class ConsultationAdmin(ServiceModelAdmin):
    list_display = ("title", "process", "version", "opens_on", "closes_on", "status", "screens")
    list_filter = ("status", "process")
    list_select_related = ("process", "version__document")
    search_fields = ("title",)
    fieldsets = (
        (None, {"fields": ("process", "version", ("title", "slug"), "status")}),
        (_("Periodo"), {"fields": (("opens_on", "closes_on"), "timezone")}),
        (_("Textos"), {"fields": ("description", "rules")}),
        english_fieldset("title", "description"),
        (_("Participación"), {"fields": ("answering_group", "max_comment_length")}),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return consultation_save(consultation=instance, actor=actor)

    def delete_record(self, instance: Any, actor: Actor) -> None:
        consultation_delete(consultation=instance, actor=actor)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The public record of a consultation is never deleted once it has comments.
        if obj is not None and obj.comments.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("Pantallas"))
    def screens(self, obj: Consultation) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("backoffice:consultation_moderation", kwargs={"consultation": obj.pk}),
            _("Moderación"),
            reverse("backoffice:consultation_answers", kwargs={"consultation": obj.pk}),
            _("Respuestas"),
        )


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(_ReadOnly):
    list_display = ("pk", "consultation", "author", "anchor", "status", "created_at", "moderate")
    list_filter = ("consultation", "status")
    list_select_related = ("consultation", "participant", "identity")
    search_fields = ("body",)
    fields = (
        "consultation",
        "author",
        "anchor",
        "parent",
        "body",
        "quote",
        "status",
        "hidden_reason",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description=_("persona autora"))
    def author(self, obj: Comment) -> str:
        return obj.author

    @admin.display(description=_("párrafo"))
    def anchor(self, obj: Comment) -> str:
        return obj.identity.anchor

    @admin.display(description=_("Moderar"))
    def moderate(self, obj: Comment) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "backoffice:consultation_moderate",
                kwargs={"consultation": obj.consultation_id, "comment": obj.pk},
            ),
            _("Moderar"),
        )


@admin.register(ModerationAction)
class ModerationActionAdmin(_ReadOnly):
    list_display = ("at", "action", "comment", "reason", "actor")
    list_filter = ("action", "comment__consultation")
    list_select_related = ("comment", "actor")
    date_hierarchy = "at"
