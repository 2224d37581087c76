"""The program's Python-rendered cards are the template's cards, byte for byte (but spaces)."""

import re

import pytest
from django.template import Context, Template

from datacon.program.selectors import program_cards, program_sessions
from datacon.public.templatetags.program_cards import session_cards
from tests import factories

pytestmark = pytest.mark.django_db


def _squash(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def _template_cards(edition) -> str:
    template = Template(
        "{% load tz %}{% timezone edition.timezone %}{% for session in sessions %}"
        '{% include "public/_session_card.html" %}{% endfor %}{% endtimezone %}'
    )
    sessions = list(program_sessions(edition=edition))
    return template.render(Context({"sessions": sessions, "edition": edition}))


def test_session_cards_match_the_template_partial(edition):
    venue = factories.VenueFactory(edition=edition, name='Sede <Norte> & "Sur"')
    room = factories.RoomFactory(venue=venue, name="Sala O'Gorman")
    plain = factories.SessionFactory(
        edition=edition, title='Datos <abiertos> & "claros"', venue=venue, room=room
    )
    factories.ParticipationFactory(
        session=plain, person=factories.PersonFactory(public_name="Ana <b>& Co</b>")
    )
    factories.ParticipationFactory(session=plain, role="moderator")
    factories.SessionFactory(edition=edition, status="cancelled", venue=venue)
    factories.SessionFactory(edition=edition, starts_at=None, ends_at=None, day=None)
    cards = program_cards(edition=edition)
    assert len(cards) == 3
    assert _squash(session_cards(cards, edition)) == _squash(_template_cards(edition))


def test_session_cards_in_english_keep_language_prefix_and_translate_badge(edition):
    from django.utils import translation

    session = factories.SessionFactory(edition=edition, status="cancelled")
    with translation.override("en"):
        html = session_cards(program_cards(edition=edition), edition)
    assert f'href="/en/ediciones/{edition.slug}/sesiones/{session.code}/"' in html
    assert "Cancelled" in html


def test_program_cards_follow_filters_and_order_of_program_sessions(edition):
    other_type = factories.SessionTypeFactory(edition=edition, name="Taller")
    for hour in (12, 9, 10):
        factories.SessionFactory(
            edition=edition, starts_at=factories.at(edition, 1, hour), session_type=other_type
        )
    factories.SessionFactory(edition=edition, starts_at=factories.at(edition, 2, 8))
    factories.SessionFactory(edition=edition, status="draft")
    assert [card.code for card in program_cards(edition=edition)] == [
        session.code for session in program_sessions(edition=edition)
    ]
    assert [card.code for card in program_cards(edition=edition, session_type_slug="taller")] == [
        session.code for session in program_sessions(edition=edition, session_type_slug="taller")
    ]


def test_now_and_next_cards_match_the_full_program_computation(edition):
    from datacon.program.selectors import program_cards_now_and_next, sessions_now_and_next

    for hour in (9, 10, 10, 12, 12, 15):
        factories.SessionFactory(
            edition=edition,
            starts_at=factories.at(edition, 1, hour),
            ends_at=factories.at(edition, 1, hour + 2),
        )
    now = factories.at(edition, 1, 10, 30)
    running, upcoming = program_cards_now_and_next(edition=edition, now=now)
    full_running, full_upcoming = sessions_now_and_next(
        sessions=list(program_sessions(edition=edition)), now=now
    )
    assert [c.code for c in running] == [s.code for s in full_running]
    assert [c.code for c in upcoming] == [s.code for s in full_upcoming]
    assert len(running) == 3 and len(upcoming) == 2


def test_program_now_query_count_does_not_grow_with_sessions(edition, count_queries, monkeypatch):
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: factories.at(edition, 1, 10, 30))
    client = Client()
    url = f"/ediciones/{edition.slug}/programa/ahora/"

    def add(count: int) -> None:
        for index in range(count):
            session = factories.SessionFactory(
                edition=edition,
                starts_at=factories.at(edition, 1, 10 + index % 2),
                ends_at=factories.at(edition, 1, 12),
            )
            factories.ParticipationFactory(session=session)

    add(2)
    small = count_queries(lambda: client.get(url))
    cache.clear()
    add(20)
    assert count_queries(lambda: client.get(url)) == small
