"""Signing a browser in for the Chromium tests: the test client's session cookie, put in
the browser's context (no log-in form typed in each test; tests of the log-in itself
type it)."""

from __future__ import annotations

from typing import Any

from django.test import Client


def sign_in(context: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def signed_in_page(
    browser: Any, live_server: Any, user: Any, width: int, *, height: int = 800
) -> Any:
    """A new page in Spanish (es-MX) at the given size, signed in as `user`."""
    context = browser.new_context(locale="es-MX", viewport={"width": width, "height": height})
    sign_in(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page
