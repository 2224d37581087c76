"""Forms of the call for proposals: the proposal, its people, the call's settings, the review.

Forms only help people type (labels, widgets, field-level messages); the
rules live in the services, which the views call with the cleaned values and
whose ValidationErrors they put back on the form, so whatever was typed stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datacon.common.choices import Language
from datacon.common.text import plain_number
from datacon.common.validators import validate_single_line
from datacon.editions.models import (
    Edition,
)
from datacon.people.models import Gender
from datacon.proposals.models import (
    Audience,
    Call,
    CallSessionType,
    Proposal,
    ProposalRole,
    Question,
    QuestionKind,
    ReviewCriterion,
    Track,
)
from datacon.proposals.services import PersonInput, ProposalInput

GENDER_HELP = _(
    "Opcional y privado: solo lo ve el comité organizador y solo se publica sumado con el de "
    "todas las personas, en las cifras de paridad."
)
GENDER_CHOICES = [("", _("Prefiere no declarar"))] + [
    (value, label) for value, label in Gender.choices if value
]


def question_field_name(question: Question) -> str:
    return f"q_{question.pk}"


def _question_field(question: Question) -> forms.Field:
    required_message = {"required": _("Responda esta pregunta.")}
    common: dict[str, Any] = {
        "label": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "error_messages": required_message,
    }
    if question.kind == QuestionKind.CHOICE:
        choices = [("", _("Elija una opción"))] + [(c, c) for c in question.choice_list]
        return forms.ChoiceField(choices=choices, **common)
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Sí")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.NUMBER:
        # The range is the question's (Question.number_problem says the same in the service).
        minimum = question.min_value
        messages: dict[str, Any] = required_message | {
            "invalid": _("Escriba un número, por ejemplo 12.")
        }
        if minimum is not None:
            messages["min_value"] = _("Escriba un número igual o mayor que %(min)s.") % {
                "min": plain_number(minimum)
            }
        return forms.DecimalField(
            min_value=None if minimum is None else Decimal(plain_number(minimum)),
            **common | {"error_messages": messages},
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)


class SessionTypeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # Django's ModelChoiceField takes no type argument at runtime
    def label_from_instance(self, obj: Any) -> str:
        durations = getattr(self, "durations", {})
        minutes = durations.get(obj.pk)
        return f"{obj.name} ({minutes} min)" if minutes else obj.name


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=200, validators=[validate_single_line])
    abstract = forms.CharField(
        label=_("Resumen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Qué se presentará y por qué importa. Admite Markdown."),
    )
    session_type = SessionTypeChoiceField(
        label=_("Tipo de sesión"), queryset=None, empty_label=_("Elija un tipo")
    )
    track: forms.ModelChoiceField[Track] = forms.ModelChoiceField(
        label=_("Eje temático"), queryset=None, required=False, empty_label=_("Sin eje")
    )
    audiences = forms.MultipleChoiceField(
        label=_("¿A quién va dirigida?"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Elija al menos una audiencia.")},
    )
    audience_notes = forms.CharField(
        label=_("Algo más sobre la audiencia"), max_length=300, required=False
    )
    language = forms.ChoiceField(
        label=_("Idioma"), choices=[c for c in Language.choices if c[0] != "other"]
    )
    notes_for_organisers = forms.CharField(
        label=_("Notas para el comité organizador"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Necesidades técnicas o de accesibilidad. Las personas revisoras no las ven."),
    )

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        accepted = list(CallSessionType.objects.filter(call=call).select_related("session_type"))
        field = self.fields["session_type"]
        assert isinstance(field, SessionTypeChoiceField)
        field.queryset = call.edition.session_types.filter(
            pk__in=[a.session_type_id for a in accepted]
        ).order_by("order", "name")
        field.durations = {a.session_type_id: a.duration_minutes for a in accepted}  # type: ignore[attr-defined]
        tracks = Track.objects.filter(edition_id=call.edition_id)
        track_field = self.fields["track"]
        assert isinstance(track_field, forms.ModelChoiceField)
        track_field.queryset = tracks
        if not tracks.exists():
            del self.fields["track"]
        self.questions = list(call.questions.all())
        for question in self.questions:
            self.fields[question_field_name(question)] = _question_field(question)

    def question_fields(self) -> list[forms.BoundField]:
        return [self[question_field_name(q)] for q in self.questions]

    def main_fields(self) -> list[forms.BoundField]:
        names = [n for n in self.fields if not n.startswith("q_")]
        return [self[name] for name in names]

    def proposal_input(self) -> ProposalInput:
        data = self.cleaned_data
        return ProposalInput(
            title=data["title"],
            abstract=data["abstract"],
            session_type=data["session_type"],
            track=data.get("track"),
            audiences=list(data["audiences"]),
            audience_notes=data.get("audience_notes", ""),
            language=data["language"],
            notes_for_organisers=data.get("notes_for_organisers", ""),
        )

    def answers(self) -> dict[int, str]:
        answers: dict[int, str] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            answers[question.pk] = "" if value is None else str(value)
        return answers

    @classmethod
    def initial_from(cls, proposal: Proposal) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": proposal.title,
            "abstract": proposal.abstract,
            "session_type": proposal.session_type_id,
            "track": proposal.track_id,
            "audiences": proposal.audiences,
            "audience_notes": proposal.audience_notes,
            "language": proposal.language,
            "notes_for_organisers": proposal.notes_for_organisers,
        }
        for answer in proposal.answers.all():
            initial[f"q_{answer.question_id}"] = answer.value
        return initial


class SelfForm(forms.Form):
    """The proponent's own line: their e-mail is the account's."""

    name = forms.CharField(
        label=_("Su nombre, como debe aparecer en el programa"),
        max_length=200,
        validators=[validate_single_line],
    )
    role = forms.ChoiceField(label=_("Su papel"), choices=ProposalRole.choices)
    organisation = forms.CharField(
        label=_("Organización"), max_length=250, required=False, validators=[validate_single_line]
    )
    position = forms.CharField(
        label=_("Cargo"), max_length=200, required=False, validators=[validate_single_line]
    )
    gender = forms.ChoiceField(
        label=_("Género"), choices=GENDER_CHOICES, required=False, help_text=GENDER_HELP
    )


class PersonForm(forms.Form):
    name = forms.CharField(
        label=_("Nombre"), max_length=200, required=False, validators=[validate_single_line]
    )
    email = forms.EmailField(
        label=_("Correo"),
        required=False,
        help_text=_("Le enviaremos una invitación para que confirme."),
        error_messages={"invalid": _("Escriba un correo válido, por ejemplo ana@ejemplo.org.")},
    )
    role = forms.ChoiceField(label=_("Papel"), choices=ProposalRole.choices, required=False)
    organisation = forms.CharField(
        label=_("Organización"), max_length=250, required=False, validators=[validate_single_line]
    )
    position = forms.CharField(
        label=_("Cargo"), max_length=200, required=False, validators=[validate_single_line]
    )
    gender = forms.ChoiceField(
        label=_("Género (si la persona se lo indicó)"),
        choices=GENDER_CHOICES,
        required=False,
        help_text=_("Ella podrá corregirlo al confirmar. Privado, como el suyo."),
    )

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("name", "email", "organisation", "position"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not data.get("name"):
            self.add_error("name", _("Escriba el nombre."))
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Escriba el correo para invitar a esta persona."))
        if not data.get("role"):
            self.add_error("role", _("Elija el papel."))
        return data


PersonFormSet = forms.formset_factory(PersonForm, extra=0, max_num=50, validate_max=True)


def people_formset(*, call: Call, data: Any = None, initial: Sequence[dict[str, Any]] = ()) -> Any:
    """Rows for the other people: those already on the proposal plus blank rows up to the maximum."""
    blank_rows = max(1, call.max_people - 1 - len(initial))
    formset_class = forms.formset_factory(
        PersonForm,
        extra=blank_rows,
        max_num=max(call.max_people - 1, len(initial)),
        validate_max=True,
    )
    return formset_class(data=data, initial=list(initial), prefix="people")


def people_inputs(self_form: SelfForm, formset: Any, *, email: str) -> list[PersonInput]:
    me = self_form.cleaned_data
    people = [
        PersonInput(
            name=me["name"],
            email=email,
            role=me["role"],
            organisation=me.get("organisation", ""),
            position=me.get("position", ""),
            gender=me.get("gender", ""),
        )
    ]
    for form in formset.forms:
        if not getattr(form, "cleaned_data", None) or form.is_blank():
            continue
        data = form.cleaned_data
        people.append(
            PersonInput(
                name=data["name"],
                email=data["email"],
                role=data["role"],
                organisation=data.get("organisation", ""),
                position=data.get("position", ""),
                gender=data.get("gender", ""),
            )
        )
    return people


class InvitationForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organización"), max_length=250, required=False, validators=[validate_single_line]
    )
    position = forms.CharField(
        label=_("Cargo"), max_length=200, required=False, validators=[validate_single_line]
    )
    gender = forms.ChoiceField(
        label=_("Género"), choices=GENDER_CHOICES, required=False, help_text=GENDER_HELP
    )


# --- back office ---------------------------------------------------------------------


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in the edition's time zone (the view sets `tz`)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class CallForm(forms.ModelForm):  # type: ignore[type-arg]  # Django's ModelForm takes no type argument at runtime
    opens_at = LocalDateTimeField(label=_("Abre"))
    closes_at = LocalDateTimeField(label=_("Cierra"))

    class Meta:
        model = Call
        fields = (
            "opens_at",
            "closes_at",
            "text",
            "anonymous_review",
            "max_people",
            "contact_email",
        )
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        self.edition = edition
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs.setdefault("initial", {})
            kwargs["initial"]["opens_at"] = instance.opens_at.astimezone(edition.tz).replace(
                tzinfo=None
            )
            kwargs["initial"]["closes_at"] = instance.closes_at.astimezone(edition.tz).replace(
                tzinfo=None
            )
        super().__init__(*args, **kwargs)
        tz_label = _("hora de %(tz)s") % {"tz": edition.timezone}
        self.fields["opens_at"].help_text = tz_label
        self.fields["closes_at"].help_text = tz_label

    def _in_edition_tz(self, name: str) -> dt.datetime | None:
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        # Whatever the server's zone, the typed wall-clock time is the edition's.
        naive: dt.datetime = value.replace(tzinfo=None)
        return naive.replace(tzinfo=self.edition.tz)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("opens_at", "closes_at"):
            if data.get(name) is not None:
                data[name] = self._in_edition_tz(name)
        return data


class ScoreForm(forms.Form):
    """One radio group per criterion, within its scale; the comment."""

    comment = forms.CharField(
        label=_("Comentario para el comité"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args: Any, criteria: Sequence[ReviewCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=[
                    (value, str(value))
                    for value in range(criterion.scale_min, criterion.scale_max + 1)
                ],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "score-options"}),
                required=True,
                error_messages={
                    "required": _("Califique «%(criterion)s».") % {"criterion": criterion.name},
                    "invalid_choice": _(
                        "La puntuación de «%(criterion)s» debe estar entre %(min)s y %(max)s."
                    )
                    % {
                        "criterion": criterion.name,
                        "min": criterion.scale_min,
                        "max": criterion.scale_max,
                    },
                },
            )

    def criterion_fields(self) -> list[forms.BoundField]:
        return [self[f"criterion_{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"criterion_{c.pk}") for c in self.criteria}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisión"),
        choices=[
            ("accepted", _("Aceptar")),
            ("waitlisted", _("Lista de espera")),
            ("rejected", _("No aceptar")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Nota para las personas (va en el correo, {nota})"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    accept_without_reviews = forms.BooleanField(
        label=_("Confirmo que acepto esta propuesta sin ninguna revisión completa"),
        required=False,
    )

    def __init__(self, *args: Any, reviewed: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reviewed:
            # The confirmation is asked only of a proposal nobody has reviewed yet.
            del self.fields["accept_without_reviews"]
