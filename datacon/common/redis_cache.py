"""Django's Redis cache backend, made to survive Redis going away.

Three things on top of `django.core.cache.backends.redis.RedisCache`:

1. **Redis down is not an error.** A connection refused or a timeout marks
   Redis as down for `RETRY_AFTER` seconds (a circuit breaker: while it is
   open no request waits for Redis at all), and the operation is answered by
   a fallback instead of raising:

   * the cache itself (`FALLBACK: "local"`, the default): this process's
     memory. Page entries are keyed by the public-data versions, so they stay
     correct; rate-limit counters (ours and allauth's) then count per worker
     instead of per site, i.e. a limit of N lets through at most N per worker
     during the outage. Nothing is lost: nothing of value lives only in the cache.
   * sessions (`shared_only()`, used by `datacon.common.sessions`): a miss for
     every read and nothing written. Sessions are `cached_db`, so they are then
     read from and written to the database only, and every worker sees the
     same session (a per-process copy would let two workers disagree).

2. **Nothing stale when Redis comes back.** A write or delete that could not
   reach Redis leaves whatever Redis held under that key out of date (a
   session changed or ended during the outage). Such keys are remembered and
   deleted from Redis before this process reads from it again (past
   `MAX_STALE_KEYS`, the whole site prefix is cleared instead). Each process
   repairs the keys it wrote; see docs/deployment.md §5 for the window that
   leaves between processes.

3. No `redis.Redis` rebuilt for every call (`ReusingRedisCacheClient`), and
   redis-py's default of ten retries with back-off (3 s per call with Redis
   stopped) replaced by one immediate retry, which is what a pooled
   connection broken by a Redis restart needs.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.backoff import NoBackoff
from redis.retry import Retry

T = TypeVar("T")

logger = logging.getLogger(__name__)

# An outage: Redis stopped, restarting, unreachable or not answering in time.
# Other Redis errors (a wrong command) are bugs and are raised as usual.
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)
RETRY_AFTER = 5.0
MAX_STALE_KEYS = 10_000
FALLBACK_MAX_ENTRIES = 5000


class ReusingRedisCacheClient(RedisCacheClient):
    """`RedisCacheClient.get_client()` creates a new `redis.Redis` for each
    operation, and each one builds its table of ~170 response callbacks: about
    0.15 ms of pure Python per cache call, more than the round trip to Redis
    itself. A `redis.Redis` is thread-safe (connections come from its pool), so
    one per connection pool is enough."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # The stubs do not describe RedisCacheClient's private helpers.
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


@dataclass
class Health:
    """What this process knows about one Redis (shared by the per-thread cache objects)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    down_until: float = 0.0  # time.monotonic() before which Redis is not tried
    down_since: float | None = None
    stale: set[str] = field(default_factory=set)
    stale_overflow: bool = False
    failures: int = 0  # operations answered by the fallback (for logs and tests)

    def is_down(self) -> bool:
        return self.down_until > time.monotonic()

    def needs_repair(self) -> bool:
        return bool(self.stale) or self.stale_overflow


_health: dict[tuple[str, str], Health] = {}
_health_lock = threading.Lock()


def health_for(location: str, prefix: str) -> Health:
    with _health_lock:
        return _health.setdefault((location, prefix), Health())


class RedisCache(DjangoRedisCache):
    # Pages are also kept in each worker's memory in front of Redis
    # (datacon.common.http.PageMemory); clear() empties this process's too.
    keeps_page_memory = True

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        fallback = options.pop("FALLBACK", "local")
        self.retry_after = float(options.pop("RETRY_AFTER", RETRY_AFTER))
        # One immediate retry on a broken connection (a pooled socket Redis
        # closed when it restarted), none on a timeout: a Redis that does not
        # answer has already cost socket_timeout.
        options.setdefault(
            "retry", Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,))
        )
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        location = server if isinstance(server, str) else ",".join(server)
        self._health = health_for(location, self.key_prefix)
        self._fallback: BaseCache
        fallback_params = {
            "TIMEOUT": params.get("TIMEOUT", 300),
            "KEY_PREFIX": self.key_prefix,
            "VERSION": self.version,
            "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
        }
        if fallback == "local":
            # LocMemCache objects with the same name share their storage: one per process.
            self._fallback = LocMemCache(
                f"redis-fallback:{location}:{self.key_prefix}", fallback_params
            )
        elif fallback == "none":
            self._fallback = DummyCache("", fallback_params)
        else:
            raise ValueError(f"FALLBACK debe ser 'local' o 'none', no {fallback!r}")

    def shared_only(self) -> RedisCache:
        """This cache, answering misses instead of using the process's memory when Redis is
        down (same Redis, same health and repairs)."""
        twin = self.__dict__.get("_shared_only")
        if twin is None:
            twin = copy.copy(self)
            twin._fallback = DummyCache(
                "", {"KEY_PREFIX": self.key_prefix, "VERSION": self.version}
            )
            twin.__dict__["_shared_only"] = twin
            self.__dict__["_shared_only"] = twin
        return twin

    # --- the circuit breaker -----------------------------------------------------------

    def available(self) -> bool:
        """False while Redis is considered down (operations use the fallback)."""
        return not self._health.is_down()

    def _call(
        self, operation: Callable[[], T], fallback: Callable[[], T], written: Iterable[str] = ()
    ) -> T:
        health = self._health
        if health.is_down():
            self._remember_stale(written)
            health.failures += 1
            return fallback()
        try:
            if health.needs_repair():
                self._repair()
            result = operation()
        except OUTAGE_ERRORS as error:
            self._went_down(error)
            self._remember_stale(written)
            health.failures += 1
            return fallback()
        if health.down_since is not None:
            self._came_back()
        return result

    def _went_down(self, error: BaseException) -> None:
        health = self._health
        with health.lock:
            first = health.down_since is None
            health.down_until = time.monotonic() + self.retry_after
            if first:
                health.down_since = time.monotonic()
        if first:
            logger.warning(
                "Redis no responde (%s: %s): la caché usa %s durante %.0f s y vuelve a intentar.",
                type(error).__name__,
                error,
                "la memoria del proceso"
                if isinstance(self._fallback, LocMemCache)
                else "la base de datos",
                self.retry_after,
            )

    def _came_back(self) -> None:
        health = self._health
        with health.lock:
            since, health.down_since = health.down_since, None
        if since is not None:
            logger.warning("Redis responde de nuevo tras %.1f s.", time.monotonic() - since)
            if isinstance(self._fallback, LocMemCache):
                self._fallback.clear()  # what was counted meanwhile is no longer read

    def _remember_stale(self, keys: Iterable[str]) -> None:
        health = self._health
        with health.lock:
            if health.stale_overflow:
                return
            health.stale.update(keys)
            if len(health.stale) > MAX_STALE_KEYS:
                health.stale.clear()
                health.stale_overflow = True

    def _repair(self) -> None:
        """Delete from Redis what this process could not update there (raises on an outage)."""
        health = self._health
        with health.lock:
            keys, overflow = list(health.stale), health.stale_overflow
        if overflow:
            self._delete_prefix()
        else:
            client = self._cache.get_client(write=True)
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
        with health.lock:
            health.stale.difference_update(keys)
            if overflow:
                health.stale_overflow = False
        logger.warning(
            "Redis: %s borradas porque cambiaron mientras no respondía.",
            "todas las claves del sitio" if overflow else f"{len(keys)} claves",
        )

    def _key(self, key: Any, version: int | None) -> str:
        return self.make_and_validate_key(key, version=version)

    # --- the cache API ----------------------------------------------------------------

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._call(
            lambda: super(RedisCache, self).add(key, value, timeout, version),
            lambda: self._fallback.add(key, value, timeout, version),
            [self._key(key, version)],
        )

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._call(
            lambda: super(RedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._call(
            lambda: super(RedisCache, self).set(key, value, timeout, version),
            lambda: self._fallback.set(key, value, timeout, version),
            [self._key(key, version)],
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call(
            lambda: super(RedisCache, self).touch(key, timeout, version),
            lambda: self._fallback.touch(key, timeout, version),
            [self._key(key, version)],
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call(
            lambda: super(RedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
            [self._key(key, version)],
        )

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        return self._call(
            lambda: super(RedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call(
            lambda: super(RedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._call(
            lambda: super(RedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
            [self._key(key, version)],
        )

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._call(
            lambda: super(RedisCache, self).set_many(data, timeout, version),
            lambda: self._fallback.set_many(data, timeout, version),
            [self._key(key, version) for key in data],
        )

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        keys = list(keys)
        self._call(
            lambda: super(RedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
            [self._key(key, version) for key in keys],
        )

    def clear(self) -> None:
        """Delete this cache's keys (its KEY_PREFIX), not the whole Redis database.

        Django's clear() is FLUSHDB: it also wiped whatever else shares the
        database, e.g. another app, or, in CI, the other test worker's sessions
        and rate-limit counters in the middle of its tests.
        """
        from datacon.common.http import page_memory_clear

        page_memory_clear()
        self._fallback.clear()

        def overflow() -> None:  # everything is stale: clear it all once Redis is back
            with self._health.lock:
                self._health.stale.clear()
                self._health.stale_overflow = True

        self._call(self._delete_prefix, overflow)

    def _delete_prefix(self) -> None:
        if not self.key_prefix:
            super().clear()
            return
        client = self._cache.get_client(write=True)
        pattern = "".join(f"[{c}]" if c in "*?[]\\" else c for c in self.key_prefix) + ":*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.unlink(*batch)
                batch.clear()
        if batch:
            client.unlink(*batch)
