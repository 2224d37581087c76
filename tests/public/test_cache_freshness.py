"""Caching never shows stale data: after an organiser changes a session, every
page and export that shows it is current on the very next request.

Runs with the local-memory cache, and also with Redis when REDIS_URL is set
(the PostgreSQL + Redis pass of .ci/run), where each worker's page memory sits
in front of Redis too.

To cover a new page or export, add its URL to one of the lists below (the
placeholders are filled from the objects the test creates):

* TITLE_PAGES: shows the session's title (checked with plain ASCII words, so
  JSON, XML and iCalendar exports work the same as HTML);
* WITHDRAWAL_PAGES: changes when a session is withdrawn from the program
  (figures, lists); must answer 200 before and after.
"""

from __future__ import annotations

import os
import uuid

import lxml.html
import pytest
from django.test import Client

from datacon.common.write import search_document_fill
from datacon.memoria.services import memoria_ensure, memoria_publish
from datacon.program.models import Session
from datacon.program.publication import schedule_publish
from datacon.program.schedule import placement_clear
from datacon.program.services import session_save
from tests import factories

pytestmark = pytest.mark.django_db

TITLE_PAGES = [
    "/ediciones/{edition}/programa/",
    "/ediciones/{edition}/programa/?tipo={type}",
    "/en/ediciones/{edition}/programa/",
    "/ediciones/{edition}/programa/ahora/",
    "/ediciones/{edition}/sesiones/{code}/",
    "/personas/{person}/",
    "/organizaciones/{organisation}/",
    "/buscar/?q={word}",
    # Exports and the API: the same versions guard them.
    "/ediciones/{edition}/schedule.xml",
    "/ediciones/{edition}/schedule.json",
    "/ediciones/{edition}/calendario.ics",
    "/ediciones/{edition}/sesiones/{code}/calendario.ics",
    "/ediciones/{edition}/datos/conferencia/sesiones.csv",
    "/ediciones/{edition}/datos/conferencia/sesiones.json",
    "/datos/conferencia/sesiones.csv",
    "/api/v1/sessions/?edition={edition}",
]
WITHDRAWAL_PAGES = [
    "/",
    "/ediciones/{edition}/",
    "/ediciones/{edition}/programa/",
    "/personas/",
    "/personas/{person}/",
    "/organizaciones/{organisation}/",
    "/buscar/?q={word}",
    "/ediciones/{edition}/memoria/",
    "/ediciones/{edition}/datos/conferencia/cifras.csv",
    "/ediciones/{edition}/schedule.json",
    "/api/v1/sessions/?edition={edition}",
]

BACKENDS = ["locmem"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
def shared_cache(request, settings):  # type: ignore[no-untyped-def]
    prefix = f"fresh-{uuid.uuid4().hex}"
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "datacon.common.redis_cache.RedisCache",
                "LOCATION": os.environ["REDIS_URL"],
                "KEY_PREFIX": prefix,
            }
        }
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": prefix,
            }
        }
    return request.param


@pytest.fixture
def scene(edition):  # type: ignore[no-untyped-def]
    """A confirmed session, happening "now" for the now-page, with one speaker."""
    from django.utils import timezone

    now = timezone.now()
    # Started at most 10 minutes ago, but never before the local midnight:
    # otherwise the session's start falls on the previous day (the suite failed
    # every night between 00:00 and 00:10 in Mexico City).
    local_now = timezone.localtime(now, edition.tz)
    since_midnight = local_now - local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    started = now - min(timezone.timedelta(minutes=10), since_midnight)
    edition.start_date = timezone.localdate(now)
    edition.end_date = edition.start_date
    edition.year = edition.start_date.year
    edition.save()
    session = factories.SessionFactory(
        edition=edition,
        title="Zeta original session",
        day=timezone.localdate(now, edition.tz),
        starts_at=started,
        ends_at=now + timezone.timedelta(minutes=50),
    )
    factories.SessionFactory(edition=edition, title="Another session that stays")
    person = factories.ParticipationFactory(session=session).person
    # Public only through this session: withdrawing it removes them from /personas/.
    factories.ParticipationFactory(session=session, role="moderator")
    factories.ParticipationFactory(
        session=Session.objects.exclude(pk=session.pk).get(), person=person
    )
    for record in (session, person, person.organisation):
        search_document_fill(record)
        record.save()
    memoria_publish(
        memoria=memoria_ensure(edition=edition, actor=factories.SYSTEM), actor=factories.SYSTEM
    )
    return {
        "session": session,
        "edition": edition.slug,
        "code": session.code,
        "type": session.session_type.slug,
        "person": person.slug,
        "organisation": person.organisation.slug,
        "word": "zeta",
    }


def _urls(templates: list[str], scene: dict) -> list[str]:
    values = {key: value for key, value in scene.items() if isinstance(value, str)}
    return [template.format(**values) for template in templates]


def _fetch_all(client: Client, urls: list[str]) -> dict[str, tuple[str, str]]:
    pages = {}
    for url in urls:
        client.get(url)  # fill the cache
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = (response["ETag"], response.content.decode())
    return pages


def _assert_all_current(client: Client, before: dict, expect) -> None:  # type: ignore[no-untyped-def]
    for url, (old_etag, old_body) in before.items():
        revalidated = client.get(url, HTTP_IF_NONE_MATCH=old_etag)
        assert revalidated.status_code == 200, f"{url}: 304 con datos viejos"
        assert revalidated["ETag"] != old_etag, url
        body = revalidated.content.decode()
        expect(url, old_body, body)


def _rename_through_service(session: Session) -> None:
    session.title = "Omega corrected session zeta"
    session_save(session=session, actor=factories.SYSTEM)


def _rename_through_admin(session: Session) -> None:
    organiser = Client()  # a superuser's repair: the admin is theirs only
    organiser.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/program/session/{session.pk}/change/"
    form = lxml.html.fromstring(organiser.get(url).content).get_element_by_id("session_form")
    data = dict(form.form_values())
    data["title"] = "Omega corrected session zeta"
    response = organiser.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.parametrize("change", [_rename_through_service, _rename_through_admin])
def test_session_title_change_is_current_everywhere_on_next_request(shared_cache, scene, change):
    client = Client()
    before = _fetch_all(client, _urls(TITLE_PAGES, scene))
    for url, (_etag, body) in before.items():
        assert "Zeta original session" in body, url

    change(scene["session"])

    def expect(url: str, old: str, new: str) -> None:
        assert "Omega corrected session zeta" in new, url
        assert "Zeta original session" not in new, url

    _assert_all_current(client, before, expect)


def test_session_withdrawn_is_current_everywhere_on_next_request(shared_cache, scene):
    """Withdrawn from the builder and published: every page says so on the next request
    (the public program is the last published version, so it shows the session cancelled)."""
    client = Client()
    before = _fetch_all(client, _urls(WITHDRAWAL_PAGES, scene))
    session = scene["session"]
    placement_clear(session=session, actor=factories.SYSTEM)
    schedule_publish(edition=session.edition, actor=factories.SYSTEM)

    def expect(url: str, old: str, new: str) -> None:
        # Not a 304 of the old page (checked for every page); lists that show
        # cancelled sessions may read the same, the session page must not.
        if url.endswith(f"/sesiones/{scene['code']}/"):
            assert new != old, url

    _assert_all_current(client, before, expect)
    page = client.get(f"/ediciones/{scene['edition']}/sesiones/{scene['code']}/")
    assert (page.status_code, "cancelada" in page.content.decode().lower()) == (200, True)


def test_person_rename_is_current_on_session_and_program(shared_cache, scene):
    from datacon.people.models import Person
    from datacon.people.services import person_save

    client = Client()
    urls = _urls(TITLE_PAGES[:1] + TITLE_PAGES[4:6], scene)
    before = _fetch_all(client, urls)
    person = Person.objects.get(slug=scene["person"])
    old_name = person.public_name
    person.public_name = "Renamed Speaker Kappa"
    person_save(person=person, actor=factories.SYSTEM)

    def expect(url: str, old: str, new: str) -> None:
        assert "Renamed Speaker Kappa" in new, url
        assert old_name not in new, url

    _assert_all_current(client, before, expect)
