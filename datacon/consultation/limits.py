"""Rate limits for what the public can write in a consultation.

Counted per account and per client address in the shared cache (see
`datacon.common.ratelimit`). Deployments may tune them with the
CONSULTATION_RATE_LIMITS setting, e.g. {"comment_user": (5, 600)}.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from datacon.common.ratelimit import client_address, rate_limit_hit

# name -> (attempts, window in seconds)
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "comment_user": (10, 10 * 60),  # comments and replies by one account
    "comment_ip": (30, 10 * 60),  # comments and replies from one address
    "join_ip": (10, 60 * 60),  # sign-ups to consultations from one address
    "support_user": (60, 10 * 60),
    "flag_user": (20, 60 * 60),
}


def _limit(name: str) -> tuple[int, int]:
    configured: dict[str, Any] = getattr(settings, "CONSULTATION_RATE_LIMITS", {}) or {}
    return tuple(configured.get(name, DEFAULT_LIMITS[name]))


def _hit(name: str, key: str) -> bool:
    limit, window = _limit(name)
    return rate_limit_hit(key=f"consultation:{name}:{key}", limit=limit, window_seconds=window)


def comment_limited(request: HttpRequest) -> bool:
    """Count one comment attempt; True when the person or the address is over the limit."""
    by_user = _hit("comment_user", str(request.user.pk))
    by_ip = _hit("comment_ip", client_address(request))
    return by_user or by_ip


def join_limited(request: HttpRequest) -> bool:
    return _hit("join_ip", client_address(request))


def support_limited(request: HttpRequest) -> bool:
    return _hit("support_user", str(request.user.pk))


def flag_limited(request: HttpRequest) -> bool:
    return _hit("flag_user", str(request.user.pk))
