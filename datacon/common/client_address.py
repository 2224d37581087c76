"""The client's address, decided once per request, for everything that counts per address.

Behind the reverse proxy of docs/deployment.md every request reaches gunicorn
from the proxy's own address, so anything keyed on REMOTE_ADDR (our rate
limits, allauth's log-in and sign-up limits, the logs) would count every
visitor as one. The proxy appends the address it saw to X-Forwarded-For; with
`TRUSTED_PROXY_COUNT` proxies in front of us, the client is the entry that
many places from the right. Entries further left are whatever the client
chose to send, so they are never trusted.

This middleware runs first and rewrites REMOTE_ADDR, so every consumer reads
the same answer and none parses the header on its own. The proxy's address is
kept in DATACON_PEER_ADDR for the logs.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger(__name__)

PEER_KEY = "DATACON_PEER_ADDR"


def _clean(candidate: str) -> str | None:
    """An IP address from one X-Forwarded-For entry, or None if it is not one."""
    value = candidate.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def forwarded_client(forwarded_for: str, trusted_proxies: int) -> str | None:
    """The client address from an X-Forwarded-For value, trusting that many proxies.

    Each trusted proxy appended one entry, so the client is the Nth from the
    right. A request that came through fewer proxies than configured (a short
    header) gives its leftmost entry, which is then still one our own proxy wrote.
    """
    if trusted_proxies < 1 or not forwarded_for:
        return None
    entries = [entry for entry in forwarded_for.split(",") if entry.strip()]
    if not entries:
        return None
    chosen = entries[-trusted_proxies] if len(entries) >= trusted_proxies else entries[0]
    return _clean(chosen)


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.trusted_proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
        self.warned = False

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        peer = request.META.get("REMOTE_ADDR", "")
        request.META[PEER_KEY] = peer
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        client = forwarded_client(forwarded, self.trusted_proxies)
        if client is not None:
            request.META["REMOTE_ADDR"] = client
        elif forwarded and not self.trusted_proxies and not self.warned:
            # Most likely a proxy in front with TRUSTED_PROXY_COUNT unset: every
            # visitor would share one address and one set of limits. Say it once.
            self.warned = True
            logger.warning(
                "Llegó X-Forwarded-For desde %s pero TRUSTED_PROXY_COUNT=0: si hay un proxy "
                "inverso delante, defina TRUSTED_PROXY_COUNT (docs/deployment.md).",
                peer,
            )
        return self.get_response(request)


def client_address(request: HttpRequest) -> str:
    """The address rate limits count per (already resolved by the middleware)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
