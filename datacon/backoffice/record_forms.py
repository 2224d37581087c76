"""The forms of an edition's configuration records (datacon/backoffice/record_kinds.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from datacon.backoffice.records import EditionRecordForm
from datacon.editions.models import Edition, EditionOrganisation, Room, SessionType, Venue
from datacon.program.models import Participation, Session
from datacon.proposals.models import (
    CallSessionType,
    EmailTemplate,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.roles import REVIEWERS
from datacon.registration.models import RegistrationSettings, SessionSeats


class EditionSettingsForm(EditionRecordForm):
    """The edition's own data and its status (publishing it is audited as such)."""

    class Meta:
        model = Edition
        fields = (
            "title", "status", "theme", "summary", "start_date", "end_date", "timezone", "mode",
            "organiser", "privacy_contact_email", "privacy_notice_url", "website", "hashtag",
            "title_en", "theme_en", "summary_en",
        )  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class EditionOrganisationForm(EditionRecordForm):
    class Meta:
        model = EditionOrganisation
        fields = ("organisation", "role", "order")


class VenueForm(EditionRecordForm):
    class Meta:
        model = Venue
        fields = (
            "name", "is_virtual", "state", "city", "address", "capacity", "opens_at",
            "closes_at", "streaming_url", "order",
        )  # fmt: skip
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class RoomForm(EditionRecordForm):
    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, edition=edition, **kwargs)
        venue = self.fields["venue"]
        assert isinstance(venue, forms.ModelChoiceField)
        venue.queryset = Venue.objects.filter(edition=edition).order_by("order", "name")

    class Meta:
        model = Room
        fields = ("venue", "name", "capacity", "order", "is_channel", "platform_numbering")


class SessionTypeForm(EditionRecordForm):
    class Meta:
        model = SessionType
        fields = ("name", "slug", "default_duration_minutes", "description", "order")


class SessionContentForm(EditionRecordForm):
    """What a session says; when and where it happens is the schedule builder's."""

    class Meta:
        model = Session
        fields = ("title", "session_type", "language", "abstract", "title_en", "abstract_en")


class ParticipationForm(EditionRecordForm):
    """Who takes part in a session. A new participation waits for the person's answer
    (pending, off every public page); who and where stay fixed once added, so a
    person's consent never moves to someone else."""

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, edition=edition, **kwargs)
        if self.instance.pk:
            self.fields["session"].disabled = True
            self.fields["person"].disabled = True

    class Meta:
        model = Participation
        fields = ("session", "person", "role", "order")


class TrackForm(EditionRecordForm):
    class Meta:
        model = Track
        fields = ("name", "description", "order")


class ReviewCriterionForm(EditionRecordForm):
    class Meta:
        model = ReviewCriterion
        fields = ("name", "description", "weight", "scale_min", "scale_max", "order")


class ReviewTeamForm(EditionRecordForm):
    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, edition=edition, **kwargs)
        # Only accounts that review (and the team's members): not every account's e-mail.
        members = self.fields["members"]
        assert isinstance(members, forms.ModelMultipleChoiceField)
        current = self.instance.members.all() if self.instance.pk else []
        members.queryset = (
            get_user_model()
            .objects.filter(Q(groups__name=REVIEWERS) | Q(pk__in=[m.pk for m in current]))
            .filter(is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )
        members.label_from_instance = _member_label  # type: ignore[method-assign,assignment]

    class Meta:
        model = ReviewTeam
        fields = ("name", "members", "session_types", "tracks")
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "session_types": forms.CheckboxSelectMultiple,
            "tracks": forms.CheckboxSelectMultiple,
        }


def _member_label(user: Any) -> str:
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else str(user.email)


class EmailTemplateForm(EditionRecordForm):
    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, edition=edition, **kwargs)
        from datacon.proposals.emails import PLACEHOLDERS

        self.fields["body"].help_text = _(
            "Marcadores que puede usar según el mensaje: %(list)s"
        ) % {
            "list": "; ".join(
                f"{label}: " + ", ".join("{" + name + "}" for name in PLACEHOLDERS.get(kind, ()))
                for kind, label in self.fields["kind"].choices  # type: ignore[attr-defined]
                if kind
            )
        }

    class Meta:
        model = EmailTemplate
        fields = ("kind", "subject", "body")


class CallSessionTypeForm(EditionRecordForm):
    class Meta:
        model = CallSessionType
        fields = ("session_type", "duration_minutes", "description", "order")


class QuestionForm(EditionRecordForm):
    class Meta:
        model = Question
        fields = (
            "text", "kind", "help_text", "choices", "min_value", "required",
            "show_to_reviewers", "order",
        )  # fmt: skip


class RegistrationSettingsForm(EditionRecordForm):
    class Meta:
        model = RegistrationSettings
        fields = (
            "is_open", "opens_at", "closes_at", "instructions", "allow_in_person",
            "allow_online", "online_capacity", "streaming_url", "organisation_field",
            "sector_field", "state_field", "accessibility_field", "public_list_enabled",
            "reminder_hours_before",
        )  # fmt: skip


class SessionSeatsForm(EditionRecordForm):
    class Meta:
        model = SessionSeats
        fields = ("session", "capacity", "signups_open")
