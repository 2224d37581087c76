"""allauth adapter: account e-mails (verification, password reset) go through the outbox.

The outbox (datacon.common.mail) keeps every message until the mail server
accepts it and retries with back-off, so a person never loses the link that
verifies their new account because SMTP was down for a minute.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        from datacon.common.actor import Actor
        from datacon.common.mail import email_enqueue

        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
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
