"""What the repository tracks: nothing a machine makes for itself.

A worktree's `.venv` symlink was once committed; every fresh clone then failed to
create its virtual environment, so the README's test command did not run at all.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MACHINE_MADE = (".venv", "var/", "node_modules/", "__pycache__/", ".mypy_cache/", "bench/out/")


def test_no_machine_made_path_is_tracked() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("No es una copia de trabajo de git.")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    found = [
        path
        for path in tracked
        if any(
            path == made.rstrip("/") or path.startswith(made) or f"/{made}" in path
            for made in MACHINE_MADE
        )
    ]
    assert found == []
