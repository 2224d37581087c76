"""Forms of the public registration pages. They only collect and clean input;
the services decide (seats, duplicates, required fields) and their errors are
shown on the same form (datacon.common.forms.service_errors_to_form), which
keeps what the person typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line
from datacon.editions.models import Venue
from datacon.registration.models import (
    STATE_CHOICES,
    AttendanceMode,
    FieldMode,
    RegistrationSettings,
    Sector,
)

REQUIRED_MESSAGES = {
    "organisation": _("Indique su organización."),
    "sector": _("Elija su sector."),
    "state": _("Elija su entidad federativa (o «Fuera de México»)."),
    "accessibility_needs": _("Describa sus necesidades de accesibilidad."),
}


class RegistrationForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Nombre completo"),
        max_length=200,
        validators=[validate_single_line],
        error_messages={"required": _("Indique su nombre completo.")},
        help_text=_("Como quiere que aparezca en su boleto."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    mode = forms.ChoiceField(
        label=_("¿Cómo asistirá?"),
        choices=AttendanceMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Elija cómo asistirá: presencial o en línea.")},
    )
    venue = forms.ModelChoiceField(
        label=pgettext_lazy("registro", "Sede"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("Elija una sede"),
    )
    organisation = forms.CharField(
        label=_("Organización"),
        max_length=200,
        validators=[validate_single_line],
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )
    state = forms.ChoiceField(
        label=_("Entidad federativa"), choices=[("", "—"), *STATE_CHOICES], required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Necesidades de accesibilidad"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Por ejemplo: intérprete de lengua de señas, acceso en silla de ruedas, subtítulos. "
            "Solo lo ve el equipo organizador para prepararse."
        ),
    )
    listed = forms.BooleanField(
        label=_("Quiero aparecer en la lista pública de asistentes (solo nombre y organización)"),
        required=False,
    )
    consent = forms.BooleanField(label=_("Acepto el aviso de privacidad"), required=False)

    OPTIONAL_FIELDS = ("organisation", "sector", "state", "accessibility_needs")

    def __init__(
        self,
        *args: Any,
        config: RegistrationSettings,
        venues: list[Venue],
        notice_url: str = "",
        notice_version: int | None = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.config = config
        venue_field = self.fields["venue"]
        assert isinstance(venue_field, forms.ModelChoiceField)
        venue_field.queryset = Venue.objects.filter(pk__in=[v.pk for v in venues])
        modes = [
            choice
            for choice in AttendanceMode.choices
            if (choice[0] == AttendanceMode.IN_PERSON and config.allow_in_person and venues)
            or (choice[0] == AttendanceMode.ONLINE and config.allow_online)
        ]
        mode_field = self.fields["mode"]
        assert isinstance(mode_field, forms.ChoiceField)
        mode_field.choices = modes
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0][0]
        if not (config.allow_in_person and venues):
            del self.fields["venue"]
        elif len(venues) == 1:
            self.fields["venue"].initial = venues[0].pk
        for name, mode in config.field_modes().items():
            if mode == FieldMode.OFF:
                del self.fields[name]
            else:
                self.fields[name].required = mode == FieldMode.REQUIRED
                self.fields[name].error_messages["required"] = REQUIRED_MESSAGES[name]
        if not config.public_list_enabled:
            del self.fields["listed"]
        if editing:
            del self.fields["consent"]
        else:
            self.fields["consent"].required = True
            self.fields["consent"].error_messages["required"] = _(
                "Para registrarse debe aceptar el aviso de privacidad."
            )
            if notice_url:
                self.fields["consent"].label = mark_safe(  # our own text and URL
                    _(
                        'He leído y acepto el <a href="%(url)s">aviso de privacidad</a> (versión %(v)s)'
                    )
                    % {"url": notice_url, "v": notice_version}
                )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("mode") == AttendanceMode.IN_PERSON
            and "venue" in self.fields
            and not cleaned.get("venue")
        ):
            self.add_error("venue", _("Elija la sede a la que asistirá."))
        return cleaned
