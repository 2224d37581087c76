"""Absolute addresses of the platform, all built from one setting: DATACON_PUBLIC_URL.

E-mails (ours and allauth's), iCalendar UIDs and URLs, the API index,
schema.org identifiers, the DCAT catalogue, data packages, schedule files and
the memoria PDF link to the platform with absolute addresses. They all come
from here, so they agree with each other and with the address people
actually use: a deployment sets DATACON_PUBLIC_URL (e.g.
https://datos.example.mx), and `scripts/demo.py` sets it from the address it
serves. A test fails on a hard-coded host anywhere else in `datacon/`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def public_base() -> str:
    """The platform's public address without a trailing slash: "https://datos.example.mx"."""
    return str(settings.DATACON_PUBLIC_URL).rstrip("/")


def public_host() -> str:
    """The host (and port, if any) of the public address: "datos.example.mx"."""
    return urlsplit(public_base()).netloc


def absolute_url(path_or_name: str, *args: Any, **kwargs: Any) -> str:
    """An absolute address on the platform.

    `path_or_name` is a path ("/datos/", "/media/x.pdf") or a URL name
    ("public:session"), reversed with `args`/`kwargs`. An address that is
    already absolute (an external link) is returned unchanged.
    """
    if path_or_name.startswith(("http://", "https://")):
        return path_or_name
    if path_or_name.startswith("/"):
        if args or kwargs:
            raise TypeError("A path takes no arguments; pass a URL name to reverse.")
        path = path_or_name
    else:
        path = reverse(path_or_name, args=args or None, kwargs=kwargs or None)
    return public_base() + path
