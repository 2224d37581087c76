"""Sessions in the database, read through Redis when it answers (SESSION_ENGINE with REDIS_URL).

Django's `cached_db` engine, with the cache asked never to stand in for Redis:
while Redis is down every session is read from and written to the database
alone, so all workers see the same session and nothing is lost. Redis coming
back cannot resurrect a session that ended meanwhile: the cache backend
deletes what it could not update (datacon.common.redis_cache).
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore


class SessionStore(CachedDBStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        shared_only = getattr(self._cache, "shared_only", None)
        if shared_only is not None:
            self._cache: Any = shared_only()
