"""Public forms of the consultation. They only collect input: the rules are in services.py.

Each form carries the honeypot field. Comment fields have no `maxlength`
attribute on purpose: a browser would silently cut pasted text; the server
says how long the text is and keeps all of it in the form instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line

if TYPE_CHECKING:
    from datacon.policy.models import Paragraph


class JoinForm(HoneypotMixin):
    display_name = forms.CharField(
        label=_("Nombre que se mostrará junto a sus comentarios"),
        required=False,
        max_length=200,  # the service gives the clear 60-character message
        validators=[validate_single_line],
        help_text=_(
            "Opcional. Puede ser un seudónimo. Si lo deja vacío se mostrará «Participante N». "
            "Nunca se publica su correo."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_rules = forms.BooleanField(
        label=_("He leído y acepto las reglas de participación de esta consulta."),
        required=False,
    )


class CommentForm(HoneypotMixin):
    body = forms.CharField(
        label=_("Su comentario"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-counter": "true"}),
    )
    quote = forms.CharField(required=False, widget=forms.HiddenInput)
    quote_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    quote_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ReplyForm(HoneypotMixin):
    body = forms.CharField(
        label=_("Su respuesta"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-counter": "true"}),
    )


class FlagForm(HoneypotMixin):
    reason = forms.CharField(
        label=_("¿Por qué incumple las reglas?"),
        required=False,
        widget=forms.TextInput(),
    )


# --- back office -------------------------------------------------------------------------------


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo público"),
        required=False,
        max_length=1000,  # the service gives the clear 300-character message
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_(
            "Al ocultar, se publica en lugar del comentario: «Comentario ocultado por "
            "moderación: <motivo>». La persona autora recibe aviso."
        ),
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Dictamen"), required=False, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Razones"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    addressed_in: forms.ModelChoiceField[Paragraph] = forms.ModelChoiceField(
        label=_("Párrafo de una versión posterior que lo atiende"),
        queryset=None,  # set per consultation
        required=False,
        empty_label=_("Ninguno (todavía no hay versión posterior, o no se atiende)"),
    )

    def __init__(self, *args: object, paragraphs: list[Paragraph], **kwargs: object) -> None:
        from datacon.consultation.models import AnswerStatus
        from datacon.policy.models import Paragraph

        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = AnswerStatus.choices
        field = self.fields["addressed_in"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Paragraph.objects.filter(pk__in=[p.pk for p in paragraphs])
        labels = {
            p.pk: f"v{p.version.number} · ¶ {p.number} ({p.identity.anchor}) — {p.plain_text[:90]}"
            for p in paragraphs
        }
        # Newest version first, in reading order, without one query per option.
        field.choices = [("", field.empty_label)] + [(p.pk, labels[p.pk]) for p in paragraphs]
