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
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from datacon.common.versions import public_versions_read

PASSED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link")


def _digest(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def public_page(
    scopes: Iterable[str],
    *,
    vary_on: Callable[[HttpRequest], str] | None = None,
    timeout: int | None = None,
) -> Callable:
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
                _stamp(not_modified, etag, changed_at, anonymous)
                return not_modified
            cache_key = f"page:{fingerprint}"
            if anonymous:
                cached = cache.get(cache_key)
                if cached is not None:
                    content, headers = cached
                    response: HttpResponseBase = HttpResponse(content)
                    for name, value in headers.items():
                        response[name] = value
                    _stamp(response, etag, changed_at, anonymous)
                    return response
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            if anonymous and not response.cookies:
                headers = {
                    name: response[name] for name in PASSED_HEADERS if response.has_header(name)
                }
                cache.set(cache_key, (response.content, headers), timeout)  # type: ignore[attr-defined]
            _stamp(response, etag, changed_at, anonymous)
            return response

        return wrapped

    return decorator


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


def _stamp(response: HttpResponseBase, etag: str, changed_at, anonymous: bool) -> None:  # type: ignore[no-untyped-def]
    response["ETag"] = etag
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
