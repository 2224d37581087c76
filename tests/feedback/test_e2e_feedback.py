"""Browser test of feedback, in headless Debian Chromium: an attendee who was present rates
a session on a 360 px phone, and the session's speaker sees the aggregate only once five
ratings exist, without knowing who wrote the comments."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from datacon.common.actor import Actor
from datacon.feedback.services import session_rate
from tests.browser import signed_in_page
from tests.feedback.factories import attendee, past_edition, session_on, speaker_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_attendee_rates_and_the_speaker_sees_the_aggregate_from_five(live_server, browser):
    edition = past_edition()
    session = session_on(edition)
    speaker = speaker_of(session)
    others = [attendee(edition) for _ in range(3)]
    for user in others:
        session_rate(actor=Actor.of(user), session=session, rating=4, comment="Muy clara")
    me = attendee(edition)

    # The attendee rates on a phone, from the session's page.
    phone = signed_in_page(browser, live_server, me, 360)
    phone.goto(f"{live_server.url}{session.get_absolute_url()}")
    phone.get_by_role("link", name="Calificar").click()
    phone.wait_for_url("**/calificar/")
    assert _fits(phone)
    phone.get_by_label("5 · Muy buena").check()
    phone.get_by_label("Comentario para quienes presentaron").fill("Gran ejemplo práctico")
    phone.get_by_role("button", name="Enviar calificación").click()
    expect(phone.get_by_text("Gracias: guardamos su calificación.")).to_be_visible()
    expect(phone.get_by_label("5 · Muy buena")).to_be_checked()

    # Four ratings: the speaker sees neither the average nor the comments.
    desk = signed_in_page(browser, live_server, speaker, 360)
    desk.goto(f"{live_server.url}/cuenta/")
    desk.get_by_role("link", name="Opiniones sobre mis sesiones").click()
    desk.get_by_role("link", name=f"{session.code} · {session.title}").click()
    expect(desk.get_by_text("Aún hay menos de 5 calificaciones")).to_be_visible()
    expect(desk.get_by_text("Gran ejemplo práctico")).to_have_count(0)
    assert _fits(desk)

    # The fifth rating: the aggregate and the comments appear, without names.
    session_rate(actor=Actor.of(attendee(edition)), session=session, rating=3)
    desk.reload()
    expect(desk.get_by_text("Promedio 4.0 de 5 (5 calificaciones)")).to_be_visible()
    expect(desk.get_by_text("Gran ejemplo práctico")).to_be_visible()
    content = desk.content()
    assert me.email not in content and me.first_name not in content
    assert _fits(desk)
