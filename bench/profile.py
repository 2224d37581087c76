"""Profiles of cold renders (run by `bench/run.py --profile`; needs the `bench` extra).

    python -m bench.profile <db> key=/path/ key2=/path2/ ...

Each page is requested once to warm the process, then once more with every
cache emptied under pyinstrument; the text and HTML reports go to
bench/out/profile-<db>-<key>.txt/.html.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

OUT = Path(__file__).resolve().parent / "out"


def main(db: str, targets: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.cache import cache
    from django.test import Client
    from pyinstrument import Profiler

    from datacon.common.http import page_memory_clear

    client = Client(HTTP_HOST="127.0.0.1")
    for item in targets:
        key, _, path = item.partition("=")
        client.get(path)
        cache.clear()
        page_memory_clear()
        profiler = Profiler(interval=0.0005)
        profiler.start()
        response = client.get(path)
        profiler.stop()
        stem = OUT / f"profile-{db}-{key}"
        stem.with_suffix(".txt").write_text(profiler.output_text(unicode=True, show_all=False))
        stem.with_suffix(".html").write_text(profiler.output_html())
        print(f"{key}: HTTP {response.status_code}, perfil en {stem.with_suffix('.txt')}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
