"""Data packages read by frictionless, pandas and Python's csv module, each honouring the
encoding the package declares (issue 14.8: a byte-order mark was written but not declared,
so the first header came back as "\\ufeffedicion")."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import frictionless
import pandas
import pytest

from tests.interop.conftest import get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

PACKAGES = {
    "datacon": "/datos/datacon-datos-abiertos.zip",
    "datacon-2021": "/ediciones/2021/datos/datos-abiertos.zip",
    "datacon-2024": "/ediciones/2024/datos/datos-abiertos.zip",
}


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folders = {}
    for name, url in PACKAGES.items():
        target = tmp_path_factory.mktemp(name)
        zipfile.ZipFile(io.BytesIO(get(url).content_bytes)).extractall(target)
        folders[name] = target / name
    return folders


def _resources(folder: Path) -> list[dict[str, Any]]:
    return list(json.loads((folder / "datapackage.json").read_text())["resources"])


def _json_records(folder: Path, resource: dict[str, Any]) -> list[dict[str, Any]]:
    path = folder / resource["path"].removesuffix(".csv")
    return list(json.loads(path.with_suffix(".json").read_text())["registros"])


@pytest.mark.parametrize("name", PACKAGES)
def test_frictionless_validates_and_reads_every_resource(name, unpacked):  # type: ignore[no-untyped-def]
    folder = unpacked[name]
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = frictionless.Package(str(folder / "datapackage.json"))
    for resource in package.resources:
        with resource:
            assert resource.encoding == "utf-8-sig"
            rows = resource.read_rows()
            assert resource.header == [f.name for f in resource.schema.fields], resource.name
        assert len(rows) == len(_json_records(folder, resource.to_dict())), resource.name


@pytest.mark.parametrize("name", PACKAGES)
def test_python_csv_with_the_declared_encoding(name, unpacked):  # type: ignore[no-untyped-def]
    folder = unpacked[name]
    for resource in _resources(folder):
        fields = [f["name"] for f in resource["schema"]["fields"]]
        with (folder / resource["path"]).open(encoding=resource["encoding"], newline="") as f:
            rows = list(csv.DictReader(f))
        assert (list(rows[0]) if rows else fields) == fields, resource["name"]
        assert len(rows) == len(_json_records(folder, resource)), resource["name"]


@pytest.mark.parametrize("name", PACKAGES)
def test_pandas_with_the_declared_encoding(name, unpacked):  # type: ignore[no-untyped-def]
    folder = unpacked[name]
    for resource in _resources(folder):
        fields = resource["schema"]["fields"]
        frame = pandas.read_csv(
            folder / resource["path"], encoding=resource["encoding"], keep_default_na=False
        )
        assert list(frame.columns) == [f["name"] for f in fields], resource["name"]
        records = _json_records(folder, resource)
        assert len(frame) == len(records), resource["name"]
        for field in fields:
            values = [r[field["name"]] for r in records]
            if field["type"] == "integer" and values and None not in values:
                # numbers stay numbers: no quote was added to any of them
                assert frame[field["name"]].tolist() == values, (resource["name"], field["name"])


def test_the_declaration_matches_the_bytes(unpacked):  # type: ignore[no-untyped-def]
    folder = unpacked["datacon-2021"]
    for resource in _resources(folder):
        content = (folder / resource["path"]).read_bytes()
        assert resource["encoding"] == "utf-8-sig"
        assert content.startswith(b"\xef\xbb\xbf"), resource["name"]
        first = content.decode(resource["encoding"]).split("\r\n", 1)[0]
        assert first.split(",")[0] == resource["schema"]["fields"][0]["name"]


def test_reader_versions():
    assert (version("frictionless"), version("pandas")) == ("5.21.0", "3.1.1")
