import datetime as dt

import lxml.html
import pytest
from django.test import Client

from datacon.program.models import ParticipationRole
from tests import factories
from tests.factories import at

pytestmark = pytest.mark.django_db

DEMO_PAGES = [
    "/",
    "/ediciones/",
    "/ediciones/2021/",
    "/ediciones/2022/",
    "/ediciones/2023/",
    "/ediciones/2024/",
    "/ediciones/2021/programa/",
    "/ediciones/2024/programa/",
    "/ediciones/2021/programa/ahora/",
    "/ediciones/2021/sesiones/S0103/",
    "/ediciones/2024/sesiones/S0202/",
    "/personas/",
    "/organizaciones/",
    "/organizaciones/inai/",
    "/organizaciones/codeando-mexico/",
    "/buscar/?q=datos",
]


@pytest.mark.parametrize("path", DEMO_PAGES)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_page_renders(demo, client, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="' + ("en" if prefix else "es-MX") + '"' in html
    assert 'id="contenido"' in html


def _slots(html: str) -> list[list[str]]:
    tree = lxml.html.fromstring(html)
    return [
        [code.text_content() for code in slot.cssselect(".session-card .code")]
        for slot in tree.cssselect("li.slot")
    ]


def test_program_2021_shows_all_seventeen_sessions_with_parallel_slot(demo, client):
    html = client.get("/ediciones/2021/programa/").content.decode()
    slots = _slots(html)
    codes = [code for slot in slots for code in slot]
    assert codes == [
        "S0101", "S0102", "S0103", "S0104", "S0105", "S0106", "S0107", "S0108", "S0109", "S0110",
        "S0201", "S0202", "S0203", "S0204", "S0205", "S0206", "S0207",
    ]  # fmt: skip
    assert ["S0103", "S0104", "S0105"] in slots
    assert ["S0202", "S0203", "S0204"] in slots
    tree = lxml.html.fromstring(html)
    times = [t.text_content() for t in tree.cssselect(".slot-time time")]
    assert times[:3] == ["10:30", "11:00", "12:00"]


def test_program_2021_shows_the_channel_of_each_session_and_says_whose_numbering(demo, client):
    tree = lxml.html.fromstring(client.get("/ediciones/2021/programa/").content)
    places = {
        card.cssselect(".code")[0].text_content(): card.cssselect(".session-place")[
            0
        ].text_content()
        for card in tree.cssselect(".session-card")
    }
    assert [places[code] for code in ("S0103", "S0104", "S0105")] == [
        "Virtual · Transmisión 1",
        "Virtual · Transmisión 2",
        "Virtual · Transmisión 3",
    ]
    assert [note.text_content() for note in tree.cssselect(".channel-note")] == [
        "Las sesiones simultáneas aparecen en canales numerados («Transmisión 1», «Transmisión "
        "2»…). Esa numeración es propia de esta plataforma para distinguir las transmisiones en "
        "paralelo: las fuentes de la edición solo publican los horarios, no el canal de cada "
        "sesión."
    ]
    edition = lxml.html.fromstring(client.get("/ediciones/2021/").content)
    assert len(edition.cssselect(".channel-note")) == 1
    assert "Canales de transmisión: Transmisión 1, Transmisión 2, Transmisión 3" in (
        edition.cssselect(".venue-list")[0].text_content()
    )
    other = lxml.html.fromstring(client.get("/ediciones/2024/programa/").content)
    assert other.cssselect(".channel-note") == []


def test_program_filter_by_type_keeps_only_that_type(demo, client):
    html = client.get("/ediciones/2021/programa/?tipo=taller").content.decode()
    assert [code for slot in _slots(html) for code in slot] == ["S0202", "S0203", "S0204"]


def test_program_in_english_uses_english_interface(demo, client):
    html = client.get("/en/ediciones/2021/programa/").content.decode()
    assert "Schedule" in html or "Program" in html
    assert "Día 1" not in html


def test_language_switch_links_point_to_the_same_page(demo, client):
    tree = lxml.html.fromstring(client.get("/ediciones/2021/programa/").content)
    assert (
        tree.cssselect('.lang-switch a[hreflang="en"]')[0].get("href")
        == "/en/ediciones/2021/programa/"
    )


def test_draft_edition_is_not_public(client):
    edition = factories.EditionFactory(status="draft")
    session = factories.SessionFactory(edition=edition)
    assert client.get(f"/ediciones/{edition.slug}/").status_code == 404
    assert client.get(f"/ediciones/{edition.slug}/programa/").status_code == 404
    assert client.get(f"/ediciones/{edition.slug}/sesiones/{session.code}/").status_code == 404


def test_draft_session_is_not_listed_nor_reachable(client, edition):
    visible = factories.SessionFactory(edition=edition, title="Visible")
    hidden = factories.SessionFactory(edition=edition, title="Oculta", status="draft")
    html = client.get(f"/ediciones/{edition.slug}/programa/").content.decode()
    assert visible.title in html
    assert hidden.title not in html
    assert client.get(f"/ediciones/{edition.slug}/sesiones/{hidden.code}/").status_code == 404


def test_session_page_shows_people_by_role_and_materials(client, edition):
    session = factories.SessionFactory(edition=edition)
    speaker = factories.ParticipationFactory(
        session=session, role=ParticipationRole.PANELIST
    ).person
    moderator = factories.ParticipationFactory(
        session=session, role=ParticipationRole.MODERATOR
    ).person
    factories.MaterialFactory(session=session)
    factories.MaterialFactory(
        session=session,
        kind="video",
        title="Grabación",
        body="",
        url="https://www.youtube.com/watch?v=abcdefgh",
    )
    html = client.get(f"/ediciones/{edition.slug}/sesiones/{session.code}/").content.decode()
    assert speaker.public_name in html
    assert moderator.public_name in html
    assert "Panelista" in html and "Moderador(a)" in html
    assert "<strong>la apertura</strong>" in html
    assert 'data-video-url="https://www.youtube.com/watch?v=abcdefgh"' in html
    assert "CC BY 4.0" in html


def test_relatoria_markdown_cannot_inject_scripts(client, edition):
    session = factories.SessionFactory(edition=edition)
    factories.MaterialFactory(
        session=session, body="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get(f"/ediciones/{edition.slug}/sesiones/{session.code}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html


def test_private_person_data_never_appears_on_public_pages(client, edition):
    session = factories.SessionFactory(edition=edition)
    person = factories.ParticipationFactory(session=session).person
    pages = [
        f"/ediciones/{edition.slug}/programa/",
        f"/ediciones/{edition.slug}/sesiones/{session.code}/",
        f"/personas/{person.slug}/",
        "/personas/",
        f"/organizaciones/{person.organisation.slug}/",
        f"/buscar/?q={person.public_name}",
    ]
    for path in pages:
        html = client.get(path).content.decode()
        assert person.public_name in html, path
        assert person.email not in html, path
        assert "Mujer" not in html, path


def test_person_without_public_participation_is_not_public(client):
    person = factories.PersonFactory()
    assert client.get(f"/personas/{person.slug}/").status_code == 404


def test_person_page_lists_sessions_across_editions(client):
    person = factories.PersonFactory()
    one = factories.ParticipationFactory(person=person).session
    two = factories.ParticipationFactory(
        person=person, session=factories.SessionFactory(edition=factories.EditionFactory())
    ).session
    html = client.get(f"/personas/{person.slug}/").content.decode()
    assert one.title in html and two.title in html


def test_organisation_page_lists_sessions_of_its_people(client, edition):
    session = factories.SessionFactory(edition=edition)
    person = factories.ParticipationFactory(session=session).person
    html = client.get(f"/organizaciones/{person.organisation.slug}/").content.decode()
    assert session.title in html
    assert person.public_name in html


def test_search_ignores_accents_and_case(demo, client):
    html = client.get("/buscar/?q=POLITICA nacional").content.decode()
    assert "Hacia una política nacional de datos abiertos" in html


def test_search_finds_people_and_organisations(client, edition):
    person = factories.ParticipationFactory(
        session=factories.SessionFactory(edition=edition)
    ).person
    from datacon.common.write import search_document_fill

    search_document_fill(person)
    person.save()
    html = client.get("/buscar/?q=" + person.public_name.split()[-1]).content.decode()
    assert person.public_name in html


def test_program_now_shows_running_and_next(client, edition, monkeypatch):
    running = factories.SessionFactory(
        edition=edition, starts_at=at(edition, 1, 10), ends_at=at(edition, 1, 11)
    )
    upcoming = factories.SessionFactory(
        edition=edition, starts_at=at(edition, 1, 12), ends_at=at(edition, 1, 13)
    )
    later = factories.SessionFactory(
        edition=edition, starts_at=at(edition, 1, 15), ends_at=at(edition, 1, 16)
    )
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(edition, 1, 10, 30))
    tree = lxml.html.fromstring(client.get(f"/ediciones/{edition.slug}/programa/ahora/").content)
    now_titles = [
        a.text_content()
        for a in tree.cssselect("section[aria-labelledby=now-title] .session-title a")
    ]
    next_titles = [
        a.text_content()
        for a in tree.cssselect("section[aria-labelledby=next-title] .session-title a")
    ]
    assert now_titles == [running.title]
    assert next_titles == [upcoming.title]
    assert later.title not in next_titles


def _add_sessions(edition, sessions: int) -> None:
    venue = factories.VenueFactory(edition=edition)
    room = factories.RoomFactory(venue=venue)
    session_type = factories.SessionTypeFactory(edition=edition)
    for index in range(sessions):
        starts_at = at(edition, 1 + index % 2, 9 + index % 8)
        session = factories.SessionFactory(
            edition=edition,
            session_type=session_type,
            venue=venue,
            room=room,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=50),
        )
        factories.ParticipationFactory(session=session)
        factories.ParticipationFactory(session=session, role="moderator")
        factories.MaterialFactory(session=session)


@pytest.mark.parametrize(
    "path",
    [
        "/ediciones/{slug}/programa/",
        "/ediciones/{slug}/programa/?tipo=panel",
        "/ediciones/{slug}/",
        "/",
        "/ediciones/",
        "/personas/",
        "/organizaciones/",
        "/buscar/?q=sesion",
    ],
)
def test_list_page_query_count_does_not_grow_with_sessions(count_queries, edition, path):
    from django.core.cache import cache

    from datacon.search.index import index_rebuild_all

    client = Client()
    url = path.format(slug=edition.slug)
    _add_sessions(edition, 3)
    index_rebuild_all()  # factories bypass the write path: the search index is built here
    small = count_queries(lambda: client.get(url))
    cache.clear()  # so the second request renders again
    _add_sessions(edition, 30)
    index_rebuild_all()
    large = count_queries(lambda: client.get(url))
    assert small == large
