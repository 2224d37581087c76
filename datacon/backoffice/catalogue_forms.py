"""Forms of the platform's records kept on the back office's record screens
(datacon/backoffice/catalogue_kinds.py); the policy's older kinds keep theirs in
datacon/policy/forms.py."""

from __future__ import annotations

from django import forms

from datacon.backoffice.catalogue import CatalogueForm
from datacon.policy.models import (
    Attendance,
    Goal,
    MeetingAttachment,
    Membership,
    Milestone,
    ProcessEdition,
    Stage,
)

_TEXT = forms.Textarea(attrs={"rows": 5})

# --- the policy process's records ---------------------------------------------------------


class GoalForm(CatalogueForm):
    class Meta:
        model = Goal
        fields = ("process", "number", "text")
        optional = ("number",)  # the next number of the process when empty
        widgets = {"text": _TEXT}


class StageForm(CatalogueForm):
    class Meta:
        model = Stage
        fields = ("process", "order", "name", "description", "starts_on", "ends_on",
                  "dates_approximate", "dates_note")  # fmt: skip
        optional = ("order",)  # after the process's last stage when empty
        widgets = {"description": _TEXT}


class MilestoneForm(CatalogueForm):
    class Meta:
        model = Milestone
        fields = ("process", "date", "title", "description", "stage", "source", "url")
        widgets = {"description": _TEXT}


class ProcessEditionForm(CatalogueForm):
    class Meta:
        model = ProcessEdition
        fields = ("process", "edition", "relation", "description")
        widgets = {"description": _TEXT}


class MembershipForm(CatalogueForm):
    """Who belongs to a working group: what the administration's inline showed (the
    person by their public name, their organisation, role and dates), no private data."""

    class Meta:
        model = Membership
        fields = ("group", "person", "organisation", "role", "starts_on", "ends_on", "note")


class AttendanceForm(CatalogueForm):
    class Meta:
        model = Attendance
        fields = ("meeting", "person", "organisation", "status")


class AttachmentForm(CatalogueForm):
    """A meeting's attachment: an uploaded file (checked by its content and size,
    datacon/common/uploads.py), a link or one of the process's documents."""

    class Meta:
        model = MeetingAttachment
        fields = ("meeting", "title", "file", "url", "document", "order")
