"""Forms of contributions: the public proposal and the organisers' decision (shape only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line
from datacon.contributions.models import (
    CONTENT_MAX_LENGTH,
    QUOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    ContributionKind,
)
from datacon.editions.models import Edition
from datacon.program.models import Session


class SessionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # Django's ModelChoiceField takes no type argument at runtime
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {obj.title}" if obj.code else str(obj.title)


class ContributionForm(HoneypotMixin, forms.Form):
    kind = forms.ChoiceField(label=_("¿Qué aporta?"), choices=ContributionKind.choices)
    session = SessionChoiceField(
        label=_("Sesión a la que se refiere (si la hay)"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("Ninguna o no está en la lista"),
    )
    target = forms.CharField(
        label=_("¿Sobre qué es?"),
        max_length=300,
        required=False,
        validators=[validate_single_line],
        help_text=_("Por ejemplo: el título de la sesión o el nombre de la persona."),
    )
    content = forms.CharField(
        label=_("Su aportación"),
        max_length=CONTENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Lo que falta o lo que hay que corregir, tal como lo dice la fuente. No incluya "
            "datos personales de nadie (correos, teléfonos)."
        ),
    )
    source_url = forms.URLField(
        label=_("Dirección (URL) de la fuente"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Una página pública donde se pueda comprobar: nota de prensa, video, acta."),
    )
    source_title = forms.CharField(
        label=_("Título de la fuente"), max_length=300, validators=[validate_single_line]
    )
    source_publisher = forms.CharField(
        label=_("Quién la publica"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        help_text=_("El medio, la institución o la organización."),
    )
    source_date = forms.DateField(
        label=_("Fecha de la fuente"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source_quote = forms.CharField(
        label=_("Cita breve de la fuente"),
        max_length=QUOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hasta %(count)s caracteres, copiados tal cual de la fuente.")
        % {"count": QUOTE_MAX_LENGTH},
    )
    credit = forms.BooleanField(
        label=_("Quiero que mi nombre aparezca junto a la aportación si se acepta"),
        required=False,
    )
    credit_name = forms.CharField(
        label=_("Nombre con el que quiere aparecer"),
        max_length=120,
        required=False,
        validators=[validate_single_line],
        help_text=_("Solo se publica si marca la casilla anterior."),
    )

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sessions = Session.objects.filter(edition=edition).order_by(
            "day", "starts_at", "order_in_day", "code"
        )
        if not sessions.exists():
            # An edition whose program was not preserved: nothing to pick from.
            del self.fields["session"]
            return
        session_field = self.fields["session"]
        assert isinstance(session_field, forms.ModelChoiceField)
        session_field.queryset = sessions

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("credit") and not (cleaned.get("credit_name") or "").strip():
            self.add_error("credit_name", _("Escriba el nombre con el que quiere aparecer."))
        return cleaned


class ReviewForm(forms.Form):
    contribution = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("accept", _("Aceptar")), ("reject", _("No aceptar"))])
    reason = forms.CharField(
        label=_("Motivo (público si no se acepta)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
