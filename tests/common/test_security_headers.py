"""Content-Security-Policy and Permissions-Policy on every response, and no template that the
policy would break (issue 13.10). The browser test (test_e2e_csp.py) checks real pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from datacon.common.security_headers import content_security_policy
from tests import factories

ROOT = Path(__file__).resolve().parent.parent.parent / "datacon"
# E-mails are not web pages (mail clients need inline styles); the memoria PDF's
# template is read by WeasyPrint only.
# Documents WeasyPrint renders to PDF (never served as pages under the CSP).
NOT_PAGES = ("/email/", "public/memoria/pdf.html", "certificates/pdf.html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/ediciones/", "/api/v1/", "/no-existe/", "/static/public/site.css", "/healthz"],
)
def test_every_response_carries_both_policies(path):
    factories.EditionFactory()
    response = Client().get(path)
    assert response["Content-Security-Policy"] == content_security_policy()
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_policy_is_strict():
    directives = dict(part.strip().split(" ", 1) for part in content_security_policy().split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in content_security_policy()


def test_uploads_in_s3_compatible_storage_are_allowed_as_images_and_media(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "datacon-archivos",
                "endpoint_url": "https://s3.proveedor.example",
                "querystring_auth": False,
            },
        },
    }
    policy = content_security_policy()
    assert "img-src 'self' data: https://s3.proveedor.example;" in policy
    assert "media-src 'self' https://s3.proveedor.example;" in policy


def test_no_page_template_has_inline_styles_or_scripts():
    offenders = []
    for template in sorted(ROOT.glob("**/templates/**/*.html")):
        relative = template.relative_to(ROOT).as_posix()
        if any(part in relative for part in NOT_PAGES):
            continue
        html = template.read_text()
        if re.search(r"\sstyle=|<style", html):
            offenders.append(f"{relative}: estilo en línea")
        for script in re.findall(r"<script\b[^>]*>", html):
            if "src=" not in script and "application/ld+json" not in script:
                offenders.append(f"{relative}: script en línea")
        if re.search(r"\son[a-z]+=\"", html):
            offenders.append(f"{relative}: manejador de eventos en línea")
    assert offenders == []


def test_no_python_code_writes_inline_styles_into_html():
    offenders = [
        module.relative_to(ROOT).as_posix()
        for module in sorted(ROOT.glob("**/*.py"))
        if "migrations" not in module.parts
        and re.search(r"<[a-z][^>]*\sstyle=", module.read_text())
    ]
    assert offenders == []
