"""Forms of the demand pages (public proposal) and of the organisers' screens."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.choices import Licence
from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line
from datacon.demand.mentions import mention_kinds
from datacon.demand.models import (
    DataStandard,
    GovernmentLevel,
    InformationNeed,
    Institution,
    NeedStatus,
    Sector,
    UpdateFrequency,
)

_BLANK_LEVEL = [("", _("Sin especificar"))]


class NeedProposalForm(HoneypotMixin, forms.Form):
    title = forms.CharField(
        label=_("¿Qué conjunto de datos hace falta?"),
        max_length=200,
        help_text=_(
            "Un nombre corto, por ejemplo: «Padrón de beneficiarios de programas sociales por municipio»."
        ),
    )
    description = forms.CharField(
        label=_("¿Qué datos debería contener?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Campos, nivel de detalle, cobertura y periodo que necesita."),
    )
    justification = forms.CharField(
        label=_("¿Para qué lo usaría?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
    )
    rights = forms.CharField(
        label=_("¿Qué derechos o qué problema público ayudaría a atender?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
        required=False,
        help_text=_(
            "Por ejemplo: derecho a la salud, a un medio ambiente sano, combate a la corrupción."
        ),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    level = forms.ChoiceField(
        label=_("Orden de gobierno"),
        choices=_BLANK_LEVEL + list(GovernmentLevel.choices),
        required=False,
    )
    holders_suggested = forms.CharField(
        label=_("¿Qué instituciones tienen esa información?"),
        widget=forms.Textarea(attrs={"rows": 3, "list": "demand-institutions"}),
        max_length=2000,
        required=False,
        help_text=_(
            "Una por línea. Si no lo sabe, déjelo vacío: el equipo organizador lo completará."
        ),
    )
    proposer_public_name = forms.CharField(
        label=_("Firma pública (opcional)"),
        max_length=160,
        validators=[validate_single_line],
        required=False,
        help_text=_(
            "Su nombre o el de su organización, tal como quiere que aparezca. Si lo deja vacío, la "
            "propuesta se publica sin firma. Su correo nunca se publica."
        ),
    )


class NeedEditForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = InformationNeed
        fields = [
            "title",
            "description",
            "justification",
            "rights",
            "sector",
            "level",
            "holders_suggested",
            "evidence",
            "source_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "justification": forms.Textarea(attrs={"rows": 3}),
            "rights": forms.Textarea(attrs={"rows": 3}),
            "holders_suggested": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Nuevo estado"), choices=NeedStatus.choices)
    reason = forms.CharField(
        label=_("Motivo (público)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text=_("Obligatorio si no se acepta o si es duplicada."),
    )
    duplicate_of = forms.ModelChoiceField(
        label=_("Duplicada de"),
        queryset=InformationNeed.objects.none(),
        required=False,
    )
    opened_url = forms.URLField(
        label=_("Dónde se publicaron los datos"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    def __init__(self, *args: Any, need: InformationNeed, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.need = need
        duplicate_of = cast("forms.ModelChoiceField[InformationNeed]", self.fields["duplicate_of"])
        duplicate_of.queryset = (
            InformationNeed.objects.filter(is_hidden=False).exclude(pk=need.pk).order_by("title")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if (
            status in (NeedStatus.REFUSED, NeedStatus.DUPLICATE)
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Explique el motivo: se muestra públicamente."))
        if status == NeedStatus.DUPLICATE and not cleaned.get("duplicate_of"):
            self.add_error("duplicate_of", _("Indique de qué necesidad es duplicada."))
        if status == NeedStatus.OPENED and not (cleaned.get("opened_url") or self.need.opened_url):
            self.add_error("opened_url", _("Indique dónde se publicaron los datos."))
        return cleaned


class StandardChoiceForm(forms.Form):
    standard = forms.ModelChoiceField(
        label=_("Estándar que debe seguir"),
        queryset=DataStandard.objects.order_by("name"),
        required=False,
        empty_label=_("— Sin estándar —"),
    )


class HoldersForm(forms.Form):
    institutions = forms.ModelMultipleChoiceField(
        label=_("Instituciones que tienen la información"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class MentionForm(forms.Form):
    target = forms.ChoiceField(label=_("Dónde surgió"))
    note = forms.CharField(label=_("Qué se dijo (opcional)"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: list[Any] = [("", _("— Elija —"))]
        for kind in mention_kinds():
            groups.append(
                (str(kind.label), [(f"{kind.model}:{pk}", label) for pk, label in kind.choices()])
            )
        self.fields["target"].choices = groups  # type: ignore[attr-defined]

    def clean_target(self) -> tuple[str, int]:
        value = self.cleaned_data["target"]
        model, _sep, pk = value.rpartition(":")
        if not model or not pk.isdigit():
            raise forms.ValidationError(_("Elija un registro de la lista."))
        return model, int(pk)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Motivo de la moderación"), max_length=300)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo CSV de solicitudes"),
        help_text=_(
            "Exportación de la Plataforma Nacional de Transparencia o de INFOMEX, en Latin-1 o "
            "UTF-8. Para archivos de más de %(mb)s MB use la orden import_pnt_requests."
        ),
    )
    source = forms.SlugField(label=_("Fuente"), initial="pnt", max_length=20)
    encoding = forms.ChoiceField(
        label=_("Codificación"),
        choices=[
            ("auto", _("Detectar")),
            ("cp1252", "Latin-1 (Windows-1252)"),
            ("utf-8", "UTF-8"),
        ],
        initial="auto",
    )
    analyse = forms.BooleanField(
        label=_("Recalcular temas y candidatos al terminar"), required=False, initial=True
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "mb": max_bytes // (1024 * 1024)
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("El archivo pesa más de %(mb)s MB; impórtelo con la orden import_pnt_requests.")
                % {"mb": self.max_bytes // (1024 * 1024)}
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Suba un archivo .csv."))
        return upload


class StandardForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    fields_text = forms.CharField(
        label=_("Campos"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "Uno por línea: nombre | tipo | descripción | obligatorio (sí/no). "
            "Ejemplo: folio | texto | Folio del contrato | sí"
        ),
    )

    class Meta:
        model = DataStandard
        fields = [
            "name",
            "description",
            "data_format",
            "update_frequency",
            "licence",
            "reference_url",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["update_frequency"].choices = UpdateFrequency.choices  # type: ignore[attr-defined]
        self.fields["licence"].choices = Licence.choices  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["fields_text"] = "\n".join(
                " | ".join(
                    [
                        str(item.get("name", "")),
                        str(item.get("type", "")),
                        str(item.get("description", "")),
                        "sí" if item.get("required") else "no",
                    ]
                )
                for item in self.instance.fields
            )

    def clean_fields_text(self) -> list[dict[str, Any]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data.get("fields_text", "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if not parts[0]:
                raise forms.ValidationError(
                    _("La línea %(n)s no tiene nombre de campo.") % {"n": number}
                )
            parts += [""] * (4 - len(parts))
            parsed.append(
                {
                    "name": parts[0],
                    "type": parts[1] or "texto",
                    "description": parts[2],
                    "required": parts[3].lower() in ("sí", "si", "yes", "s", "x", "1"),
                }
            )
        return parsed
