"""A need of "¿Qué datos abrir?" links to the policy meeting where it came up, while it is public."""

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from datacon.backoffice.roles import roles_ensure
from datacon.demand.models import NeedMention
from datacon.demand.services import need_mention_add
from datacon.policy.services import process_save
from tests import factories
from tests.demand.factories import NeedFactory
from tests.policy.factories import MeetingFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def _mention_links(client: Client, need) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tree = lxml.html.fromstring(client.get(f"/demanda/necesidades/{need.slug}/").content)
    return [
        (a.get("href"), a.text_content())
        for a in tree.cssselect("section[aria-labelledby=mentions-title] a")
    ]


def test_meeting_mention_shows_on_need_page_with_link(client):
    meeting = MeetingFactory(title="Primera sesión del Grupo Técnico")
    need = NeedFactory()
    need_mention_add(
        need=need, target=meeting, note="Se pidió abrir el padrón", actor=factories.SYSTEM
    )

    html = client.get(f"/demanda/necesidades/{need.slug}/").content.decode()

    assert _mention_links(client, need) == [
        (
            f"/politica/{meeting.process.slug}/reuniones/{meeting.pk}/",
            "Primera sesión del Grupo Técnico",
        )
    ]
    assert ("Reunión de la política nacional" in html, "Se pidió abrir el padrón" in html) == (
        True,
        True,
    )


def test_meeting_mention_of_draft_process_is_not_shown(client):
    meeting = MeetingFactory(process=ProcessFactory(status="draft"))
    need = NeedFactory()
    need_mention_add(need=need, target=meeting, actor=factories.SYSTEM)

    assert _mention_links(client, need) == []


def test_meeting_mention_disappears_when_its_process_goes_back_to_draft(client):
    meeting = MeetingFactory()
    need = NeedFactory()
    need_mention_add(need=need, target=meeting, actor=factories.SYSTEM)
    before = _mention_links(client, need)  # cached under the demand scope

    process = meeting.process
    process.status = "draft"
    process_save(process=process, actor=factories.SYSTEM)

    assert (len(before), _mention_links(client, need)) == (1, [])


def test_need_page_queries_constant_with_number_of_meeting_mentions(client, count_queries):
    counts = []
    for size in (1, 6):
        need = NeedFactory()
        for _ in range(size):
            need_mention_add(need=need, target=MeetingFactory(), actor=factories.SYSTEM)
        cache.clear()
        counts.append(count_queries(lambda n=need: client.get(f"/demanda/necesidades/{n.slug}/")))
    assert counts[0] == counts[1]


def test_backoffice_mention_form_offers_meetings_and_links_one():
    roles_ensure()
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Mesa de datos por abrir"))
    staff = Client()
    staff.force_login(user)
    meeting = MeetingFactory(title="Mesa temática de salud")
    need = NeedFactory()
    base = f"/gestion/demanda/necesidades/{need.pk}"

    tree = lxml.html.fromstring(staff.get(f"{base}/").content)
    offered = [
        option.text_content()
        for option in tree.cssselect(f"option[value='policy.meeting:{meeting.pk}']")
    ]
    staff.post(f"{base}/menciones/", {"target": f"policy.meeting:{meeting.pk}", "note": ""})

    assert offered == [f"2022-05-20 · {meeting.process.short_title} · Mesa temática de salud"]
    assert [m.target for m in NeedMention.objects.filter(need=need)] == [meeting]
