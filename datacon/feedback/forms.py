"""Forms of feedback: a rating, the survey as set by its organisers, the survey editor.

Shape only: who may answer and whether an answer is valid for the survey is
the services' business (datacon/feedback/services.py).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from datacon.common.validators import validate_single_line
from datacon.feedback.aggregates import MIN_GROUP
from datacon.feedback.models import COMMENT_MAX_LENGTH, QuestionKind, SurveyQuestion

SCALE_CHOICES = [
    ("1", _("1 · Muy mala")),
    ("2", _("2 · Mala")),
    ("3", _("3 · Regular")),
    ("4", _("4 · Buena")),
    ("5", _("5 · Muy buena")),
]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Su calificación"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comentario para quienes presentaron (opcional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=format_lazy(
            _(
                "Lo leen solo las personas ponentes y la organización, sin su nombre, y solo "
                "cuando la sesión tiene al menos {n} calificaciones. Nunca se publica."
            ),
            n=MIN_GROUP,
        ),
    )


class SurveyForm(forms.Form):
    """One field per question, named q<id>."""

    def __init__(self, *args: Any, questions: list[SurveyQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            name = f"q{question.pk}"
            field: forms.Field
            if question.kind == QuestionKind.SCALE:
                field = forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(
                    choices=[(option, option) for option in question.option_list],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.CharField(
                    max_length=COMMENT_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Solo la lee la organización, sin su nombre. Nunca se publica."),
                )
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict[int, Any]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if name[:1] == "q"
        }


class SurveySettingsForm(forms.Form):
    title = forms.CharField(
        label=_("Título"), max_length=200, validators=[validate_single_line], required=False
    )
    intro = forms.CharField(
        label=_("Presentación"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_open = forms.BooleanField(
        label=_("Abierta: quienes asistieron pueden responderla"), required=False
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Pregunta"), max_length=300, validators=[validate_single_line])
    kind = forms.ChoiceField(label=_("Tipo"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Opciones (solo para opción única)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Una opción por renglón, de 2 a 10."),
    )
    required = forms.BooleanField(label=_("Obligatoria"), required=False)
