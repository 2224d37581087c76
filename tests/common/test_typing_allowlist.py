"""mypy runs `strict` over every module of datacon/ (issue 12.6), with no exemptions.

The last twelve modules that relaxed strict flags were fixed; this test fails
on any `[[tool.mypy.overrides]]` block or any strict flag turned off again
(`.venv/bin/mypy datacon` itself, in the README's test command, checks that
the code is clean).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# The flags `strict` turns on; none may be switched off in the configuration.
STRICT_FLAGS = (
    "warn_unused_configs",
    "disallow_any_generics",
    "disallow_subclassing_any",
    "disallow_untyped_calls",
    "disallow_untyped_defs",
    "disallow_incomplete_defs",
    "check_untyped_defs",
    "disallow_untyped_decorators",
    "warn_redundant_casts",
    "warn_unused_ignores",
    "warn_return_any",
    "no_implicit_reexport",
    "strict_equality",
    "extra_checks",
)


def _mypy_config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        config: dict[str, Any] = tomllib.load(handle)["tool"]["mypy"]
    return config


def test_mypy_is_strict_everywhere_with_no_override():
    config = _mypy_config()
    assert config["strict"] is True
    assert config.get("overrides", []) == []
    assert [flag for flag in STRICT_FLAGS if config.get(flag) is False] == []
