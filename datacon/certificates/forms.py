"""Forms of constancias: shape only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.certificates.models import CertificateRule


class NameForm(forms.Form):
    certificate = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("Nombre en la constancia"), max_length=200)


class RevokeForm(forms.Form):
    certificate = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Motivo de la revocación"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RuleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CertificateRule
        fields = [
            "attendance_enabled",
            "min_sessions",
            "attendance_hours",
            "participation_enabled",
            "reviewers_enabled",
            "signer_name",
            "signer_title",
            "logo",
            "signature",
        ]
