"""Attendance reaches the edition's memoria as aggregates, and never a name or an e-mail."""

import lxml.html
import pytest

from datacon.registration.services import checkin_venue
from tests import factories
from tests.registration.factories import register, registration_edition

pytestmark = pytest.mark.django_db


def _block_rows(html: str, block_id: str) -> list[list[str]]:
    tree = lxml.html.fromstring(html)
    return [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in tree.cssselect(f"#{block_id} tbody tr")
    ]


def test_memoria_shows_attendance_by_mode_and_venue_without_personal_data(client):
    edition, (venue,) = registration_edition(capacity=10)
    present = register(edition, venue=venue, notify=False)
    absent = register(edition, venue=venue, notify=False)
    register(edition, mode="online", notify=False)
    checkin_venue(venue=venue, code=present.ticket_code, actor=factories.SYSTEM)

    html = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()

    assert _block_rows(html, "bloque-attendance") == [
        ["Presencial", "2", "1", "1"],
        ["En línea", "1", "0", "1"],
        [venue.name, "2", "1", "1"],
    ]
    for registration in (present, absent):
        assert registration.email not in html
        assert registration.name not in html


def test_memoria_attendance_is_current_after_a_check_in(client):
    edition, (venue,) = registration_edition(capacity=10)
    registration = register(edition, venue=venue, notify=False)
    url = f"/ediciones/{edition.slug}/memoria/"
    before = _block_rows(client.get(url).content.decode(), "bloque-attendance")
    checkin_venue(venue=venue, code=registration.ticket_code, actor=factories.SYSTEM)
    after = _block_rows(client.get(url).content.decode(), "bloque-attendance")
    assert (before[0], after[0]) == (["Presencial", "1", "0", "1"], ["Presencial", "1", "1", "0"])
