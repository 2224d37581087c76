"""schema.org Events read with extruct, the way search engines' crawlers read pages (issue
14.7): every edition and session page has the properties they require (name, startDate,
location) and, where known, those they recommend, with plain-text descriptions."""

from __future__ import annotations

import datetime as dt
import re
from importlib.metadata import version
from typing import Any
from urllib.parse import urlsplit

import extruct
import pytest
from django.conf import settings

from datacon.program.models import Session
from tests.interop.conftest import EDITIONS, api_all, get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MARKDOWN = re.compile(r"\*\*|__|\[[^\]]*\]\([^)]*\)|^#{1,6} |^[-*] ", re.MULTILINE)


def _events(path: str) -> list[dict[str, Any]]:
    html = get(path).content_bytes.decode("utf-8")
    data = extruct.extract(
        html, base_url=settings.DATACON_PUBLIC_URL + path, syntaxes=["json-ld"], uniform=True
    )
    return [item for item in data["json-ld"] if item.get("@type") == "Event"]


def _is_iso_date(value: str) -> bool:
    if re.fullmatch(r"\d{4}", value):  # a year: what the sources give for 2022 and 2023
        return True
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _locations(event: dict[str, Any]) -> list[dict[str, Any]]:
    location = event["location"]
    return location if isinstance(location, list) else [location]


def _check_required(event: dict[str, Any], where: str) -> None:
    assert event.get("name"), where
    assert _is_iso_date(event.get("startDate", "")), where
    for location in _locations(event):
        if location["@type"] == "VirtualLocation":
            assert location["url"].startswith(("http://", "https://")), where
        else:
            assert location["@type"] == "Place", where
            assert location["address"]["addressCountry"] == "MX", where
    assert event["eventStatus"].startswith("https://schema.org/Event"), where
    assert event["eventAttendanceMode"].startswith("https://schema.org/"), where
    assert MARKDOWN.search(event.get("description", "")) is None, (where, event["description"])
    assert event["image"], where
    for image in event["image"]:
        response = get(urlsplit(image).path)
        assert response["Content-Type"] == "image/png", image


@pytest.mark.parametrize("edition", EDITIONS)
def test_edition_pages_carry_a_complete_event(edition):  # type: ignore[no-untyped-def]
    (event,) = _events(f"/ediciones/{edition}/")
    _check_required(event, edition)
    assert event["organizer"]["name"], edition
    if edition in ("2022", "2023"):  # the sources give the year, not the dates
        assert event["startDate"] == edition
    else:
        assert dt.date.fromisoformat(event["startDate"]).year == int(edition[:4])
        assert event["endDate"] >= event["startDate"]


def test_2023_is_located_in_mexico_and_2021_online():
    (event_2023,) = _events("/ediciones/2023/")
    assert _locations(event_2023) == [
        {
            "@type": "Place",
            "name": "México",
            "address": {"@type": "PostalAddress", "addressCountry": "MX"},
        }
    ]
    (event_2021,) = _events("/ediciones/2021/")
    assert [loc["@type"] for loc in _locations(event_2021)] == ["VirtualLocation"]


@pytest.mark.parametrize("edition", ["2021", "2024", "2027-demo"])
def test_session_pages_carry_a_complete_event(edition):  # type: ignore[no-untyped-def]
    codes = [s["code"] for s in api_all(f"/api/v1/sessions/?edition={edition}&page_size=500")]
    assert codes
    for code in codes:
        where = f"{edition} {code}"
        (event,) = _events(f"/ediciones/{edition}/sesiones/{code}/")
        _check_required(event, where)
        assert event["superEvent"]["name"], where
        kinds = {loc["@type"] for loc in _locations(event)}
        if edition == "2027-demo":  # hybrid: a place and an online location
            assert kinds == {"Place", "VirtualLocation"}, where
        if edition == "2021":
            assert kinds == {"VirtualLocation"}, where


def test_markdown_in_an_abstract_reaches_search_engines_as_plain_text():
    session = Session.objects.filter(edition__slug="2021").order_by("code").first()
    assert session is not None
    session.abstract = "**Datos** abiertos con [enlace](https://example.org/) y _énfasis_.\n\n- uno"
    session.save()
    from datacon.common.versions import CONFERENCE, public_version_bump

    public_version_bump(CONFERENCE)
    (event,) = _events(f"/ediciones/2021/sesiones/{session.code}/")
    assert event["description"] == "Datos abiertos con enlace y énfasis.\n\nuno"


def test_reader_version():
    assert version("extruct") == "0.18.0"
