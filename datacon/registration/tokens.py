"""Signed cancellation links (django.core.signing), valid for a limited time.

The token carries the registration's id and its ticket code: a link for a
registration whose code changed (or a forged one) is refused. An expired link
still identifies its registration (the signature is checked without the age),
so the page can offer to send a fresh link to the registration's own address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "datacon.registration.cancel"


def cancel_link_max_age() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "REGISTRATION_CANCEL_LINK_DAYS", 30))


def cancel_token_make(*, registration_id: int, ticket_code: str) -> str:
    return signing.dumps({"r": registration_id, "c": ticket_code}, salt=SALT, compress=True)


@dataclass(frozen=True)
class CancelToken:
    registration_id: int
    ticket_code: str
    expired: bool


class CancelTokenInvalid(Exception):
    """Tampered, truncated or not ours."""


def cancel_token_read(token: str) -> CancelToken:
    try:
        data = signing.loads(token, salt=SALT, max_age=cancel_link_max_age())
        expired = False
    except signing.SignatureExpired:
        try:
            data = signing.loads(token, salt=SALT)
        except signing.BadSignature as error:
            raise CancelTokenInvalid from error
        expired = True
    except signing.BadSignature as error:
        raise CancelTokenInvalid from error
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        raise CancelTokenInvalid
    return CancelToken(
        registration_id=data["r"], ticket_code=str(data.get("c", "")), expired=expired
    )
