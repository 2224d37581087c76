"""Back-office forms: publishing a document version (Markdown pasted or uploaded) and the
process's records (meetings, agreements, expenses, commitments, progress reports)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.uploads import FileCheck
from datacon.policy.models import (
    Agreement,
    Commitment,
    Contact,
    Document,
    Expense,
    Group,
    Meeting,
    Process,
    ProgressReport,
    YearAssessment,
)

MAX_MARKDOWN_BYTES = 2 * 1024 * 1024


class VersionForm(forms.Form):
    body = forms.CharField(
        label=_("Texto de la versión (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true", "class": "markdown-editor"}),
        help_text=_(
            "Cada párrafo conserva su identificador si mantiene su marca {#…} al final. "
            "Los párrafos sin marca se reconocen por su parecido con la versión anterior."
        ),
    )
    markdown_file = forms.FileField(
        label=_("…o suba un archivo Markdown (.md o .txt)"),
        required=False,
        help_text=_("Si sube un archivo, su contenido reemplaza el texto de arriba."),
    )
    change_summary = forms.CharField(
        label=_("Resumen de los cambios"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label=_("Archivo descargable de la versión (PDF, DOCX, ODT…)"),
        required=False,
        validators=[FileCheck("material")],
    )

    def clean_markdown_file(self) -> Any:
        upload = self.cleaned_data.get("markdown_file")
        if not upload:
            return None
        name = (upload.name or "").lower()
        if not name.endswith((".md", ".markdown", ".txt")):
            raise forms.ValidationError(_("Suba un archivo .md o .txt."))
        if upload.size > MAX_MARKDOWN_BYTES:
            raise forms.ValidationError(_("El archivo Markdown no puede pesar más de 2 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("El archivo no está en UTF-8; guárdelo como texto UTF-8 y vuelva a subirlo.")
            ) from error

    def markdown(self) -> str:
        return self.cleaned_data.get("markdown_file") or self.cleaned_data.get("body") or ""


# --- records of the process, edited in the back office (one form per kind) -----------------------

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_TEXT = forms.Textarea(attrs={"rows": 5})


class MeetingRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Meeting
        fields = (
            "process",
            "group",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "date_is_approximate",
            "location",
            "online_url",
            "status",
            "other_attendees",
            "agenda",
            "minutes",
        )
        widgets = {"starts_at": _DATETIME, "ends_at": _DATETIME, "agenda": _TEXT, "minutes": _TEXT}


class AgreementRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Agreement
        fields = (
            "meeting",
            "number",
            "text",
            "owner_group",
            "owner_organisation",
            "owner_person",
            "due_on",
            "status",
            "completed_on",
            "follow_up",
        )
        widgets = {"due_on": _DATE, "completed_on": _DATE, "text": _TEXT, "follow_up": _TEXT}


class ExpenseRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Expense
        fields = (
            "process",
            "concept",
            "description",
            "amount",
            "spent_on",
            "supplier",
            "reference",
            "supporting_document",
            "supporting_url",
        )
        widgets = {"spent_on": _DATE}


class CommitmentRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Commitment
        fields = (
            "process",
            "code",
            "title",
            "description",
            "source",
            "edition",
            "agreement",
            "owner",
            "owner_organisation",
            "indicator",
            "unit",
            "baseline",
            "target",
            "starts_year",
            "due_on",
            "is_cancelled",
            "cancel_reason",
        )
        widgets = {"due_on": _DATE, "description": _TEXT, "cancel_reason": _TEXT}


class ProgressReportRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = ProgressReport
        fields = (
            "commitment",
            "reported_on",
            "value",
            "note",
            "evidence",
            "evidence_url",
            "evidence_file",
        )
        widgets = {"reported_on": _DATE, "note": _TEXT, "evidence": _TEXT}


class ProcessRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    """The process itself (its related editions stay in the administration for now)."""

    class Meta:
        model = Process
        fields = (
            "title",
            "title_en",
            "short_title",
            "slug",
            "status",
            "summary",
            "summary_en",
            "context",
            "notice",
            "timezone",
            "website",
            "email",
        )
        widgets = {"summary": _TEXT, "summary_en": _TEXT, "context": _TEXT, "notice": _TEXT}


class ContactRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Contact
        fields = (
            "process",
            "name",
            "role",
            "organisation",
            "email",
            "phone",
            "description",
            "order",
        )
        widgets = {"description": _TEXT}


class YearAssessmentRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = YearAssessment
        fields = ("process", "year", "summary", "published")
        widgets = {"summary": _TEXT}


class GroupRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = Group
        fields = (
            "process", "name", "slug", "kind", "mandate", "description", "installed_on",
            "installed_on_approximate", "dissolved_on", "order",
        )  # fmt: skip
        widgets = {"installed_on": _DATE, "dissolved_on": _DATE, "description": _TEXT}


class DocumentRecordForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    """A document's data; its text is published as versions (policy_version_new)."""

    class Meta:
        model = Document
        fields = (
            "process", "title", "slug", "kind", "description", "order", "title_en",
            "description_en",
        )  # fmt: skip
        widgets = {"description": _TEXT}
