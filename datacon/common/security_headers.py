"""Content-Security-Policy and Permissions-Policy on every response.

The policy is strict: scripts and styles only from our own files (no inline
`<script>`, no `style="…"`, no `eval`), nothing embeds our pages, forms post
only to us. What the pages legitimately need beyond that is listed here and
nowhere else:

* the video players site.js embeds when a visitor asks for them (frame-src);
* uploaded files when they live in S3-compatible storage (img-src, media-src:
  the storage's origin, read from the storage itself);
* JSON-LD blocks (`<script type="application/ld+json">`) are data, not
  scripts: CSP does not apply to them, so they need nothing here;
* the check-in screen's camera (Permissions-Policy camera=(self)); every
  other powerful feature is off for us and for anything we embed.

Proportional bars draw their lengths as SVG attributes (common/bars.py), not
inline styles. A browser test loads the main pages under this policy and fails
on any violation Chromium reports (tests/common/test_e2e_csp.py).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseBase

# The players site.js embeds on request (youtube-nocookie.com: no cookies until played).
VIDEO_PLAYERS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

PERMISSIONS_POLICY = ", ".join(
    [
        "camera=(self)",  # check-in: scanning ticket QR codes
        "microphone=()",
        "geolocation=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "hid=()",
        "bluetooth=()",
        "midi=()",
        "magnetometer=()",
        "gyroscope=()",
        "accelerometer=()",
        "display-capture=()",
        "screen-wake-lock=()",
        "browsing-topics=()",
    ]
)


def _media_origins() -> list[str]:
    """The origin of uploaded files when it is not this site (S3-compatible storage)."""
    from django.core.files.storage import default_storage

    try:
        url = default_storage.url("csp-probe")
    except Exception:  # a misconfigured storage must not take every page down
        return []
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def content_security_policy() -> str:
    media = " ".join(_media_origins())
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": f"'self' data: {media}".strip(),
        "media-src": f"'self' {media}".strip(),
        "font-src": "'self'",
        "connect-src": "'self'",
        "frame-src": " ".join(VIDEO_PLAYERS),
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.csp = content_security_policy()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # A view may set a narrower policy of its own; never widen it.
        response.setdefault("Content-Security-Policy", self.csp)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
