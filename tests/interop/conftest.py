"""Real third-party readers fed the real exports of the demo (issue 14).

Each test module loads the demo once (`demo` below, module-scoped, rolled
back at the end) and hands the exports to readers installed from the package
registries: Python packages pinned in pyproject.toml's `test` extra, Mozilla's
ical.js from npm (tests/interop/node, installed with `npm ci`), and
c3voc-schedule-tools in its own virtual environment (its pins clash with the
platform's; tests/interop/c3voc-requirements.txt).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.demo_snapshot import demo_for_module

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NODE = HERE / "node"
C3VOC_REQUIREMENTS = HERE / "c3voc-requirements.txt"
C3VOC_VENV = ROOT / "var" / "interop" / "c3voc-venv"
LOCKS = ROOT / "var" / "interop"

# Editions of the demo with their own exports: real (2021-2024) and the fictional one.
EDITIONS = ("2021", "2022", "2023", "2024", "2027-demo")
TIMED = ("2021", "2027-demo")  # sessions with a start and an end
DAY_ONLY = ("2024",)  # a day, no times


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_snapshots) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo data, there for the module's tests and gone after them
    (tests/demo_snapshot.py: demo_for_module)."""
    with demo_for_module(django_db_blocker, demo_snapshots, with_demo_users=False):
        yield


def get(path: str, **headers: str) -> Any:
    response = Client().get(path, **headers)
    assert response.status_code == 200, (path, response.status_code)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    else:
        response.content_bytes = response.content
    return response


def api_all(path: str) -> list[dict[str, Any]]:
    """Every record of an API list, following the pages."""
    records: list[dict[str, Any]] = []
    url: str | None = path
    while url:
        parts = urlsplit(url)
        page = json.loads(
            get(parts.path + (f"?{parts.query}" if parts.query else "")).content_bytes
        )
        records += page["results"]
        url = page["next"]
    return records


# --- readers that are not Python packages of this environment ---------------------------------


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )


@contextlib.contextmanager
def _installing(name: str) -> Iterator[None]:
    """One installer at a time: pytest-xdist workers share these folders."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    with (LOCKS / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def node_reader() -> Path:
    """Mozilla's ical.js, installed from package-lock.json (offline cache first)."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    assert node and npm, "Las pruebas de interoperabilidad necesitan node y npm (Node.js 20)."
    with _installing("node"):
        if not (NODE / "node_modules" / "ical.js" / "package.json").exists():
            installed = _run(npm, "ci", "--offline", "--no-audit", "--no-fund", cwd=NODE)
            if installed.returncode != 0:
                installed = _run(npm, "ci", "--no-audit", "--no-fund", cwd=NODE)
            assert installed.returncode == 0, installed.stderr
    return Path(node)


def node_version(package: str) -> str:
    data = json.loads((NODE / "node_modules" / package / "package.json").read_text())
    return str(data["version"])


@pytest.fixture(scope="session")
def c3voc_python() -> Path:
    """A virtual environment with c3voc-schedule-tools and its locked dependencies."""
    python = C3VOC_VENV / "bin" / "python"
    stamp = C3VOC_VENV / ".requirements-sha256"
    wanted = hashlib.sha256(C3VOC_REQUIREMENTS.read_bytes()).hexdigest()
    with _installing("c3voc"):
        _c3voc_install(python, stamp, wanted)
    return python


def _c3voc_install(python: Path, stamp: Path, wanted: str) -> None:
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        if C3VOC_VENV.exists():
            shutil.rmtree(C3VOC_VENV)
        C3VOC_VENV.parent.mkdir(parents=True, exist_ok=True)
        venv.EnvBuilder(with_pip=True).create(C3VOC_VENV)
        installed = _run(
            python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--no-deps", "-r", C3VOC_REQUIREMENTS,
        )  # fmt: skip
        assert installed.returncode == 0, installed.stderr
        stamp.write_text(wanted)


def run_json(*args: str | Path, cwd: Path | None = None) -> Any:
    """Run a reader that prints JSON on stdout; fail with its stderr otherwise."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


PYTHON = Path(sys.executable)
