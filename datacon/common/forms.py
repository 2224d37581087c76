"""Form pieces every form shares: the honeypot, and showing a service's errors.

`HoneypotMixin` adds a field that people never see (hidden with CSS, labelled
"leave empty", skipped by keyboard) and that simple spam bots fill in. A form
with it filled is refused with a neutral message and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work

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


def service_errors_to_form(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    field_names: dict[str, str] | None = None,
    extra: dict[str, list[str]] | None = None,
) -> None:
    """Show a service's refusal on the form, so the person sees what to fix and keeps what
    they typed: the one way every view does it.

    Errors on a field the form has go on that field; `field_names` maps a
    service's key to the form's (e.g. {"question_7": "q_7"}); keys the form
    lacks go to `extra` when given (shown by the template next to what they
    concern, e.g. "people"), else to the form's general errors.
    """
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        target = (field_names or {}).get(key, key)
        if target in form.fields:
            for message in messages:
                form.add_error(target, message)
        elif extra is not None and key != NON_FIELD_ERRORS:
            extra.setdefault(key, []).extend(messages)
        else:
            for message in messages:
                form.add_error(None, message)


def model_form_save(
    form: Any,
    *,
    actor: Actor,
    rule: str,
    service: Callable[[Any, Actor], Model],
    on: Model | None = None,
) -> Model | None:
    """Save a bound, valid model form through a service, in one unit of work: the named
    rule (asked on `on`, or on the record), the service, then the form's many-to-many
    choices. A service's refusal (`ValidationError`) is shown on the form, which keeps
    what was typed, and None is returned. Both back-office record mechanisms use it."""
    record = form.save(commit=False)
    try:
        with unit_of_work(actor):
            require(actor, rule, record if on is None else on)
            saved = service(record, actor)
            form.save_m2m()
    except ValidationError as error:
        service_errors_to_form(form, error)
        return None
    return saved
