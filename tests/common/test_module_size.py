"""Modules are named for what they hold: none under datacon/ grows past 600 lines.

A module that outgrows the limit is split along its seams (a package by
sub-domain, models re-exported from models.py, literals into a data file under
the app's data/ folder), never waved through. Migrations are generated and
exempt.
"""

from __future__ import annotations

from pathlib import Path

DATACON = Path(__file__).resolve().parents[2] / "datacon"
LIMIT = 600

# Modules that truly cannot be split today, each with the reason; this list only shrinks.
# (Empty: every module is within the limit.)
ALLOWED: dict[str, str] = {}


def _lines(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _line in handle)


def oversized(root: Path = DATACON, limit: int = LIMIT) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): count
        for path in sorted(root.rglob("*.py"))
        if "migrations" not in path.relative_to(root).parts and (count := _lines(path)) > limit
    }


def test_no_module_under_datacon_exceeds_600_lines():
    over = {module: count for module, count in oversized().items() if module not in ALLOWED}
    assert over == {}, (
        f"Módulos de más de {LIMIT} líneas: divídalos por lo que contienen (docs/architecture.md)."
    )


def test_the_allow_list_only_names_modules_still_over_the_limit():
    current = oversized()
    assert sorted(module for module in ALLOWED if module not in current) == []


def test_the_guard_sees_a_planted_long_module_and_skips_migrations(tmp_path):
    app = tmp_path / "app"
    (app / "migrations").mkdir(parents=True)
    (app / "long.py").write_text("x = 1\n" * 601, encoding="utf-8")
    (app / "short.py").write_text("x = 1\n" * 600, encoding="utf-8")
    (app / "migrations" / "0001_initial.py").write_text("x = 1\n" * 5000, encoding="utf-8")
    assert oversized(tmp_path) == {"app/long.py": 601}
