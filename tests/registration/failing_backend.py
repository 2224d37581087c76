"""An e-mail backend that behaves like an SMTP server that is down."""

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("Servidor de correo caído (prueba)")
