"""HTTP caching for public pages and exports that is never stale.

`public_page(scopes)` wraps a read-only view. Before the view runs it reads the
public-data versions of its scopes (one small query). From them it derives:

* an ETag and Last-Modified, so browsers and proxies revalidate cheaply
  (a matching If-None-Match gets 304 without rendering anything);
* a cache key: anonymous GETs are served from the cache (Redis when
  REDIS_URL is set, per-process memory otherwise). Because every service
  bumps the versions of what it changed, in the same transaction, a new
  version means a new key, and the old entry is simply never read again.

Signed-in users bypass the shared cache (their header differs) but still get
ETags. Views whose output depends on the clock pass `vary_on` to add, e.g.,
today's date to the key.

Headers. The cache stores a page's body and only the headers in
`PASSED_HEADERS` (an allow-list: what the view said about the content). Every
response, fresh, cached or 304, is then stamped the same way: ETag,
Last-Modified, Cache-Control, Vary and, for views declared `cors=True`, the
CORS headers (`CORS_HEADERS`). CORS is declared only on public data that
holds nothing personal (exports, /datos/, the API, schedules, calendars, the
DCAT catalogue), and sent only to anonymous requests: a page on another
origin that calls fetch() sends no cookies, so it is always anonymous, and a
signed-in page never says "any origin may read me". Middleware adds the rest
(security headers, Content-Language) to every response after this.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from datacon.common.versions import public_versions_read

logger = logging.getLogger(__name__)

# What a cached page keeps of its first response (everything else is stamped anew).
PASSED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")
# Open data may be read by a web application on any origin (no credentials).
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Disposition, Content-Language, Link",
}


def cors_allow(response: HttpResponseBase) -> HttpResponseBase:
    """Let any origin read this response (public data without personal data only)."""
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def public_cors(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """CORS on every anonymous answer of a view that serves only public data (the API's
    routes), whether or not it goes through `public_page`; the same rule as cors=True."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:  # type: ignore[no-untyped-def]
        # Read before the view runs: DRF replaces request.user while it handles the request.
        user = getattr(request, "user", None)
        anonymous = user is None or not user.is_authenticated
        response = view(request, *args, **kwargs)
        if anonymous:
            cors_allow(response)
        return response

    return wrapped


def _digest(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def public_page(
    scopes: Iterable[str],
    *,
    vary_on: Callable[[HttpRequest], str] | None = None,
    timeout: int | None = None,
    cors: bool = False,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Cache a read-only view under `scopes`; `cors=True` for public data any origin may read."""
    scopes = tuple(scopes)

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:  # type: ignore[no-untyped-def]
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            version_key, changed_at = public_versions_read(scopes)
            extra = vary_on(request) if vary_on else ""
            anonymous = not request.user.is_authenticated
            fingerprint = _digest(
                settings.DATACON_RELEASE,
                version_key,
                get_language() or "",
                request.get_full_path(),
                extra,
                "anon" if anonymous else "user",
            )
            etag = f'"{fingerprint}"'
            if _not_modified(request, etag, changed_at):
                not_modified = HttpResponseNotModified()
                _stamp(not_modified, etag, changed_at, anonymous, cors)
                return not_modified
            cache_key = f"page:{fingerprint}"
            gzip_ok = _accepts_gzip(request)
            if anonymous:
                cached = _cached_page(cache_key)
                if cached is not None:
                    response: HttpResponseBase = _from_entry(cached, gzip_ok)
                    _stamp(response, etag, changed_at, anonymous, cors)
                    return response
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                if cors and anonymous:
                    cors_allow(response)  # a web app can read a 404 or a streamed export too
                return response
            if anonymous and not response.cookies:
                headers = {
                    name: response[name] for name in PASSED_HEADERS if response.has_header(name)
                }
                content = response.content  # type: ignore[attr-defined]
                entry: Entry = (content, headers, _compressed(content, headers))
                try:
                    cache.set(cache_key, entry, timeout)
                except Exception:  # the cache is an optimisation: never fail a page for it
                    logger.warning("No se pudo guardar la página en la caché", exc_info=True)
                else:
                    memory = page_memory()
                    if memory is not None:
                        memory.put(cache.make_key(cache_key), entry)
                response = _from_entry(entry, gzip_ok)
            _stamp(response, etag, changed_at, anonymous, cors)
            return response

        return wrapped

    return decorator


# (body, headers to keep, gzip-compressed body or None). Compressing once per
# version, when the page is cached, spares the reverse proxy from compressing
# the 700 kB program on every request of a spike.
Entry = tuple[bytes, dict[str, str], bytes | None]
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/ld+json")


def _compressed(content: bytes, headers: dict[str, str]) -> bytes | None:
    content_type = headers.get("Content-Type", "")
    if len(content) < 1024 or not content_type.startswith(COMPRESSIBLE):
        return None
    # mtime=0: the same page always compresses to the same bytes, on every server.
    return gzip.compress(content, compresslevel=6, mtime=0)


def _accepts_gzip(request: HttpRequest) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            return not (params and quality.replace(".", "").strip("0") == "")
    return False


def _from_entry(entry: Entry | tuple[bytes, dict[str, str]], gzip_ok: bool) -> HttpResponse:
    content, headers = entry[0], entry[1]
    compressed = entry[2] if len(entry) > 2 else None
    response = HttpResponse(compressed if compressed is not None and gzip_ok else content)
    for name, value in headers.items():
        response[name] = value
    if compressed is not None:
        if gzip_ok:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _cached_page(cache_key: str) -> Entry | None:
    try:
        return _cached_page_read(cache_key)
    except Exception:  # Redis down or slow: render the page instead of failing it
        logger.warning("No se pudo leer la caché de páginas", exc_info=True)
        return None


def _cached_page_read(cache_key: str) -> Entry | None:
    memory = page_memory()
    if memory is None:
        stored: Entry | None = cache.get(cache_key)
        return stored
    full_key = cache.make_key(cache_key)
    remembered = memory.get(full_key)
    if remembered is not None:
        return remembered
    cached: Entry | None = cache.get(cache_key)
    if cached is not None:
        memory.put(full_key, cached)
    return cached


def _not_modified(request: HttpRequest, etag: str, changed_at) -> bool:  # type: ignore[no-untyped-def]
    # If-None-Match wins when present (RFC 9110 13.2.2); If-Modified-Since is the fallback.
    if_none_match = request.headers.get("If-None-Match", "")
    if if_none_match:
        candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in candidates or "*" in candidates
    since_header = request.headers.get("If-Modified-Since")
    if since_header and changed_at is not None:
        since = parse_http_date_safe(since_header)
        return since is not None and int(changed_at.timestamp()) <= since
    return False


def _stamp(response: HttpResponseBase, etag: str, changed_at, anonymous: bool, cors: bool) -> None:  # type: ignore[no-untyped-def]
    # The compressed body is another representation of the same data: a weak ETag
    # (RFC 9110 8.8.1), which still answers 304 for either (see _not_modified).
    compressed = response.get("Content-Encoding") == "gzip"
    response["ETag"] = f"W/{etag}" if compressed else etag
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
    # Revalidate every time: the ETag check is one indexed query, and it is
    # what makes "never stale" hold for browsers and proxies too.
    response["Cache-Control"] = (
        "public" if anonymous else "private"
    ) + ", max-age=0, must-revalidate"
    existing_vary = response.get("Vary", "")
    if "Cookie" not in existing_vary:
        response["Vary"] = f"{existing_vary}, Cookie" if existing_vary else "Cookie"
    if anonymous and cors:
        cors_allow(response)
    else:  # whatever the view set: only declared public data may be read cross-origin
        for name in CORS_HEADERS:
            if response.has_header(name):
                del response[name]


class PageMemory:
    """Pages this process served recently, by cache key (an LRU bounded in bytes).

    With Redis, a page of the 1,000-session program is ~700 kB: fetching and
    unpickling it on every request costs more than everything else the request
    does, and Redis's one thread spends its CPU sending it. Keeping recent pages
    in the worker avoids that, and a repeated page then costs one round trip
    (the version read) instead of two.

    It can never serve stale data, because the key holds the public-data
    versions, the release and everything else the page depends on: a change
    means a key this memory has never seen (old keys simply age out of the
    LRU). Emptying the cache with `cache.clear()` empties this process's memory
    too (datacon.common.redis_cache.RedisCache.clear); other processes may keep
    serving the pages they remember, which are just as current.
    """

    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self.size = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        size = _entry_size(entry)
        if size > self.limit // 4:
            return  # one huge export must not push out every page
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += size
            while self.size > self.limit:
                _old_key, old = self.entries.popitem(last=False)
                self.size -= _entry_size(old)

    def forget(self, key: str) -> None:
        with self.lock:
            entry = self.entries.pop(key, None)
            if entry is not None:
                self.size -= _entry_size(entry)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


def _entry_size(entry: Entry) -> int:
    # Entries cached by an earlier version of this module have no compressed body.
    return len(entry[0]) + (len(entry[2] or b"") if len(entry) > 2 else 0)


_page_memory: PageMemory | None = None


def page_memory() -> PageMemory | None:
    """This process's page memory, or None when it is off (local-memory cache, or 0 bytes)."""
    global _page_memory
    limit = getattr(settings, "DATACON_PAGE_MEMORY_BYTES", 0)
    # Only in front of a shared cache whose clear() also empties it (the local-memory
    # cache is already in this process).
    if not limit or not getattr(caches["default"], "keeps_page_memory", False):
        return None
    if _page_memory is None or _page_memory.limit != limit:
        _page_memory = PageMemory(limit)
    return _page_memory


def page_memory_clear() -> None:
    """Forget the pages kept in this process (the bench does it before a cold request)."""
    if _page_memory is not None:
        _page_memory.clear()
