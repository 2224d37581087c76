"""The Django admin is for superusers' repairs only; organisers work in /gestion/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import EditionFactory, UserFactory, organiser_user

pytestmark = pytest.mark.django_db

DATACON = Path(__file__).resolve().parents[2] / "datacon"


def _organiser() -> Client:
    client = Client()
    client.force_login(organiser_user())
    return client


def test_an_organiser_is_refused_with_a_403_everywhere_in_the_admin() -> None:
    edition = EditionFactory()
    client = _organiser()
    for url in (
        "/admin/",
        "/admin/editions/edition/",
        f"/admin/editions/edition/{edition.pk}/change/",
    ):
        assert client.get(url).status_code == 403, url


def test_a_superuser_enters_the_admin_and_an_anonymous_visitor_gets_its_log_in() -> None:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/editions/edition/").status_code == 200
    anonymous = Client().get("/admin/")
    assert (anonymous.status_code, anonymous["Location"]) == (302, "/admin/login/?next=/admin/")


def test_the_back_office_menu_offers_the_admin_to_superusers_only() -> None:
    organiser = _organiser().get("/gestion/").content.decode()
    superuser = Client()
    superuser.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert (
        'href="/admin/"' in organiser,
        'href="/admin/"' in superuser.get("/gestion/").content.decode(),
    ) == (False, True)


ADMIN_URL = re.compile(r"""\{%\s*url\s+['"]admin:|reverse\(\s*['"]admin:""")


def test_no_screen_outside_the_admin_sends_organisers_to_it() -> None:
    """Guard: a back-office or public page linking into the admin means an organiser's task
    still needs it. The only link is the superusers' menu entry (under `perms.admin.enter`)."""
    offenders = []
    for path in sorted(DATACON.rglob("*")):
        if path.suffix not in {".html", ".py"} or path.name.startswith("admin"):
            continue
        relative = path.relative_to(DATACON).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ADMIN_URL.search(line) and "perms.admin.enter" not in line:
                offenders.append(f"{relative}:{number}")
    assert offenders == []


def test_the_admins_log_out_stays_open_to_a_refused_account() -> None:
    client = _organiser()
    response = client.post("/admin/logout/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_the_refusal_page_speaks_to_a_signed_in_organiser_and_leads_back_to_the_back_office() -> (
    None
):
    html = _organiser().get("/admin/").content.decode()
    assert ('href="/gestion/"' in html, "entre con su cuenta" in html) == (True, False)
