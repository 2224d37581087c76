"""Forms of editions: a co-convener's request, venue candidates, a new edition from the last.

Forms only help people type; the rules live in the services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line
from datacon.editions.models import (
    CoConvenerApplication,
    Edition,
    VenueCandidate,
    VenueCandidateStatus,
)
from datacon.editions.models_access import EditionDuty


class CoConvenerForm(HoneypotMixin, forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = CoConvenerApplication
        fields = (
            "organisation_name",
            "acronym",
            "kind",
            "website",
            "logo",
            "description",
            "motivation",
            "contact_name",
            "contact_email",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
        }


class VenueCandidateForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    class Meta:
        model = VenueCandidate
        fields = ("state", "guarantor_body", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class VenueStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Estado"), choices=VenueCandidateStatus.choices)


class EditionCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copiar de"), queryset=Edition.objects.order_by("-year")
    )
    number = forms.IntegerField(label=_("Número de edición"), min_value=1)
    year = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2200)
    title = forms.CharField(label=_("Título"), max_length=200, validators=[validate_single_line])
    start_date = forms.DateField(
        label=_("Fecha de inicio"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("Fecha de término"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("year") and Edition.objects.filter(year=data["year"]).exists():
            self.add_error("year", _("Ya existe una edición de ese año."))
        if data.get("number") and Edition.objects.filter(number=data["number"]).exists():
            self.add_error("number", _("Ya existe una edición con ese número."))
        start, end = data.get("start_date"), data.get("end_date")
        if bool(start) != bool(end):
            self.add_error("end_date", _("Indique ambas fechas o ninguna."))
        if start and end and end < start:
            self.add_error(
                "end_date", _("La fecha de término no puede ser anterior a la de inicio.")
            )
        if start and data.get("year") and start.year != data["year"]:
            self.add_error("start_date", _("La fecha de inicio debe caer en el año de la edición."))
        return data


class EditionRoleGrantForm(forms.Form):
    """Give an existing account a duty in one edition (the service checks the rest)."""

    email = forms.EmailField(
        label=_("Correo de la cuenta"),
        help_text=_("La persona debe tener ya una cuenta en la plataforma."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    duty = forms.ChoiceField(label=_("Función"), choices=EditionDuty.choices)
    expires_on = forms.DateField(
        label=_("Vence (opcional)"),
        required=False,
        help_text=_("Último día en que la función sigue vigente. Vacío: sin vencimiento."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Nota (opcional)"),
        required=False,
        max_length=300,
        validators=[validate_single_line],
        help_text=_("Por qué se otorga; queda en el historial."),
    )
