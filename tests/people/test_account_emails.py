"""Account e-mails (sign-up verification, password reset) speak to the reader as usted."""

import pytest
from django.core import mail
from django.test import Client

from datacon.common.models import OutboundEmail
from tests.proposals.test_flow import signup_and_verify

pytestmark = pytest.mark.django_db


def _bodies(email: str) -> list[str]:
    bodies = [m.body for m in mail.outbox if email in m.to]
    return bodies + list(OutboundEmail.objects.filter(to=email).values_list("body_text", flat=True))


def test_signup_verification_email_is_in_spanish_with_usted(demo):
    # The demo (loaded once for the module): the sign-up form asks to accept its privacy notice.
    signup_and_verify(Client(), "nueva.cuenta@example.org")
    (body,) = _bodies("nueva.cuenta@example.org")
    assert "Para confirmar que la dirección es suya, abra este enlace:" in body
    assert "Si no pidió esta cuenta, ignore este mensaje." in body
    assert "vete a" not in body and "Estás" not in body


def test_password_reset_email_is_in_spanish_with_usted(demo):
    signup_and_verify(Client(), "olvido@example.org")
    mail.outbox.clear()
    OutboundEmail.objects.all().delete()
    Client().post("/cuentas/password/reset/", {"email": "olvido@example.org"})
    (body,) = _bodies("olvido@example.org")
    assert "alguien pidió cambiar la contraseña de su cuenta" in body
    assert "/cuentas/password/reset/key/" in body
