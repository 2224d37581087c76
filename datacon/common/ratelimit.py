"""Rate limits for writes the public can make (comments, sign-ups, proposals).

A fixed window counter in the shared cache: with Redis every app server sees
the same counts; with the local-memory cache each process counts on its own,
which is still a limit (only looser), never a false refusal.

    if not rate_limit_hit(key=f"comment:{user.pk}", limit=10, window_seconds=600):
        ... accept ...
    else:
        ... refuse with a clear message ...
"""

from __future__ import annotations

import time

from django.core.cache import cache

from datacon.common.client_address import client_address

__all__ = ["client_address", "rate_limit_hit"]


def rate_limit_hit(*, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; True when this attempt goes over the limit."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{key}:{window}"
    # add() is atomic on Redis and locmem: the first caller creates the counter.
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds + 1)
        count = 1
    return count > limit
