"""The whole story of the issue's "Done means", through the web, on the demo data.

A proponent signs up and verifies the e-mail, submits and edits; two reviewers
score with anonymisation on; the organiser accepts, the outbox shows the
e-mails and the organiser approves them; the speaker confirms; the organiser
places the session, sees the double-booking warning, publishes; the public
program shows the session.
"""

import re

import pytest
from django.core import mail
from django.test import Client

from datacon.common.models import OutboundEmail
from datacon.demo.loader import DEMO_ORGANISER_EMAIL, DEMO_ORGANISER_PASSWORD, demo_load
from datacon.proposals.models import Proposal, ReviewCriterion

pytestmark = pytest.mark.django_db

SLUG = "2027-demo"
PASSWORD = "una-clave-larga-de-prueba-2027"


def signup_and_verify(client: Client, email: str) -> None:
    """Sign up with the site's own form (whatever consent boxes it has) and verify the e-mail."""
    page = client.get("/cuentas/signup/").content.decode()
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    for name in re.findall(r'<input[^>]*type="checkbox"[^>]*name="([\w-]+)"', page):
        data[name] = "on"
    assert client.post("/cuentas/signup/", data).status_code == 302
    link = verification_link(email)
    assert client.post(link).status_code == 302
    assert client.login(username=email, password=PASSWORD)


def verification_link(email: str) -> str:
    bodies = [m.body for m in mail.outbox if email in m.to]
    bodies += list(OutboundEmail.objects.filter(to=email).values_list("body_text", flat=True))
    for body in bodies:
        match = re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+?/?)(?:\s|$)", body)
        if match:
            return match.group(1)
    raise AssertionError("no verification link was sent")


def _form(client: Client, call_edition_types: dict[str, int], **overrides: str) -> dict:
    data = {
        "title": "Datos abiertos del agua (nueva)",
        "abstract": "Cómo publicar la calidad del agua.",
        "session_type": str(call_edition_types["panel"]),
        "audiences": ["government"],
        "language": "es",
        "me-name": "Nueva Proponente",
        "me-role": "speaker",
        "me-organisation": "Colectivo del Agua",
        "me-gender": "woman",
        "people-TOTAL_FORMS": "1",
        "people-INITIAL_FORMS": "0",
        "people-0-name": "Proponente Demo",
        "people-0-email": "proponente@datacon.demo",
        "people-0-role": "speaker",
        "people-0-gender": "",
    }
    data.update(overrides)
    return data


def test_the_whole_flow_on_the_demo(django_capture_on_commit_callbacks):
    demo_load()
    from datacon.editions.models import Edition

    edition = Edition.objects.get(slug=SLUG)
    types = dict(edition.session_types.values_list("slug", "pk"))
    questions = {q.text: q.pk for q in edition.call.questions.all()}

    # 1. A proponent signs up, submits and edits.
    proponent = Client()
    signup_and_verify(proponent, "nueva.proponente@example.org")
    data = _form(proponent, types, **{f"q_{questions['Nivel de la sesión']}": "Intermedio"})
    response = proponent.post(f"/ediciones/{SLUG}/convocatoria/enviar/", data)
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Datos abiertos del agua (nueva)")
    data["title"] = "Datos abiertos del agua"
    assert proponent.post(f"/cuenta/propuestas/{proposal.pk}/editar/", data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Datos abiertos del agua"

    # 2. The organiser assigns the demo team; two reviewers score, never seeing names.
    organiser = Client()
    assert organiser.login(username=DEMO_ORGANISER_EMAIL, password=DEMO_ORGANISER_PASSWORD)
    organiser.post(f"/gestion/ediciones/{SLUG}/propuestas/asignar/", {"action": "teams"})
    criteria = list(ReviewCriterion.objects.filter(edition=edition))
    for email, values in (("revisora1@datacon.demo", "5454"), ("revisor2@datacon.demo", "4455")):
        reviewer = Client()
        assert reviewer.login(username=email, password=DEMO_ORGANISER_PASSWORD)
        assignment = proposal.assignments.get(reviewer__email=email)
        page = reviewer.get(f"/gestion/revision/{assignment.pk}/").content.decode()
        assert "Datos abiertos del agua" in page
        assert "Nueva Proponente" not in page and "Colectivo del Agua" not in page
        scores = {f"criterion_{c.pk}": v for c, v in zip(criteria, values, strict=True)}
        assert (
            reviewer.post(
                f"/gestion/revision/{assignment.pk}/", {**scores, "comment": "Bien"}
            ).status_code
            == 302
        )
    ranking = organiser.get(f"/gestion/ediciones/{SLUG}/clasificacion/").content.decode()
    row = ranking.split("Datos abiertos del agua")[1].split("</tr>")[0]
    assert "<strong>87.5</strong>" in row  # (100+75+100+75)/4 and (75+75+100+100)/4

    # 3. The organiser accepts; the outbox shows the e-mails; the organiser approves them.
    organiser.post(
        f"/gestion/ediciones/{SLUG}/propuestas/{proposal.pk}/decidir/", {"decision": "accepted"}
    )
    outbox = organiser.get("/gestion/bandeja/?motivo=proposal.decision").content.decode()
    assert "Datos abiertos del agua" in outbox
    drafts = OutboundEmail.objects.filter(related_id=str(proposal.pk), status="draft")
    assert sorted(drafts.values_list("to", flat=True)) == [
        "nueva.proponente@example.org",
        "proponente@datacon.demo",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        organiser.post(
            "/gestion/bandeja/",
            {"action": "approve", "email": list(drafts.values_list("pk", flat=True))},
        )
    assert any("fue aceptada" in m.subject for m in mail.outbox)

    # 4. The speaker confirms.
    proponent.post(f"/cuenta/propuestas/{proposal.pk}/responder/", {"answer": "confirm"})
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"

    # 5. The organiser places it on top of the demo talk: the demo proponent is on both.
    room = edition.venues.get(is_virtual=False).rooms.get(name="Sala de talleres (demostración)")
    place = {
        "day": edition.start_date.isoformat(),
        "start": "10:00",
        "duration": "60",
        "place": f"r{room.pk}",
        "expected_audience": "30",
    }
    url = f"/gestion/ediciones/{SLUG}/programa/sesiones/{proposal.session_id}/"
    warning = organiser.post(url, place).content.decode()
    assert "Proponente Demo estaría en dos lugares a la vez" in warning
    assert organiser.post(url, {**place, "accept_warnings": "on"}).status_code == 302

    # 6. Publishing (a new version) puts it in the public program.
    publish = organiser.post(
        f"/gestion/ediciones/{SLUG}/programa/publicar/",
        {"notify": "on", "review_notices": "on", "acknowledge_parity": "on"},
    )
    assert publish.status_code == 302
    program = Client().get(f"/ediciones/{SLUG}/programa/").content.decode()
    assert "Datos abiertos del agua" in program
    changelog = Client().get(f"/ediciones/{SLUG}/programa/cambios/").content.decode()
    assert "Versión 2" in changelog and "Datos abiertos del agua" in changelog
