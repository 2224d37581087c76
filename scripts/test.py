#!/usr/bin/env python3
"""Install and run the whole test suite: lint, types, unit, integration and browser tests.

    python3 scripts/test.py                 # everything, on SQLite
    python3 scripts/test.py --no-lint       # skip ruff and mypy
    python3 scripts/test.py -- -k program   # extra arguments go to pytest

Set DATABASE_URL (and REDIS_URL) to run the same suite against PostgreSQL/Redis.
Browser tests need Debian's chromium at /usr/bin/chromium; as root this
script installs it with apt-get when it is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from _bootstrap import BIN, PYTHON, ensure_venv, run, say

CHROMIUM = Path("/usr/bin/chromium")


def ensure_system_packages() -> None:
    missing = []
    if not CHROMIUM.exists():
        missing.append("chromium")
    if not Path("/usr/lib/x86_64-linux-gnu/libpango-1.0.so.0").exists() and shutil.which("apt-get"):
        missing.append("libpango-1.0-0 libpangoft2-1.0-0")
    if not missing:
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"Instalando paquetes de Debian: {' '.join(missing)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", *" ".join(missing).split(), env=env)
    else:
        sys.exit(
            "Faltan paquetes del sistema para las pruebas: "
            + " ".join(missing)
            + ". Instálelos (sudo apt-get install chromium) y vuelva a ejecutar."
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-lint", action="store_true")
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="medir la cobertura de ramas (falla por debajo del mínimo de pyproject.toml)",
    )
    parser.add_argument("pytest_args", nargs="*")
    args = parser.parse_args()

    ensure_venv("test,dev")
    ensure_system_packages()
    if not args.no_lint:
        say("ruff (formato y reglas)")
        run(BIN / "ruff", "format", "--check", ".")
        run(BIN / "ruff", "check", ".")
        say("mypy")
        run(BIN / "mypy", "datacon")
    database = os.environ.get("DATABASE_URL", "sqlite (var/)")
    say(f"pytest sobre {database.split('@')[-1]}")
    workers = ["-n", "2"] if not args.pytest_args else []
    # The whole suite prints its slowest tests: where CI time goes is visible in every run.
    slowest = ["--durations=25"] if not args.pytest_args else []
    coverage = ["--cov", "--cov-report=term"] if args.coverage else []
    code = run(
        PYTHON, "-m", "pytest", *workers, *slowest, *coverage, *args.pytest_args, check=False
    )
    sys.exit(code)


if __name__ == "__main__":
    main()
