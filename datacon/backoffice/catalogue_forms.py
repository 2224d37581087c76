"""Forms of the platform's records kept on the back office's record screens
(datacon/backoffice/catalogue_kinds.py); the policy's older kinds keep theirs in
datacon/policy/forms.py."""

from __future__ import annotations

from django import forms

from datacon.backoffice.catalogue import CatalogueForm
from datacon.consultation.models import Consultation
from datacon.demand.models import (
    Institution,
    InstitutionAlias,
    ReuseDataset,
    ReuseLink,
    ReuseProject,
)
from datacon.opendata.models import PlatformOperator
from datacon.people.models import Organisation, Person
from datacon.people.models_privacy import PrivacyNotice
from datacon.policy.models import (
    Attendance,
    Goal,
    MeetingAttachment,
    Membership,
    Milestone,
    ProcessEdition,
    Stage,
)
from datacon.sources.models import Source, SourcedFact

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


# --- people, organisations and the platform's own records ---------------------------------


class OrganisationForm(CatalogueForm):
    class Meta:
        model = Organisation
        fields = ("name", "acronym", "slug", "kind", "website", "logo", "description")
        widgets = {"description": _TEXT}


PERSON_PUBLIC = ("public_name", "slug", "position", "organisation", "bio", "photo",
                 "photo_consent", "website")  # fmt: skip


class PersonForm(CatalogueForm):
    """A person's public profile (what the program and the open data show)."""

    class Meta:
        model = Person
        fields = PERSON_PUBLIC
        widgets = {"bio": _TEXT}


class PersonPrivateForm(CatalogueForm):
    """The public profile and the private data (e-mail, gender), for accounts that see
    personal data (`people.view_private_data`); never published."""

    class Meta:
        model = Person
        fields = (*PERSON_PUBLIC, "email", "gender")
        widgets = {"bio": _TEXT}


class PrivacyNoticeForm(CatalogueForm):
    class Meta:
        model = PrivacyNotice
        fields = ("edition", "responsible_body", "responsible_address", "short_text",
                  "data_collected", "purposes", "legal_basis", "transfers", "retention",
                  "arco_contact", "arco_procedure", "changes_summary")  # fmt: skip


class PlatformOperatorForm(CatalogueForm):
    class Meta:
        model = PlatformOperator
        fields = ("name", "email", "website")


class SourceForm(CatalogueForm):
    class Meta:
        model = Source
        fields = ("key", "kind", "title", "publisher", "url", "published")


class SourcedFactForm(CatalogueForm):
    class Meta:
        model = SourcedFact
        fields = ("key", "edition", "process", "session", "milestone", "category", "on_date",
                  "text", "text_en", "source", "quote", "uncertain", "uncertain_why",
                  "order")  # fmt: skip
        widgets = {"text": _TEXT, "text_en": _TEXT}


# --- "¿Qué datos abrir?": reuse projects and the directory of institutions ------------------


class ReuseProjectForm(CatalogueForm):
    class Meta:
        model = ReuseProject
        fields = ("title", "slug", "kind", "sector", "summary", "description", "team",
                  "organisations", "edition", "session", "is_published", "is_demo",
                  "source_note")  # fmt: skip
        widgets = {"description": _TEXT, "team": forms.Textarea(attrs={"rows": 3})}


class ReuseLinkForm(CatalogueForm):
    class Meta:
        model = ReuseLink
        fields = ("project", "label", "url", "order")


class ReuseDatasetForm(CatalogueForm):
    class Meta:
        model = ReuseDataset
        fields = ("project", "need", "title", "url", "order")


class InstitutionForm(CatalogueForm):
    class Meta:
        model = Institution
        fields = ("name", "acronym", "slug", "level", "state", "organisation")


class InstitutionAliasForm(CatalogueForm):
    class Meta:
        model = InstitutionAlias
        fields = ("institution", "name")


class ConsultationForm(CatalogueForm):
    """A public consultation's setup (its comments are moderated and answered on their own
    screens)."""

    class Meta:
        model = Consultation
        fields = ("process", "version", "title", "slug", "status", "opens_on", "closes_on",
                  "timezone", "description", "rules", "title_en", "description_en",
                  "answering_group", "max_comment_length")  # fmt: skip
        widgets = {"description": _TEXT, "rules": _TEXT, "description_en": _TEXT}
