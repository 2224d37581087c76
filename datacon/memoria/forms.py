"""Forms of the memoria editor in the back office. They validate input only; the
views hand the cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.memoria.models import FigureKey, FigureQualifier, Memoria, SectionKind

SECTION_HELP: dict[str, Any] = {
    SectionKind.BACKGROUND: _("Contexto que dio origen a la edición."),
    SectionKind.GOALS: _("Propósito y objetivos de la edición."),
    SectionKind.CRITERIA: _("Criterios de organización: periodicidad, sede, participantes."),
    SectionKind.DEVELOPMENT: _(
        "Cómo se desarrolló. La tabla de sesiones por tipo se muestra justo después de este texto."
    ),
    SectionKind.CONCLUSIONS: _("Conclusiones de las sesiones."),
    SectionKind.AGREEMENTS: _("Acuerdos y siguientes pasos."),
    SectionKind.ACKNOWLEDGEMENTS: _("Agradecimientos."),
}


class MemoriaTextForm(forms.Form):
    subtitle = forms.CharField(label=_("Subtítulo de la portada"), max_length=200, required=False)
    subtitle_en = forms.CharField(
        label=_("Subtítulo de la portada en inglés"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en"}),
    )

    def __init__(self, *args: Any, memoria: Memoria | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = {s.kind: s for s in memoria.sections.all()} if memoria else {}
        if memoria is not None and not self.is_bound:
            self.initial["subtitle"] = memoria.subtitle
            self.initial["subtitle_en"] = memoria.subtitle_en
        for kind, label in SectionKind.choices:
            section = existing.get(kind)
            self.fields[f"title_{kind}"] = forms.CharField(
                label=_("Título de «%(section)s» (opcional)") % {"section": label},
                max_length=200,
                required=False,
                initial=section.title if section else "",
            )
            self.fields[f"body_{kind}"] = forms.CharField(
                label=str(label),
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                initial=section.body if section else "",
                help_text=_("%(help)s Markdown. Vacío: la sección no aparece.")
                % {"help": SECTION_HELP.get(kind, "")},
            )
            # The English version (common.bilingual): shown on /en/; empty, the Spanish is.
            self.fields[f"title_en_{kind}"] = forms.CharField(
                label=_("Título de «%(section)s» en inglés (opcional)") % {"section": label},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"lang": "en"}),
                initial=section.title_en if section else "",
            )
            self.fields[f"body_en_{kind}"] = forms.CharField(
                label=_("«%(section)s» en inglés") % {"section": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, "lang": "en"}),
                initial=section.body_en if section else "",
                help_text=_(
                    "Markdown. Vacío: el sitio en inglés muestra el texto en español, "
                    "marcado como «disponible solo en español»."
                ),
            )

    def sections(self) -> dict[str, tuple[str, str]]:
        return {
            kind: (self.cleaned_data[f"title_{kind}"], self.cleaned_data[f"body_{kind}"])
            for kind, _label in SectionKind.choices
        }

    def english(self) -> dict[str, tuple[str, str]]:
        """kind -> (title_en, body_en), for memoria_contents_save."""
        return {
            kind: (self.cleaned_data[f"title_en_{kind}"], self.cleaned_data[f"body_en_{kind}"])
            for kind, _label in SectionKind.choices
        }

    def section_fields(self) -> list[tuple[Any, Any, Any, Any]]:
        return [
            (
                self[f"title_{kind}"],
                self[f"body_{kind}"],
                self[f"title_en_{kind}"],
                self[f"body_en_{kind}"],
            )
            for kind, _label in SectionKind.choices
        ]


class ReportedFigureForm(forms.Form):
    key = forms.ChoiceField(
        label=_("Indicador"), choices=[("", "—"), *FigureKey.choices], required=False
    )
    value = forms.IntegerField(label=_("Valor"), min_value=0, required=False)
    qualifier = forms.ChoiceField(
        label=_("Precisión"), choices=FigureQualifier.choices, initial=FigureQualifier.EXACT
    )
    source = forms.CharField(label=_("Fuente"), max_length=300, required=False)
    source_url = forms.URLField(label=_("Enlace a la fuente"), max_length=500, required=False)
    note = forms.CharField(label=_("Nota"), max_length=300, required=False)
    delete = forms.BooleanField(label=_("Quitar"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("delete") or not data.get("key"):
            return data
        if data.get("value") is None:
            self.add_error("value", _("Indique el valor de la cifra."))
        if not (data.get("source") or "").strip():
            self.add_error("source", _("Indique de dónde proviene la cifra."))
        return data


class BaseFigureFormSet(forms.BaseFormSet):  # type: ignore[type-arg]  # Django's BaseFormSet takes no type argument at runtime
    def clean(self) -> None:
        if any(self.errors):
            return
        keys = [
            form.cleaned_data.get("key")
            for form in self.forms
            if form.cleaned_data.get("key") and not form.cleaned_data.get("delete")
        ]
        repeated = {key for key in keys if keys.count(key) > 1}
        if repeated:
            labels = ", ".join(str(FigureKey(key).label) for key in sorted(repeated))
            raise forms.ValidationError(
                _("Cada indicador puede aparecer una sola vez: %(labels)s.") % {"labels": labels}
            )


ReportedFigureFormSet = forms.formset_factory(
    ReportedFigureForm, formset=BaseFigureFormSet, extra=2, max_num=len(FigureKey.choices)
)
