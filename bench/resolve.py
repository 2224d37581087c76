"""Turn bench targets into paths on this build (run inside Django by bench/run.py).

Prints JSON: {key: path or null}. A target whose URL names do not reverse (its
capability is not merged yet) or whose hook is missing or returns None gets null.
"""

from __future__ import annotations

import importlib
import json
import os
import sys

import django


def session_path() -> str | None:
    """A confirmed session a third of the way into day 2 of the large edition, at any scale."""
    from django.urls import reverse

    from bench.targets import EDITION
    from datacon.program.models import Session

    codes = list(
        Session.objects.filter(edition__slug=EDITION, code__startswith="S02", status="confirmed")
        .order_by("code")
        .values_list("code", flat=True)
    )
    if not codes:
        return None
    return reverse("public:session", kwargs={"edition": EDITION, "code": codes[len(codes) // 3]})


def resolve_all() -> dict[str, str | None]:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from bench.targets import TARGETS

    translation.activate("es-mx")  # Spanish pages live at the root
    paths: dict[str, str | None] = {}
    for target in TARGETS:
        path = None
        if target.hook:
            module_name, _, function = target.hook.partition(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                module = None
            if module is not None and hasattr(module, function):
                path = getattr(module, function)()
        for name in target.url_names:
            if path is not None:
                break
            try:
                path = reverse(name, kwargs=target.kwargs or None)
            except NoReverseMatch:
                continue
        if path is not None and target.query:
            path = f"{path}?{target.query}"
        paths[target.key] = path
    return paths


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    json.dump(resolve_all(), sys.stdout)
