"""Every route of the project declares who may reach it (datacon.common.access).

Our views declare it with `public_route`, `signed_in_route`, `link_route` or
`rule_route(...)`; DRF view sets on their class; other projects' apps in
`datacon.urls.THIRD_PARTY_ACCESS`. The route × role matrix
(tests/common/test_route_matrix.py) then checks each declaration by HTTP for
every role. A route added later without a declaration fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from datacon.backoffice.admin_site import admin_route_access
from datacon.common.access import Access, access_of
from datacon.urls import THIRD_PARTY_ACCESS


@dataclass(frozen=True)
class Route:
    pattern: str
    name: str  # "namespace:name"
    callback: Any

    @property
    def access(self) -> Access | None:
        if self.name in THIRD_PARTY_ACCESS:
            return THIRD_PARTY_ACCESS[self.name]
        declared = access_of(self.callback) or admin_route_access(self.callback)
        if declared is not None:
            return declared
        namespace = self.name.split(":", 1)[0] + ":*" if ":" in self.name else ""
        return THIRD_PARTY_ACCESS.get(namespace)


def project_routes() -> Iterator[Route]:
    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
                yield Route(prefix + str(entry.pattern), name, entry.callback)

    seen: set[tuple[str, str]] = set()
    for route in walk(get_resolver().url_patterns, "", ""):
        # i18n_patterns list each route once per language prefix resolver; one suffices.
        key = (route.pattern.removeprefix("en/"), route.name)
        if key not in seen:
            seen.add(key)
            yield route


# Routes that had no declaration when the guard came; this list only shrinks.
LEGACY_UNDECLARED: set[str] = {
    "api:root",
}


def test_every_route_declares_who_may_reach_it():
    undeclared = sorted(
        f"{route.name or '?'} ({route.pattern})"
        for route in project_routes()
        if route.access is None and route.name not in LEGACY_UNDECLARED
    )
    assert undeclared == [], (
        "Rutas sin declaración de acceso: use public_route, signed_in_route, link_route "
        "o rule_route(...) (datacon.common.access)."
    )


def test_legacy_list_only_shrinks():
    names = {route.name for route in project_routes() if route.access is None}
    assert LEGACY_UNDECLARED - names == set(), "Quite de LEGACY_UNDECLARED las rutas ya declaradas."


def test_who_may_reach_a_view_is_checked_before_its_http_method():
    """`@require_POST` above a route declaration answers 405 to anyone, so a visitor
    learns the action exists and the route × role matrix cannot see the refusal;
    the declaration goes on top, the method restriction under it."""
    import ast
    from pathlib import Path

    wrong: list[str] = []
    for path in sorted(Path("datacon").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            names = [ast.unparse(d).split("(")[0] for d in node.decorator_list]
            routes = [i for i, name in enumerate(names) if name.endswith("_route")]
            methods = [i for i, name in enumerate(names) if name.startswith("require_")]
            if routes and methods and min(methods) < min(routes):
                wrong.append(f"{path}:{node.lineno} {node.name}")
    assert wrong == []
