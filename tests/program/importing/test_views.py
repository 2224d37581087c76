"""The back-office import page: upload, dry run, import of the same file (issue 17.5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.editions.models import Edition
from datacon.editions.models_access import EditionRole
from datacon.program.importing.apply import program_import
from datacon.program.models import Participation, Session
from tests import factories
from tests.program.importing.conftest import DATA, counts

pytestmark = pytest.mark.django_db


def _url(edition: Edition) -> str:
    return f"/gestion/ediciones/{edition.slug}/programa/importar/"


def _file(name: str = "schedule.json", content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (DATA / "pretalx-schedule.json").read_bytes()
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _user() -> User:
    return factories.UserFactory()  # type: ignore[return-value]


def test_only_the_editions_organisers(jda: Edition) -> None:
    assert Client().get(_url(jda)).status_code == 302  # to the log-in page
    stranger = Client()
    stranger.force_login(_user())
    assert stranger.get(_url(jda)).status_code == 403
    other: Edition = factories.EditionFactory(year=2095)  # type: ignore[assignment]
    user = _user()
    EditionRole.objects.create(edition=other, user=user, duty="organiser")
    client = Client()
    client.force_login(user)
    assert client.get(_url(jda)).status_code == 403
    EditionRole.objects.create(edition=jda, user=user, duty="organiser")
    assert client.get(_url(jda)).status_code == 200


def test_preview_then_import_the_same_file(jda: Edition, organiser_client: Client) -> None:
    page = organiser_client.get(_url(jda)).content.decode()
    assert "plantilla.csv" in page

    preview = organiser_client.post(_url(jda), {"file": _file(), "venue_state": "14"})

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Vista previa" in html and "QXR7KM" in html and "Nueva" in html
    assert "Guadalupe Ríos Ejemplo" in html
    assert Session.objects.filter(edition=jda).count() == 0
    match = re.search(r'name="sha256" value="([0-9a-f]{64})"', html)
    assert match is not None

    done = organiser_client.post(
        _url(jda), {"file": _file(), "sha256": match.group(1), "venue_state": "14"}
    )

    assert done.status_code == 302
    assert done["Location"] == f"/gestion/ediciones/{jda.slug}/programa/"
    assert Session.objects.filter(edition=jda).count() == 4
    assert Participation.objects.filter(session__edition=jda).count() == 4
    schedule = organiser_client.get(done["Location"]).content.decode()
    assert _url(jda) in schedule  # the builder links to the import page


def test_the_import_refuses_a_file_other_than_the_previewed_one(
    jda: Edition, organiser_client: Client
) -> None:
    before = counts()
    response = organiser_client.post(
        _url(jda),
        {
            "file": _file(content=b"codigo,titulo\nS0101,Otra cosa\n", name="p.csv"),
            "sha256": "a" * 64,
            "venue_state": "14",
        },
    )
    assert response.status_code == 400
    assert "no es el de la vista previa" in response.content.decode()
    assert counts() == before


def test_a_bad_csv_shows_line_and_field_and_keeps_the_options(
    edition: Edition, organiser_client: Client
) -> None:
    day = edition.start_date.isoformat()  # type: ignore[union-attr]
    content = (
        "codigo,titulo,fecha,inicio,fin\n"
        f"S0101,Bien,{day},10:00,11:00\n"
        "S0102,Mal,2026-02-30,10:00,11:00\n"
    ).encode()
    response = organiser_client.post(
        _url(edition),
        {"file": _file("programa.csv", content), "venue_state": "09", "confirm_sessions": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r"<td[^>]*>3</td><td[^>]*><code>fecha</code></td>", html)
    assert 'value="09" selected' in html
    assert re.search(r'<input type="checkbox" name="confirm_sessions"[^>]*checked', html)
    assert Session.objects.filter(edition=edition).count() == 0


def test_the_csv_template_downloads_and_imports(organiser_client: Client) -> None:
    edition: Edition = factories.EditionFactory(  # type: ignore[assignment]
        year=2027, start_date=dt.date(2027, 9, 22), end_date=dt.date(2027, 9, 23)
    )
    response = organiser_client.get(_url(edition) + "plantilla.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert content.startswith("\ufeffcodigo,titulo,tipo,fecha,inicio,fin,".encode())

    result = program_import(
        edition=edition,
        content=content,
        actor=factories.SYSTEM,
        filename="plantilla-programa.csv",
        dry_run=False,
        venue_state="09",
    )
    assert result.plan.problems == []
    assert sorted(
        Participation.objects.filter(session__edition=edition).values_list(
            "session__code", "person__public_name", "role"
        )
    ) == [
        ("S0101", "Ana López Ejemplo", "moderator"),
        ("S0101", "Juan Pérez Ejemplo", "speaker"),
        ("S0102", "Luis Gómez Ejemplo", "panelist"),
        ("S0102", "María Hernández Ejemplo", "panelist"),
    ]
