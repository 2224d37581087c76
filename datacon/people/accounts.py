"""allauth adapter: account e-mails (verification, password reset) go through the outbox.

The outbox (datacon.common.mail) keeps every message until the mail server
accepts it and retries with back-off, so a person never loses the link that
verifies their new account because SMTP was down for a minute.

Links and the site named in these e-mails come from the configured public
address (`datacon.common.urls`), like every other e-mail of the platform, not from
the Host header of the request that triggered them.

Every e-mail address a person chooses (sign-up, adding an address) passes
`clean_email` here, so one check keeps what cannot be stored out: an address
longer than the account's e-mail field used to be cut to fit (losing its
domain) and then failed in the outbox, after the account was half created.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from datacon.common.urls import absolute_url, public_host


@dataclass(frozen=True)
class PublicSite:
    """What allauth's templates read as `current_site`: the public address, not the request's."""

    name: str
    domain: str


def _rebased(value: Any, request_base: str) -> Any:
    """An absolute link built from the request's host, moved to the public address."""
    if request_base and isinstance(value, str) and value.startswith(request_base + "/"):
        return absolute_url(value[len(request_base) :])
    return value


def email_max_length() -> int:
    """The longest address an account can keep (User.email; allauth's EmailAddress is the same)."""
    return get_user_model()._meta.get_field("email").max_length or 254


# django-allauth ships no type information, so its adapter is `Any` to mypy.
class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def clean_email(self, email: str) -> str:
        limit = email_max_length()
        if len(email) > limit:
            raise forms.ValidationError(
                _(
                    "El correo puede tener hasta %(max)s caracteres y este tiene %(length)s. "
                    "Use una dirección más corta."
                )
                % {"max": limit, "length": len(email)},
                code="email_too_long",
            )
        cleaned: str = super().clean_email(email)
        return cleaned

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return absolute_url("account_confirm_email", emailconfirmation.key)

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from allauth.core import context as allauth_context

        from datacon.common.actor import Actor
        from datacon.common.mail import email_enqueue

        request = allauth_context.request
        # allauth builds some links from the request's Host: move them to the public address.
        request_base = f"{request.scheme}://{request.get_host()}" if request else ""
        host = public_host()
        full_context: dict[str, Any] = {
            "request": request,
            "email": email,
            "current_site": PublicSite(name=host, domain=host),
        }
        full_context.update({key: _rebased(value, request_base) for key, value in context.items()})
        message = self.render_mail(template_prefix, email, full_context)
        html = ""
        if isinstance(message, EmailMultiAlternatives):
            html = next(
                (
                    str(content)
                    for content, mimetype in message.alternatives
                    if mimetype == "text/html"
                ),
                "",
            )
        email_enqueue(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=html,
            purpose=f"account.{template_prefix.rsplit('/', 1)[-1]}",
            actor=Actor.system("account e-mails"),
        )
