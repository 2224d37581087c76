"""The API as an application developer meets it (issue 14.3): the OpenAPI document passes
openapi-spec-validator, every answer of the demo matches its declared schema, and a client
generated with openapi-python-client calls every list and detail endpoint and parses every
field of every record (it crashed on the 2024 sessions, whose times are null)."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.interop.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

PREFIX = "/api/v1"
DETAILS_PER_LIST = 30  # every record of the conference; the first 30 of longer lists


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return json.loads(get(f"{PREFIX}/openapi.json").content_bytes)


def test_openapi_document_is_valid(spec):  # type: ignore[no-untyped-def]
    validate(spec)  # openapi-spec-validator: raises on the first error
    assert spec["openapi"].startswith("3.0")
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            assert "404" in operation["responses"], path
            assert "security" not in operation, path  # a public API: no credentials


def _validator(spec: dict[str, Any], schema: dict[str, Any]) -> OAS30Validator:
    registry: Registry = Registry().with_resource(
        "urn:datacon-openapi", Resource.from_contents(spec, default_specification=DRAFT4)
    )
    rebased = json.loads(json.dumps(schema).replace('"#/', '"urn:datacon-openapi#/'))
    return OAS30Validator(rebased, registry=registry)


def _records(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and "results" in data:
        return list(data["results"])
    return list(data) if isinstance(data, list) else []


def _calls(spec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(template, concrete path) for every list, then every detail of listed records."""
    lists = [p for p in spec["paths"] if "{" not in p]
    listed: dict[str, list[dict[str, Any]]] = {}
    for path in lists:
        query = "?page_size=500" if _takes(spec, path, "page_size") else ""
        yield path, path + query
        listed[path] = _records(json.loads(get(path + query).content_bytes))
    for template in spec["paths"]:
        match = re.fullmatch(r"(.*/)\{(\w+)\}/(.*)", template)
        if not match:
            continue
        base, name, rest = match.groups()
        records = listed.get(base, [])  # a few lists are empty in the demo (materials)
        for record in records[:DETAILS_PER_LIST]:
            assert name in record, f"{template}: the list {base} does not give its {name}"
            yield template, f"{base}{record[name]}/{rest}"


def _takes(spec: dict[str, Any], path: str, parameter: str) -> bool:
    return any(p["name"] == parameter for p in spec["paths"][path]["get"].get("parameters", []))


def test_every_answer_matches_its_declared_schema(spec):  # type: ignore[no-untyped-def]
    checked = 0
    for template, path in _calls(spec):
        response = get(path)
        schema = spec["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]
        errors = sorted(
            f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
            for error in _validator(spec, schema["schema"]).iter_errors(
                json.loads(response.content_bytes)
            )
        )
        assert errors[:5] == [], path
        checked += 1
    assert checked > 100


def test_unknown_api_addresses_answer_the_declared_404(spec):  # type: ignore[no-untyped-def]
    schema = spec["components"]["schemas"]["NotFound"]
    from django.test import Client

    for path in (f"{PREFIX}/no-existe/", f"{PREFIX}/sessions/999999999/", "/api/v9/"):
        response = Client().get(path)
        assert response.status_code == 404, path
        _validator(spec, schema).validate(json.loads(response.content))


# --- a generated client ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated_client(spec, tmp_path_factory) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("openapi-client")
    (folder / "openapi.json").write_text(json.dumps(spec))
    (folder / "config.yaml").write_text("post_hooks: []\n")
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("openapi-python-client")),
            "generate", "--path", "openapi.json", "--meta", "none",
            "--output-path", "datacon_api_client", "--config", "config.yaml",
        ],
        cwd=folder, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    sys.path.insert(0, str(folder))
    # Like Django's test client, keep the test's connection across requests: the WSGI
    # handler would close it at the end of a request once CONN_MAX_AGE (60 s) has passed,
    # inside the test's transaction, and every later request would answer 503 (PostgreSQL;
    # SQLite's in-memory test database ignores the close).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        package = importlib.import_module("datacon_api_client")
        transport = httpx.WSGITransport(app=get_wsgi_application())
        yield (
            package,
            package.Client(
                base_url="http://testserver",
                httpx_args={"transport": transport},
                raise_on_unexpected_status=True,
            ),
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.startswith("datacon_api_client")]:
            del sys.modules[name]


def _operations(package: Any) -> dict[str, Any]:
    api = importlib.import_module(f"{package.__name__}.api")
    found = {}
    for tag in pkgutil.iter_modules(api.__path__):
        module = importlib.import_module(f"{api.__name__}.{tag.name}")
        for operation in pkgutil.iter_modules(module.__path__):
            found[operation.name] = importlib.import_module(f"{module.__name__}.{operation.name}")
    return found


def _parsed(response: Any) -> Any:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    assert response.parsed is not None
    raw = json.loads(response.content)
    parsed = response.parsed
    as_dicts = [item.to_dict() for item in parsed] if isinstance(parsed, list) else parsed.to_dict()
    assert as_dicts == raw  # every field was read, and read back the same
    return raw


def test_generated_client_reads_every_list_and_detail(generated_client):  # type: ignore[no-untyped-def]
    package, client = generated_client
    operations = _operations(package)
    lists = {name: module for name, module in operations.items() if name.endswith("_list")}
    assert len(lists) >= 30
    called: set[str] = set()
    records_of: dict[str, list[dict[str, Any]]] = {}
    for name, module in sorted(lists.items()):
        parameters = inspect.signature(module.sync_detailed).parameters
        kwargs = {"page_size": 500} if "page_size" in parameters else {}
        records_of[name.removesuffix("_list")] = _records(
            _parsed(module.sync_detailed(client=client, **kwargs))
        )
        called.add(name)
    for name, module in sorted(operations.items()):
        if name in lists:
            continue
        stem = name.removesuffix("_retrieve")
        base = next(
            (b for b in sorted(records_of, key=len, reverse=True) if stem.startswith(b)), None
        )
        assert base is not None, name
        key = next(iter(inspect.signature(module.sync_detailed).parameters))
        records = records_of[base]
        for record in records[:DETAILS_PER_LIST]:
            _parsed(module.sync_detailed(record[key], client=client))
        if records:
            called.add(name)
    # The demo has no materials (the sources give none): nothing to ask the detail for.
    assert set(operations) - called == {"materials_retrieve"}


def test_generated_client_parses_sessions_without_times(generated_client):  # type: ignore[no-untyped-def]
    package, client = generated_client
    sessions_list = importlib.import_module(f"{package.__name__}.api.sessions.sessions_list")
    page = sessions_list.sync(client=client, edition="2024", page_size=500)
    assert page is not None and page.count > 0
    assert {(s.starts_at, s.ends_at) for s in page.results} == {(None, None)}
    assert all(s.day is not None for s in page.results)


def test_tool_versions():
    assert (version("openapi-spec-validator"), version("openapi-python-client")) == (
        "0.9.0",
        "0.29.1",
    )
