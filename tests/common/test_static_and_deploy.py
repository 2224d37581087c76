"""Static files are compressed and cached forever under hashed names; production
settings pass `manage.py check --deploy` without a single warning."""

import gzip
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DATACON_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50)[:50],  # the shortest key Django's check accepts
    "ALLOWED_HOSTS": "datacon.example.org",
    "DEBUG": "false",
    # As deployed (docs/deployment.md): behind one proxy, with Redis.
    "TRUSTED_PROXY_COUNT": "1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


STATIC_OVERRIDES = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "datacon.common.storage.StaticStorage"},
    },
    "WHITENOISE_USE_FINDERS": False,
    "WHITENOISE_AUTOREFRESH": False,
    "DEBUG": False,
}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):  # type: ignore[no-untyped-def]
    """collectstatic once, with the production storage, into a fresh folder."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, **STATIC_OVERRIDES):
        call_command("collectstatic", "--noinput", "-v0")
    return root


@pytest.fixture
def collected(settings, static_root):  # type: ignore[no-untyped-def]
    """Serve that folder through whitenoise; returns the manifest (plain -> hashed name)."""
    settings.STATIC_ROOT = static_root
    for name, value in STATIC_OVERRIDES.items():
        setattr(settings, name, value)
    return json.loads((static_root / "staticfiles.json").read_text())["paths"]


def test_hashed_static_file_is_cached_forever_and_served_compressed(collected):
    hashed = collected["public/site.css"]
    assert hashed != "public/site.css"
    client = Client()  # a new handler: whitenoise indexes the new STATIC_ROOT
    response = client.get(f"/static/{hashed}", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert b".site-header" in body


def test_plain_static_name_is_cached_only_an_hour(collected):
    response = Client().get("/static/public/site.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=3600, public"


def test_pages_link_static_files_by_hashed_name(collected, db):
    html = Client().get("/").content.decode()
    assert f'href="/static/{collected["public/site.css"]}"' in html


def test_check_deploy_passes_with_production_settings_without_warnings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
        if key
        not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATACON_ENV", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
