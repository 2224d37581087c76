"""Absolute addresses come from one setting (issue 14.5): every export and every e-mail,
ours and allauth's, uses DATACON_PUBLIC_URL, and no code hard-codes a host."""

from __future__ import annotations

import importlib.util
import re
import sys
import zlib
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from datacon.common.models import OutboundEmail
from datacon.common.urls import absolute_url, public_base, public_host
from datacon.demo.loader import demo_load
from tests.proposals.test_flow import signup_and_verify
from tests.registration.factories import register, registration_edition

ROOT = Path(__file__).resolve().parents[2]
DATACON = ROOT / "datacon"
PUBLIC = "https://datos.example.mx"
HOSTS = re.compile(r"127\.0\.0\.1|\blocalhost\b|\[::1\]|0\.0\.0\.0|\btestserver\b")


def test_absolute_url_from_a_path_a_name_or_an_external_link(settings):  # type: ignore[no-untyped-def]
    settings.DATACON_PUBLIC_URL = PUBLIC
    assert public_base() == PUBLIC
    assert public_host() == "datos.example.mx"
    assert absolute_url("/datos/") == f"{PUBLIC}/datos/"
    assert absolute_url("public:edition", edition="2021") == f"{PUBLIC}/ediciones/2021/"
    assert absolute_url("https://otro.example.org/x") == "https://otro.example.org/x"
    with pytest.raises(TypeError):
        absolute_url("/datos/", "x")


def test_no_hard_coded_host_in_the_code():
    """Only settings.py names a default host; everything else asks datacon.common.urls."""
    offenders = []
    for path in sorted(DATACON.rglob("*")):
        if path.suffix not in (".py", ".html", ".txt", ".md", ".json", ".js", ".xml"):
            continue
        if path.name == "settings.py" or "locale" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if HOSTS.search(line) or (
                "DATACON_PUBLIC_URL" in line
                and path.relative_to(DATACON).as_posix() != "common/urls.py"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
            if "build_absolute_uri(" in line:  # links from the request's Host header
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_demo_sets_the_public_address_from_where_it_serves():
    spec = importlib.util.spec_from_file_location("demo_script", ROOT / "scripts" / "demo.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert module.demo_environment("127.0.0.1", 8080)["DATACON_PUBLIC_URL"] == (
        "http://127.0.0.1:8080"
    )
    everywhere = module.demo_environment("0.0.0.0", 9000, "http://192.0.2.10:9000/")  # noqa: S104
    assert everywhere["DATACON_PUBLIC_URL"] == "http://192.0.2.10:9000"
    assert "192.0.2.10" in everywhere["ALLOWED_HOSTS"].split(",")
    assert module.demo_environment("::1", 8001)["DATACON_PUBLIC_URL"] == "http://[::1]:8001"


def _pdf_strings(content: bytes) -> bytes:
    """The PDF's own bytes plus every compressed stream, inflated (links live in either)."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, flags=re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


EXPORTS = [
    "/ediciones/2021/calendario.ics",
    "/ediciones/2021/sesiones/S0101/calendario.ics",
    "/ediciones/2021/schedule.xml",
    "/ediciones/2021/schedule.json",
    "/ediciones/2021/datos/datapackage.json",
    "/datos/datapackage.json",
    "/datos/catalogo.ttl",
    "/datos/catalogo.jsonld",
    "/api/v1/",
    "/api/v1/sessions/?edition=2021",
    "/api/v1/datasets/",
    "/ediciones/2021/",
    "/ediciones/2021/sesiones/S0101/",
    "/ediciones/2021/memoria.pdf",
]


@pytest.mark.django_db
def test_every_export_and_email_uses_the_configured_address(settings):  # type: ignore[no-untyped-def]
    settings.DATACON_PUBLIC_URL = PUBLIC
    demo_load(with_demo_users=False)
    client = Client()
    for path in EXPORTS:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content
        if path.endswith(".pdf"):
            content = _pdf_strings(content)
        assert f"{PUBLIC}/".encode() in content, path
        assert HOSTS.search(content.decode("latin-1")) is None, path

    # Our e-mails (a registration) and allauth's (the sign-up verification) agree.
    edition, _venues = registration_edition()
    registration = register(edition)
    ours = OutboundEmail.objects.filter(to=registration.email).values_list("body_text", flat=True)
    signup_and_verify(Client(), "nueva.cuenta@example.org")
    theirs = [m.body for m in mail.outbox if "nueva.cuenta@example.org" in m.to] + list(
        OutboundEmail.objects.filter(to="nueva.cuenta@example.org").values_list(
            "body_text", flat=True
        )
    )
    for body in [*ours, *theirs]:
        links = re.findall(r"https?://[^\s<>\"]+", body)
        assert links, body
        assert all(link.startswith(f"{PUBLIC}/") for link in links), links
        assert HOSTS.search(body) is None, body
    assert any("/confirm-email/" in body for body in theirs)
