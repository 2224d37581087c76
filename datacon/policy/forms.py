"""Back-office form to publish a document version (Markdown pasted or uploaded)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.uploads import FileCheck

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
