"""Finding a concrete URL for each route of the project (tests/common/test_route_matrix.py,
tests/common/test_form_fuzz.py): the links of a page, the route a path resolves to, the
path of a route without parameters, and the first record's page of API and admin routes."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

from tests.common.test_route_declarations import Route


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "form" and name == "action")):
                self.found.append(value)


def route_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def literal_path(pattern: str) -> str | None:
    """The path of a pattern without parameters ("api/v1/^editions/$" -> "/api/v1/editions/")."""
    if PARAMETER.search(pattern):
        return None
    return "/" + pattern.replace("^", "").replace("$", "")


def api_urls(client: Client, routes: list[Route], found: dict[str, str]) -> None:
    """A detail route of the API gets the lookup value of the first record of its list."""
    for route in routes:
        if not route.name.startswith("api:") or route.name in found:
            continue
        match = re.fullmatch(r"(.*)\(\?P<(\w+)>[^)]*\)/(.*)", route.pattern)
        if not match:
            continue
        base, key, rest = match.groups()
        listing = client.get("/" + base.replace("^", "")).json()
        records = listing.get("results", listing) if isinstance(listing, dict) else listing
        if records:
            value = records[0][key if key != "pk" else "id"]
            found[route.name] = "/" + base.replace("^", "") + f"{value}/" + rest.replace("$", "")


def admin_urls(routes: list[Route], found: dict[str, str]) -> None:
    """Admin pages of one object get the model's first object (or a missing one)."""
    from django.apps import apps

    for route in routes:
        match = re.fullmatch(r"admin:(\w+?)_(\w+)_(change|delete|history)", route.name)
        if not match or route.name in found or "<path:object_id>" not in route.pattern:
            continue
        app_label, model_name, _page = match.groups()
        model = apps.get_model(app_label, model_name)
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        found[route.name] = route.pattern.replace("<path:object_id>", str(first or 0)).join(
            ["/", ""]
        )


# Exports: fetched by the roles that need them only (their bytes are what matters).
HEAVY = re.compile(r"(\.pdf|\.zip)$")


def outcome(response: Any) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        return "login" if "/login/" in location else "ok"
    if status in (200, 204, 304, 405):
        return "ok"
    return {403: "refused", 404: "hidden"}.get(status, f"status {status}")


def crawl_links(
    client: Client, starts: list[str], found: dict[str, str], budget: int, answers: dict[str, str]
) -> None:
    """Follow same-site links breadth first; keep the first URL seen for each route,
    and the outcome of every page fetched (`answers`, by path)."""
    queue = deque(starts)
    seen: set[str] = set(starts)
    visits: dict[str, int] = {}
    while queue and budget > 0:
        path = queue.popleft()
        name = route_name(path)
        if name is None or visits.get(name, 0) >= 2:
            continue
        visits[name] = visits.get(name, 0) + 1
        found.setdefault(name, path)
        if HEAVY.search(path) or path.startswith(("/cuentas/logout", "/en/")):
            continue
        budget -= 1
        response = client.get(path)
        answers.setdefault(path, outcome(response))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode("utf-8", "replace"))
        for link in parser.found:
            parts = urlsplit(link)
            if parts.netloc or not parts.path.startswith("/") or parts.path in seen:
                continue
            seen.add(parts.path)
            queue.append(parts.path)
