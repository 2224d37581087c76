"""The registration's messages, queued in the outbox (datacon.common.mail).

Each message is rendered in the language the person registered in and in
the edition's time zone, as plain text plus HTML, with an iCalendar file
when it confirms (or cancels) something that goes in a calendar. Services
call these inside their transaction, so a message exists exactly when the
change it announces does; the outbox sends it after commit and retries.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from datacon.common.actor import Actor
from datacon.common.ical import CALENDAR_CONTENT_TYPE
from datacon.common.mail import Attachment, email_enqueue
from datacon.common.urls import absolute_url
from datacon.registration.calendar import calendar_for, registration_events, signup_events
from datacon.registration.models import (
    AttendanceMode,
    Registration,
    RegistrationStatus,
    SessionSignup,
)
from datacon.registration.tokens import cancel_link_max_age, cancel_token_make


def absolute(path: str) -> str:
    return absolute_url(path)


def _language(registration: Registration) -> str:
    return "en" if (registration.language or "").startswith("en") else "es-mx"


def _common_context(registration: Registration) -> dict[str, Any]:
    from datacon.people.privacy_selectors import privacy_notice_current
    from datacon.registration.selectors import registration_settings_for, streaming_url_for

    edition = registration.edition
    config = registration_settings_for(edition=edition)
    notice = privacy_notice_current(edition=edition)
    online = registration.mode == AttendanceMode.ONLINE
    return {
        "registration": registration,
        "edition": edition,
        "venue": registration.venue,
        "online": online,
        "has_streaming": bool(online and config and streaming_url_for(config=config)),
        "streaming_link": absolute(
            reverse("public:registration_stream", kwargs={"code": registration.ticket_code})
        ),
        "account_url": absolute(reverse("public:account")),
        "sessions_url": absolute(
            reverse("public:registration_sessions", kwargs={"edition": edition.slug})
        ),
        "registration_url": absolute(
            reverse("public:registration_start", kwargs={"edition": edition.slug})
        ),
        "cancel_url": absolute(
            reverse(
                "public:registration_cancel",
                kwargs={
                    "token": cancel_token_make(
                        registration_id=registration.pk, ticket_code=registration.ticket_code
                    )
                },
            )
        ),
        "cancel_days": cancel_link_max_age().days,
        "privacy_url": absolute(reverse("public:privacy_edition", kwargs={"edition": edition.slug}))
        if notice
        else "",
        "privacy_contact": notice.arco_contact if notice else edition.privacy_contact_email,
    }


def _render(kind: str, context: dict[str, Any]) -> tuple[str, str]:
    text = render_to_string(f"registration/email/{kind}.txt", context)
    html = render_to_string(f"registration/email/{kind}.html", context)
    return text.strip() + "\n", html


def _ics(content: bytes | None, name: str) -> list[Attachment]:
    if not content:
        return []
    return [Attachment(filename=name, content=content, content_type=CALENDAR_CONTENT_TYPE)]


REGISTRATION_SUBJECTS = {
    "confirmed": lambda e: _("Registro confirmado: %(edition)s") % {"edition": e.title},
    "waiting": lambda e: _("Lista de espera: %(edition)s") % {"edition": e.title},
    "promoted": lambda e: (
        _("Se liberó un lugar: su registro a %(edition)s está confirmado") % {"edition": e.title}
    ),
    "cancelled": lambda e: _("Registro cancelado: %(edition)s") % {"edition": e.title},
    "reminder": lambda e: _("Recordatorio: %(edition)s") % {"edition": e.title},
    "streaming": lambda e: _("Enlace de la transmisión: %(edition)s") % {"edition": e.title},
    "cancel_link": lambda e: (
        _("Enlace para cancelar su registro: %(edition)s") % {"edition": e.title}
    ),
}
WITH_CALENDAR = {"confirmed", "promoted", "reminder", "cancelled"}


def recipient(registration: Registration) -> str:
    """The account's current address (it may have changed since registering), else the one given."""
    user = registration.user if registration.user_id else None
    return (user.email if user is not None and user.email else registration.email) or ""


def registration_email(
    *, registration: Registration, kind: str, position: int | None = None, actor: Actor
) -> None:
    """Queue one of the registration's messages to the person (nothing if anonymised)."""
    to = recipient(registration)
    if not to or registration.is_anonymised:
        return
    edition = registration.edition
    with translation.override(_language(registration)), timezone.override(edition.tz):
        context = _common_context(registration)
        signups = list(
            registration.signups.filter(status=RegistrationStatus.CONFIRMED)
            .select_related("session__venue", "session__room", "session__edition", "registration")
            .order_by("session__starts_at", "session__code")
        )
        context.update({"position": position, "signups": signups, "kind": kind})
        text, html = _render(f"registration_{kind}", context)
        attachments: list[Attachment] = []
        if kind in WITH_CALENDAR:
            cancelled = kind == "cancelled"
            events = registration_events(
                registration,
                url=context["registration_url"],
                cancelled=cancelled,
                sequence=1 if cancelled else 0,
            )
            events += signup_events(
                signups,
                url=context["sessions_url"],
                cancelled=cancelled,
                sequence=1 if cancelled else 0,
            )
            attachments = _ics(
                calendar_for(events, cancelled=cancelled), f"datacon-{edition.slug}.ics"
            )
        email_enqueue(
            to=to,
            subject=REGISTRATION_SUBJECTS[kind](edition),
            body_text=text,
            body_html=html,
            attachments=attachments,
            purpose=f"registration.{kind}",
            related=registration,
            actor=actor,
        )


SIGNUP_SUBJECTS = {
    "confirmed": lambda s: (
        _("Tiene lugar en %(code)s · %(title)s") % {"code": s.code, "title": s.title}
    ),
    "waiting": lambda s: (
        _("Lista de espera de %(code)s · %(title)s") % {"code": s.code, "title": s.title}
    ),
    "promoted": lambda s: (
        _("Se liberó un lugar en %(code)s · %(title)s") % {"code": s.code, "title": s.title}
    ),
}


def signup_email(
    *, signup: SessionSignup, kind: str, position: int | None = None, actor: Actor
) -> None:
    registration = signup.registration
    to = recipient(registration)
    if not to or registration.is_anonymised:
        return
    session = signup.session
    with translation.override(_language(registration)), timezone.override(registration.edition.tz):
        context = _common_context(registration)
        context.update({"signup": signup, "session": session, "position": position, "kind": kind})
        text, html = _render(f"signup_{kind}", context)
        attachments: list[Attachment] = []
        if kind in ("confirmed", "promoted"):
            attachments = _ics(
                calendar_for(signup_events([signup], url=context["sessions_url"])),
                f"datacon-{session.code or session.pk}.ics",
            )
        email_enqueue(
            to=to,
            subject=SIGNUP_SUBJECTS[kind](session),
            body_text=text,
            body_html=html,
            attachments=attachments,
            purpose=f"registration.signup_{kind}",
            related=signup,
            actor=actor,
        )
