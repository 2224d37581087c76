"""Django admin for the proposals capability (registered from backoffice/admin.py).

Configuration lives here (accepted session types, extra questions, tracks,
criteria, reviewer teams, e-mail templates); every save goes through the
services. Proposals, reviews and decisions have their own back-office screens
(`backoffice/views/proposals.py`), which enforce the workflow. The call's dates
are edited there too, because they are typed in the edition's time zone.
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
)
from datacon.common.actor import Actor
from datacon.common.dates import fecha_hora
from datacon.proposals.models import (
    Call,
    CallSessionType,
    EmailTemplate,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.services import (
    call_save,
    call_session_type_save,
    email_template_save,
    question_save,
    review_team_save,
    track_save,
)


class CallSessionTypeInline(ServiceTabularInline):
    model = CallSessionType
    fields = ("session_type", "duration_minutes", "description", "order")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return call_session_type_save(item=instance, actor=actor)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "session_type":
            call_id = (
                request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            )
            if call_id:
                from datacon.editions.models import SessionType

                kwargs["queryset"] = SessionType.objects.filter(edition__call__pk=call_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionInline(ServiceStackedInline):
    model = Question
    fields = (
        ("text", "kind", "order"),
        "help_text",
        "choices",
        "min_value",
        ("required", "show_to_reviewers"),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return question_save(question=instance, actor=actor)


@admin.register(Call)
class CallAdmin(ServiceModelAdmin):
    list_display = ("edition", "opens_at", "closes_at", "anonymous_review")
    list_select_related = ("edition",)
    readonly_fields = ("edition", "dates")
    fields = ("edition", "dates", "text", "anonymous_review", "max_people", "contact_email")
    inlines = (CallSessionTypeInline, QuestionInline)

    @admin.display(description=_("Fechas"))
    def dates(self, obj: Call) -> str:
        url = reverse("backoffice:proposals_call_settings", kwargs={"edition": obj.edition.slug})
        return format_html(
            '{} – {} · <a href="{}">{}</a>',
            fecha_hora(obj.opens_at.astimezone(obj.edition.tz)),
            fecha_hora(obj.closes_at.astimezone(obj.edition.tz)),
            url,
            _("Cambiar las fechas (en la hora de la edición)"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # calls are opened from the back office, in the edition's time zone

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return call_save(call=instance, actor=actor)


@admin.register(Track)
class TrackAdmin(ServiceModelAdmin):
    list_display = ("name", "edition", "order")
    list_filter = ("edition",)
    list_select_related = ("edition",)

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return track_save(track=instance, actor=actor)


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(ServiceModelAdmin):
    list_display = ("name", "edition", "weight", "scale_min", "scale_max", "order")
    list_filter = ("edition",)
    list_select_related = ("edition",)


@admin.register(ReviewTeam)
class ReviewTeamAdmin(ServiceModelAdmin):
    list_display = ("name", "edition")
    list_filter = ("edition",)
    list_select_related = ("edition",)
    filter_horizontal = ("members", "session_types", "tracks")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return review_team_save(team=instance, actor=actor)


@admin.register(EmailTemplate)
class EmailTemplateAdmin(ServiceModelAdmin):
    list_display = ("kind", "edition", "subject")
    list_filter = ("edition", "kind")
    list_select_related = ("edition",)
    fields = ("edition", "kind", "subject", "body", "placeholders")
    readonly_fields = ("placeholders",)

    @admin.display(description=_("Marcadores disponibles"))
    def placeholders(self, obj: EmailTemplate) -> str:
        from datacon.proposals.emails import PLACEHOLDERS

        names = PLACEHOLDERS.get(obj.kind, ()) if obj and obj.kind else ()
        return ", ".join("{" + name + "}" for name in names)

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return email_template_save(template=instance, actor=actor)
