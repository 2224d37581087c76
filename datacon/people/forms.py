"""Forms for accounts and privacy: the sign-up with explicit consent, and the ARCO screens.

`AccountSignupForm` is allauth's sign-up form (settings.ACCOUNT_FORMS) with
the platform's privacy notice: the person must tick the consent, which is
recorded with the notice's version. It carries the shared honeypot; allauth's
own rate limit (ACCOUNT_RATE_LIMITS["signup"]) caps sign-ups per address.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from datacon.common.forms import HoneypotMixin
from datacon.common.validators import validate_single_line
from datacon.people.models import Organisation
from datacon.people.models_privacy import ConsentPurpose, NonEssentialUse


# django-allauth ships no type information, so its signup form is `Any` to mypy.
class AccountSignupForm(HoneypotMixin, SignupForm):  # type: ignore[misc]
    field_order = ["email", "password1", "password2", "privacy_consent"]

    privacy_consent = forms.BooleanField(
        label=_("Acepto el aviso de privacidad"),
        required=True,
        error_messages={"required": _("Para crear la cuenta debe aceptar el aviso de privacidad.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from datacon.people.privacy_selectors import privacy_notice_current

        super().__init__(*args, **kwargs)
        self.notice = privacy_notice_current(edition=None)
        if self.notice is not None:
            self.fields["privacy_consent"].label = mark_safe(  # our own text and URL
                _('He leído y acepto el <a href="%(url)s">aviso de privacidad</a> (versión %(v)s)')
                % {"url": reverse("public:privacy_platform"), "v": self.notice.version}
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.notice is None:
            raise forms.ValidationError(
                _(
                    "Por ahora no se pueden crear cuentas: falta publicar el aviso de privacidad "
                    "de la plataforma."
                ),
                code="no_notice",
            )
        return cleaned

    def save(self, request: HttpRequest) -> User:
        from datacon.common.actor import Actor
        from datacon.people.privacy_services import consent_record

        user: User = super().save(request)  # allauth creates the account
        assert self.notice is not None
        consent_record(
            user=user, notice=self.notice, purpose=ConsentPurpose.ACCOUNT, actor=Actor.of(user)
        )
        return user


class RectifyAccountForm(forms.Form):
    first_name = forms.CharField(
        label=_("Nombre"), max_length=150, required=False, validators=[validate_single_line]
    )
    last_name = forms.CharField(
        label=_("Apellidos"), max_length=150, required=False, validators=[validate_single_line]
    )


class ObjectionsForm(forms.Form):
    objections = forms.MultipleChoiceField(
        label=_("Me opongo a que usen mis datos para:"),
        choices=NonEssentialUse.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Entiendo que mi cuenta se elimina para siempre y que mis registros quedan anónimos."
        ),
        required=True,
        error_messages={"required": _("Marque la casilla para confirmar.")},
    )
    password = forms.CharField(
        label=_("Su contraseña"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"].required = True
        else:
            del self.fields["password"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("La contraseña no es correcta."))
        return password


class ParticipantProfileForm(forms.Form):
    """A participant's own public profile; the service decides what stays private."""

    public_name = forms.CharField(
        label=_("Nombre como se mostrará"), max_length=200, validators=[validate_single_line]
    )
    position = forms.CharField(
        label=_("Cargo o papel público"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    organisation = forms.ModelChoiceField(
        label=_("Organización"), queryset=Organisation.objects.order_by("name"), required=False
    )
    bio = forms.CharField(
        label=_("Semblanza"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    website = forms.URLField(label=_("Enlace (sitio web o perfil)"), required=False)
    private = forms.MultipleChoiceField(
        label=_("Mantener privados (no se publican en ninguna página ni en los datos)"),
        choices=[
            ("position", _("Cargo: privado")),
            ("organisation", _("Organización: privada")),
            ("bio", _("Semblanza: privada")),
            ("website", _("Enlace: privado")),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    photo = forms.ImageField(label=_("Fotografía (opcional)"), required=False)
    photo_remove = forms.BooleanField(label=_("Quitar la fotografía actual"), required=False)
    photo_consent = forms.BooleanField(
        label=_("Acepto que mi fotografía se publique en el sitio y en los datos abiertos"),
        required=False,
    )
