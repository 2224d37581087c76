"""Settings come from the environment, and production refuses unsafe ones loudly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATACON_ENV"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_settings_production_with_demo_secret_refuses_to_start():
    result = _check(DATACON_ENV="production", ALLOWED_HOSTS="datacon.example.org")
    assert result.returncode != 0
    assert "DATACON se niega a arrancar en modo producción" in result.stderr
    assert "SECRET_KEY falta, es la clave de demostración" in result.stderr


def test_settings_production_with_debug_refuses_to_start():
    result = _check(
        DATACON_ENV="production",
        SECRET_KEY="x" * 50,
        DEBUG="true",
        ALLOWED_HOSTS="datacon.example.org",
    )
    assert result.returncode != 0
    assert "DEBUG está activo" in result.stderr


def test_settings_production_with_safe_values_starts():
    result = _check(
        DATACON_ENV="production", SECRET_KEY="k" * 50, ALLOWED_HOSTS="datacon.example.org"
    )
    assert result.returncode == 0, result.stderr


def test_settings_demo_defaults_start():
    assert _check().returncode == 0


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATACON_ENV"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "datacon.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRINT_APPS = "import django; django.setup(); from django.conf import settings; print(*settings.INSTALLED_APPS)"


def test_production_settings_do_not_install_the_demo_app():
    production = {
        "DATACON_ENV": "production",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "datacon.example.org",
    }
    apps = _run(["-c", PRINT_APPS], **production)
    assert apps.returncode == 0, apps.stderr
    assert "datacon.demo" not in apps.stdout.split()
    assert "datacon.registration" in apps.stdout.split()
    # Nor its commands: no demo accounts or fictional data can be loaded by mistake.
    command = _run(["manage.py", "load_demo", "--no-demo-users"], **production)
    assert command.returncode != 0
    assert "Unknown command: 'load_demo'" in command.stderr
    # The public record of the real editions is loaded in production by its own command.
    record = _run(["manage.py", "load_record", "--help"], **production)
    assert (record.returncode, "registro público" in record.stdout) == (0, True), record.stderr


def test_demo_settings_install_the_demo_app():
    apps = _run(["-c", PRINT_APPS], DATACON_ENV="demo")
    assert apps.returncode == 0, apps.stderr
    assert "datacon.demo" in apps.stdout.split()


# Loaded by the analysis of information requests only (datacon/demand/analysis/topics.py).
SCIENTIFIC_STACK = ("sklearn", "pandas", "scipy.stats", "scipy.sparse.csgraph")
BOOT_AN_APP_SERVER = (
    "import sys; from datacon.wsgi import application; from django.urls import get_resolver; "
    "get_resolver().url_patterns; print(*sorted(m for m in sys.modules if m in {names!r}))"
)


def test_an_app_server_starts_without_the_scientific_stack():
    """Each app server worker and each management command loads the URLs; a view that
    imported the request analysis at the top made every one of them import scikit-learn,
    SciPy's statistics and pandas (three of its four seconds to start)."""
    production = {
        "DATACON_ENV": "production",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "datacon.example.org",
    }
    started = _run(["-c", BOOT_AN_APP_SERVER.format(names=set(SCIENTIFIC_STACK))], **production)
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == []
