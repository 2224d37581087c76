"""Admin configuration of the conference core (editions, venues, program, people)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.admin_base import (
    ServiceModelAdmin,
    ServiceStackedInline,
    ServiceTabularInline,
    english_fieldset,
)
from datacon.common.actor import Actor
from datacon.common.mail import email_approve, email_discard, email_update_draft, emails_send_due
from datacon.common.models import AuditEntry, OutboundEmail, OutboundEmailStatus
from datacon.editions.models import (
    Edition,
    EditionOrganisation,
    EditionStatus,
    Room,
    SessionType,
    Venue,
)
from datacon.editions.services import edition_save, edition_status_set
from datacon.people.models import Organisation, Person
from datacon.people.services import organisation_save, person_save
from datacon.program.models import Material, Participation, Session
from datacon.program.services import room_taken_message, session_room_clash, session_save


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    list_display = ("name", "acronym", "kind", "website")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")
    readonly_fields = ("created_at", "updated_at")

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return organisation_save(organisation=instance, actor=actor)


@admin.register(Person)
class PersonAdmin(ServiceModelAdmin):
    list_display = ("public_name", "organisation", "position")
    list_select_related = ("organisation",)
    search_fields = ("public_name", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("organisation",)
    public_fieldset = (
        _("Perfil público"),
        {
            "fields": (
                "public_name",
                "slug",
                "position",
                "organisation",
                "bio",
                "photo",
                "photo_consent",
                "website",
            )
        },
    )
    private_fieldset = (
        _("Datos privados (no se publican)"),
        {"fields": ("email", "gender", "user"), "classes": ("collapse",)},
    )

    def _sees_private(self, request: HttpRequest) -> bool:
        return request.user.has_perm("people.view_private_data")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if self._sees_private(request):
            return (self.public_fieldset, self.private_fieldset)
        return (self.public_fieldset,)

    def get_search_fields(self, request: HttpRequest) -> Any:
        fields = super().get_search_fields(request)
        return (*fields, "email") if self._sees_private(request) else fields

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return person_save(person=instance, actor=actor)


class VenueInline(ServiceStackedInline):
    model = Venue
    fields = (
        ("name", "is_virtual", "order"),
        ("state", "city"),
        "address",
        ("capacity", "opens_at", "closes_at"),
        "streaming_url",
    )
    show_change_link = True


class EditionOrganisationInline(ServiceTabularInline):
    model = EditionOrganisation
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "role", "order")


class SessionTypeInline(ServiceTabularInline):
    model = SessionType
    fields = ("name", "slug", "default_duration_minutes", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Edition)
class EditionAdmin(ServiceModelAdmin):
    list_display = ("title", "year", "number", "mode", "status", "start_date", "end_date")
    list_filter = ("status", "mode")
    search_fields = ("title", "theme")
    autocomplete_fields = ("organiser",)
    inlines = (VenueInline, EditionOrganisationInline, SessionTypeInline)
    actions = ("publish", "archive", "unpublish")
    fieldsets = (
        (None, {"fields": (("number", "year", "slug"), "title", "theme", "summary")}),
        english_fieldset("title", "theme", "summary"),
        (
            _("Fechas y modalidad"),
            {"fields": (("start_date", "end_date"), "timezone", "mode", "status")},
        ),
        (
            _("Identidad del organizador"),
            {
                "fields": (
                    "organiser",
                    "privacy_contact_email",
                    "privacy_notice_url",
                    "website",
                    "hashtag",
                )
            },
        ),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return edition_save(edition=instance, actor=actor)

    def _set_status(self, request: HttpRequest, queryset: Any, status: str) -> None:
        for edition in queryset:
            edition_status_set(edition=edition, status=status, actor=Actor.of(request.user))
        self.message_user(request, _("Estado actualizado."))

    @admin.action(description=_("Publicar las ediciones seleccionadas"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: Any) -> None:
        self._set_status(request, queryset, EditionStatus.PUBLISHED)

    @admin.action(description=_("Archivar las ediciones seleccionadas"), permissions=["change"])
    def archive(self, request: HttpRequest, queryset: Any) -> None:
        self._set_status(request, queryset, EditionStatus.ARCHIVED)

    @admin.action(description=_("Pasar a borrador"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: Any) -> None:
        self._set_status(request, queryset, EditionStatus.DRAFT)


class RoomInline(ServiceTabularInline):
    model = Room
    fields = ("name", "capacity", "order", "is_channel", "platform_numbering")


@admin.register(Venue)
class VenueAdmin(ServiceModelAdmin):
    list_display = ("name", "edition", "state", "city", "capacity", "is_virtual")
    list_filter = ("edition", "state", "is_virtual")
    list_select_related = ("edition",)
    search_fields = ("name", "city")
    inlines = (RoomInline,)


@admin.register(Room)
class RoomAdmin(ServiceModelAdmin):
    list_display = ("name", "venue", "capacity", "is_channel")
    list_filter = ("venue__edition",)
    list_select_related = ("venue",)
    search_fields = ("name", "venue__name")


@admin.register(SessionType)
class SessionTypeAdmin(ServiceModelAdmin):
    list_display = ("name", "edition", "default_duration_minutes", "order")
    list_filter = ("edition",)
    list_select_related = ("edition",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class ParticipationInline(ServiceTabularInline):
    model = Participation
    autocomplete_fields = ("person",)
    fields = ("person", "role", "order")


class MaterialInline(ServiceStackedInline):
    model = Material
    fields = (("kind", "title", "order"), "body", "url", "file", ("licence", "language"))


class SessionAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """Shows the room rule of `session_save` on the room field before saving, so the
    organiser keeps what they typed (the service still enforces it under a lock)."""

    class Meta:
        model = Session
        fields = (
            "edition", "code", "status", "title", "session_type", "abstract", "language",
            "day", "order_in_day", "starts_at", "ends_at", "venue", "room", "expected_audience",
            "title_en", "abstract_en",
        )  # fmt: skip

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # builds the instance; not in the stubs
        session = self.instance
        if "room" in self.errors or session.room_id is None:
            return
        other = session_room_clash(session)
        if other is not None:
            self.add_error("room", room_taken_message(session.room, other))


@admin.register(Session)
class SessionAdmin(ServiceModelAdmin):
    form = SessionAdminForm
    list_display = (
        "code",
        "title",
        "edition",
        "session_type",
        "day",
        "starts_at",
        "venue",
        "status",
    )
    list_display_links = ("code", "title")
    list_filter = ("edition", "status", "session_type__name", "venue")
    list_select_related = ("edition", "session_type", "venue")
    search_fields = ("code", "title")
    autocomplete_fields = ("session_type", "venue", "room")
    inlines = (ParticipationInline, MaterialInline)
    date_hierarchy = "day"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "edition",
                    ("code", "status"),
                    "title",
                    "session_type",
                    "abstract",
                    "language",
                )
            },
        ),
        english_fieldset("title", "abstract"),
        (
            _("Horario y lugar"),
            {
                "fields": (
                    ("day", "order_in_day"),
                    ("starts_at", "ends_at"),
                    ("venue", "room"),
                    "expected_audience",
                )
            },
        ),
    )

    def save_record(self, instance: Any, actor: Actor) -> Any:
        return session_save(session=instance, actor=actor)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "object_id", "actor__email")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The outbox: drafts wait here for an organiser; everything else shows its delivery state."""

    list_display = ("created_at", "to", "subject", "purpose", "status", "attempts", "sent_at")
    list_filter = ("status", "purpose")
    search_fields = ("to", "subject")
    readonly_fields = (
        "to", "purpose", "status", "attempts", "next_attempt_at", "last_error", "sent_at",
        "reviewed_by", "reviewed_at", "related_type", "related_id", "created_at",
    )  # fmt: skip
    fields = ("to", "subject", "body_text", *readonly_fields[1:])
    actions = ("approve", "discard", "send_now")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status != OutboundEmailStatus.DRAFT:
            return (*self.readonly_fields, "subject", "body_text")
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        email_update_draft(
            email=obj, subject=obj.subject, body_text=obj.body_text, actor=Actor.of(request.user)
        )

    def _each(self, request: HttpRequest, queryset: Any, service: Any, done: Any) -> None:
        count = 0
        for email in queryset:
            try:
                service(email=email, actor=Actor.of(request.user))
                count += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{email}: {' '.join(error.messages)}", level=messages.WARNING
                )
        self.message_user(request, done % {"count": count})

    @admin.action(description=_("Aprobar y enviar"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: Any) -> None:
        self._each(request, queryset, email_approve, _("%(count)s correos aprobados."))

    @admin.action(description=_("Descartar"), permissions=["change"])
    def discard(self, request: HttpRequest, queryset: Any) -> None:
        self._each(request, queryset, email_discard, _("%(count)s correos descartados."))

    @admin.action(
        description=_("Intentar enviar ahora los que están en cola"), permissions=["change"]
    )
    def send_now(self, request: HttpRequest, queryset: Any) -> None:
        sent, failed = emails_send_due(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            _("Enviados: %(sent)s. Fallidos: %(failed)s.") % {"sent": sent, "failed": failed},
        )


# Each capability registers its own models in backoffice/admin_<capability>.py.
from datacon.backoffice import (  # noqa: E402, F401
    admin_consultation,
    admin_demand,
    admin_memoria,
    admin_opendata,
    admin_policy,
    admin_proposals,
    admin_registration,
    admin_sources,
)
