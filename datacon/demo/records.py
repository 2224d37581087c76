"""The one reader of the demo app's data files (datacon/demo/data/*.yaml).

Historical records (the real editions, the 2021 memoria, the needs and
initiatives the seed documents record, the Abramos México process) are data,
not code: each demo step reads its file here and loads it through the
services. Every call reads the file again, so a caller gets its own copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_file(name: str) -> Path:
    return DATA_DIR / f"{name}.yaml"


def records_read(name: str) -> dict[str, Any]:
    """The contents of data/<name>.yaml."""
    with data_file(name).open(encoding="utf-8") as handle:
        return dict(yaml.safe_load(handle))
