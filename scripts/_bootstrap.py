"""Shared by scripts/demo.py and scripts/test.py: a virtual environment that matches pyproject.toml.

Only the Python standard library is used here, so these scripts run on a fresh
machine with nothing but Python 3.11.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if check and completed.returncode != 0:
        sys.exit(completed.returncode)
    return completed.returncode


def require_python() -> None:
    if sys.version_info[:2] != (3, 11):
        found = shutil.which("python3.11")
        if found and Path(found).resolve() != Path(sys.executable).resolve():
            os.execv(found, [found, *sys.argv])  # noqa: S606 - re-run under 3.11
        sys.exit(f"Se necesita Python 3.11 (este es {sys.version.split()[0]}).")


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project with the given extras, once per pyproject change."""
    require_python()
    if not PYTHON.exists():
        say("Creando el entorno virtual en .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    ).hexdigest()
    stamp = VENV / f".installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    say(f"Instalando dependencias ({extras or 'base'})")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(fingerprint)


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    run(PYTHON, "manage.py", *args, env=env)
