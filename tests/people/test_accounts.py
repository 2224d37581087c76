"""Account e-mail addresses: what cannot be stored is refused on the form, nothing half made
(issue 13.7)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from datacon.common.models import OutboundEmail
from tests.registration.factories import published_notice

pytestmark = pytest.mark.django_db
PASSWORD = "una-clave-larga-segura-2027"


def test_signup_with_an_over_long_email_says_so_and_creates_nothing():
    published_notice()
    email = "a" * 250 + "@correo-privado.example"  # 273 characters, the field keeps 254
    response = Client(raise_request_exception=False).post(
        "/cuentas/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "privacy_consent": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "El correo puede tener hasta 254 caracteres y este tiene 273." in html
    assert f'value="{email}"' in html  # what the person typed is still there
    assert get_user_model().objects.count() == 0
    assert EmailAddress.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_signup_with_the_longest_storable_email_works():
    published_notice()
    email = "b" * (254 - len("@correo-privado.example")) + "@correo-privado.example"
    response = Client().post(
        "/cuentas/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "privacy_consent": "on"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get().email == email
    assert OutboundEmail.objects.get().to == email
