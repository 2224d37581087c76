"""A need of "¿Qué datos abrir?" links to the consultation paragraph where it came up."""

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from datacon.backoffice.roles import roles_ensure
from datacon.consultation.services import consultation_save
from datacon.demand.models import NeedMention
from datacon.demand.services import need_mention_add
from datacon.policy.models import Paragraph
from tests import factories
from tests.consultation.factories import ConsultationFactory, paragraph
from tests.demand.factories import NeedFactory

pytestmark = pytest.mark.django_db


def _mention_links(client: Client, need) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tree = lxml.html.fromstring(client.get(f"/demanda/necesidades/{need.slug}/").content)
    return [
        (a.get("href"), a.text_content())
        for a in tree.cssselect("section[aria-labelledby=mentions-title] a")
    ]


def test_paragraph_mention_shows_on_need_page_with_link(client):
    consultation = ConsultationFactory(title="Consulta sobre el borrador")
    target = paragraph(consultation, number=2)
    need = NeedFactory()
    need_mention_add(need=need, target=target, actor=factories.SYSTEM)

    html = client.get(f"/demanda/necesidades/{need.slug}/").content.decode()

    assert _mention_links(client, need) == [
        (
            f"/consultas/{consultation.slug}/parrafos/{target.identity.anchor}/",
            "¶ 2 · Segundo párrafo sobre los principios de transparencia, participación y "
            "colaboración.",
        )
    ]
    assert "Consulta sobre el borrador" in html


def test_paragraph_mention_of_draft_consultation_is_not_shown(client):
    consultation = ConsultationFactory(status="draft")
    need = NeedFactory()
    need_mention_add(need=need, target=paragraph(consultation), actor=factories.SYSTEM)

    assert _mention_links(client, need) == []


def test_heading_mention_is_not_shown(client):
    consultation = ConsultationFactory()
    heading = Paragraph.objects.filter(version=consultation.version, kind="heading").first()
    need = NeedFactory()
    need_mention_add(need=need, target=heading, actor=factories.SYSTEM)

    assert _mention_links(client, need) == []


def test_paragraph_mention_disappears_when_consultation_is_unpublished(client):
    consultation = ConsultationFactory()
    need = NeedFactory()
    need_mention_add(need=need, target=paragraph(consultation), actor=factories.SYSTEM)
    before = _mention_links(client, need)  # cached under the demand scope

    consultation.status = "draft"
    consultation_save(consultation=consultation, actor=factories.SYSTEM)

    assert (len(before), _mention_links(client, need)) == (1, [])


def test_need_page_queries_constant_with_number_of_paragraph_mentions(client, count_queries):
    counts = []
    for size in (1, 3):
        need = NeedFactory()
        for _ in range(size):
            consultation = ConsultationFactory()
            for number in (1, 2, 3):
                need_mention_add(
                    need=need, target=paragraph(consultation, number), actor=factories.SYSTEM
                )
        cache.clear()
        counts.append(count_queries(lambda n=need: client.get(f"/demanda/necesidades/{n.slug}/")))
    assert counts[0] == counts[1]


def test_backoffice_mention_form_offers_paragraphs_and_links_one():
    roles_ensure()
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Mesa de datos por abrir"))
    staff = Client()
    staff.force_login(user)
    consultation = ConsultationFactory(title="Consulta sobre el borrador")
    target = paragraph(consultation, number=1)
    need = NeedFactory()
    base = f"/gestion/demanda/necesidades/{need.pk}"

    tree = lxml.html.fromstring(staff.get(f"{base}/").content)
    offered = [
        option.text_content()
        for option in tree.cssselect(f"option[value='policy.paragraph:{target.pk}']")
    ]
    staff.post(f"{base}/menciones/", {"target": f"policy.paragraph:{target.pk}", "note": ""})

    assert offered == [
        "Consulta sobre el borrador · ¶ 1 · Primer párrafo sobre el objetivo de la política de "
        "datos abiertos."
    ]
    assert [m.target for m in NeedMention.objects.filter(need=need)] == [target]
