"""Form pieces every public form shares.

`HoneypotMixin` adds a field that people never see (hidden with CSS, labelled
"leave empty", skipped by keyboard) and that simple spam bots fill in. A form
with it filled is refused with a neutral message and keeps nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "sitio_web_confirmacion"


class HoneypotMixin(forms.Form):
    sitio_web_confirmacion = forms.CharField(
        label=_("Deje este campo vacío"),
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("No pudimos procesar el formulario. Inténtelo de nuevo."), code="honeypot"
            )
        return cleaned
