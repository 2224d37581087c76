"""The call for proposals reaches the edition's memoria as aggregates per session type."""

import csv
import datetime as dt
import io

import lxml.html
import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.mail import email_approve
from datacon.common.models import OutboundEmail
from datacon.memoria.selectors import memoria_data
from datacon.proposals.services import call_save, proposal_decide, proposal_respond
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _release(proposal) -> None:  # type: ignore[no-untyped-def]
    for email in OutboundEmail.objects.filter(
        related_id=str(proposal.pk), purpose__startswith="proposal.decision", status="draft"
    ):
        email_approve(email=email, actor=factories.SYSTEM)


def _close(call) -> None:  # type: ignore[no-untyped-def]
    call.closes_at = timezone.now() - dt.timedelta(hours=1)
    call_save(call=call, actor=factories.SYSTEM)


def _finished_call(edition=None):  # type: ignore[no-untyped-def]
    """Panel: 3 received, 1 accepted and told, 1 accepted not yet told, 1 rejected.
    Taller: 1 received, accepted and confirmed. Presentacion: none. (Types of equal
    order come by name.)"""
    call = pf.open_call(edition)
    organiser = factories.organiser_user()
    taller = call.edition.session_types.get(slug="taller")
    told, untold, rejected = (pf.submit(call, title=f"Panel {n}") for n in range(3))
    proposer = pf.verified_user()
    workshop = pf.submit(call, proposer, session_type=taller, title="Taller")
    for proposal, decision in (
        (told, "accepted"),
        (untold, "accepted"),
        (rejected, "rejected"),
        (workshop, "accepted"),
    ):
        proposal_decide(
            proposal=proposal,
            decision=decision,
            actor=Actor.of(organiser),
            without_reviews=True,
        )
    for proposal in (told, rejected, workshop):
        _release(proposal)
    proposal_respond(proposal=workshop, confirm=True, actor=Actor.of(proposer))
    _close(call)
    return call


def _block_rows(html: str, block_id: str = "bloque-call-for-proposals") -> list[list[str]]:
    tree = lxml.html.fromstring(html)
    return [
        [cell.text_content().strip() for cell in row.xpath("th|td")]
        for row in tree.cssselect(f"#{block_id} tbody tr")
    ]


EXPECTED = [
    ["Panel", "3", "1", "33.3"],
    ["Presentacion", "0", "0", "—"],
    ["Taller", "1", "1", "100.0"],
    ["Total", "4", "2", "50.0"],
]


def test_memoria_shows_call_figures_per_session_type(client):
    call = _finished_call()

    html = client.get(f"/ediciones/{call.edition.slug}/memoria/").content.decode()

    assert _block_rows(html) == EXPECTED


def test_memoria_call_block_has_no_names_titles_or_organisations(client):
    call = _finished_call()

    html = client.get(f"/ediciones/{call.edition.slug}/memoria/").content.decode()
    block = lxml.html.tostring(
        lxml.html.fromstring(html).get_element_by_id("bloque-call-for-proposals")
    )

    assert [
        word in block.decode() for word in ("Ana Proponente", "Org Secreta A", "Panel 0", "@")
    ] == [
        False,
        False,
        False,
        False,
    ]


def test_memoria_call_block_is_absent_without_a_call(client):
    edition = factories.EditionFactory()

    html = client.get(f"/ediciones/{edition.slug}/memoria/").content.decode()

    assert _block_rows(html) == []


def test_memoria_call_block_is_absent_while_the_call_is_open(client):
    call = pf.open_call()
    pf.submit(call)

    html = client.get(f"/ediciones/{call.edition.slug}/memoria/").content.decode()

    assert _block_rows(html) == []


def test_memoria_call_block_queries_constant_with_number_of_proposals(client, count_queries):
    counts = []
    for size in (1, 6):
        call = pf.open_call()
        for n in range(size):
            proposal = pf.submit(call, title=f"Propuesta {n}")
            proposal_decide(
                proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
            )
            _release(proposal)
        _close(call)
        cache.clear()
        counts.append(
            count_queries(lambda c=call: client.get(f"/ediciones/{c.edition.slug}/memoria/"))
        )
    assert counts[0] == counts[1]


def test_memoria_call_block_appears_in_the_pdf():
    import weasyprint

    call = _finished_call()
    edition = call.edition
    html = render_to_string(
        "public/memoria/pdf.html",
        {"edition": edition, "data": memoria_data(edition=edition), "public_url": "http://x"},
    )
    text = "".join(
        box.text
        for page in weasyprint.HTML(string=html).render().pages
        for box in _texts(page._page_box)
    )

    assert (_block_rows(html), "Convocatoria a propuestas" in text) == (EXPECTED, True)


def test_memoria_call_block_appears_in_the_figures_csv(client):
    call = _finished_call()

    content = client.get(f"/ediciones/{call.edition.slug}/datos/conferencia/cifras.csv")
    rows = [
        (row["desglose"], row["valor"])
        for row in csv.DictReader(io.StringIO(b"".join(content).decode("utf-8-sig")))
        if row["indicador"] == "call-for-proposals"
    ]

    assert rows == [
        ("Panel: Propuestas recibidas", "3"),
        ("Panel: Propuestas aceptadas", "1"),
        ("Panel: Tasa de aceptación (%)", "33.3"),
        ("Presentacion: Propuestas recibidas", "0"),
        ("Presentacion: Propuestas aceptadas", "0"),
        ("Taller: Propuestas recibidas", "1"),
        ("Taller: Propuestas aceptadas", "1"),
        ("Taller: Tasa de aceptación (%)", "100.0"),
        ("Total: Propuestas recibidas", "4"),
        ("Total: Propuestas aceptadas", "2"),
        ("Total: Tasa de aceptación (%)", "50.0"),
    ]


def _texts(box):  # type: ignore[no-untyped-def]
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", []):
        yield from _texts(child)


def test_memoria_call_figures_are_current_after_a_decision_email_is_released(client):
    call = _finished_call()
    url = f"/ediciones/{call.edition.slug}/memoria/"
    assert _block_rows(client.get(url).content.decode())[0] == ["Panel", "3", "1", "33.3"]
    untold = call.edition.proposals.get(title="Panel 1")
    _release(untold)  # the cached memoria must not keep the old figure
    assert _block_rows(client.get(url).content.decode())[0] == ["Panel", "3", "2", "66.7"]
