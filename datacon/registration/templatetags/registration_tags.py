"""Template helpers for the registration's plug-in partials (menu, edition, session, account)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import SafeString

from datacon.editions.models import Edition
from datacon.registration.qr import ticket_qr_svg

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from datacon.registration.models import Registration, RegistrationSettings

register = template.Library()


@register.simple_tag
def my_registrations(user: User | AnonymousUser | None) -> list[Registration]:
    """The signed-in person's registrations with their sign-ups (fixed number of queries)."""
    if user is None or isinstance(user, AnonymousUser):
        return []
    from datacon.registration.selectors import registrations_of_user

    return registrations_of_user(user=user)


@register.simple_tag
def registration_settings_of(edition: Edition | None) -> RegistrationSettings | None:
    """The edition's registration settings, or None (one query)."""
    if not edition:
        return None
    from datacon.registration.models import RegistrationSettings

    return RegistrationSettings.objects.filter(edition_id=edition.pk).first()


@register.filter
def ticket_qr(code: str, scale: int = 5) -> SafeString:
    return ticket_qr_svg(code, scale=int(scale))
