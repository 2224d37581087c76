"""Browser test (headless Debian Chromium, 360 px wide): preview, then import the same file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from datacon.editions.models import Edition
from datacon.program.models import Session
from tests import factories
from tests.program.importing.conftest import DATA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_organiser_previews_and_imports_a_pretalx_schedule(live_server: Any, page: Any) -> None:
    edition: Edition = factories.EditionFactory(  # type: ignore[assignment]
        year=2026, start_date=dt.date(2026, 10, 14), end_date=dt.date(2026, 10, 15)
    )
    client = Client()
    client.force_login(factories.organiser_user())
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 360, "height": 800})
    path = str(DATA / "pretalx-schedule.json")

    page.goto(f"{live_server.url}/gestion/ediciones/{edition.slug}/programa/")
    page.get_by_role(
        "link", name="Importar un programa (schedule.xml, schedule.json o CSV)"
    ).click()
    page.get_by_label("Archivo del programa").set_input_files(path)
    page.get_by_label("Entidad federativa de las sedes nuevas").select_option("14")
    page.get_by_role("button", name="Ver la vista previa").click()

    preview = page.get_by_role("table", name="Cada sesión del archivo y lo que hará la importación")
    assert preview.get_by_role("row").count() == 5  # the header and four sessions
    assert "4 nuevas · 0 con cambios · 0 sin cambios" in page.locator("main").inner_text()
    assert page.get_by_label("Entidad federativa de las sedes nuevas").first.input_value() == "14"
    assert Session.objects.filter(edition=edition).count() == 0

    page.locator("#confirm_file").set_input_files(path)
    page.get_by_role("button", name="Importar", exact=True).click()
    page.wait_for_url(f"**/gestion/ediciones/{edition.slug}/programa/")
    assert "Programa importado: 4 sesiones nuevas" in page.locator("body").inner_text()
    assert Session.objects.filter(edition=edition).count() == 4
