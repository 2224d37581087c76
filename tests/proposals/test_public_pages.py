"""The proponent's pages: the call, the form (errors keep what was typed), following a proposal."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from datacon.common.mail import email_approve
from datacon.common.models import OutboundEmail
from datacon.proposals.models import Call, Proposal, ProposalStatus
from datacon.proposals.services import proposal_decide
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _form(call, user, **overrides):
    panel = call.edition.session_types.get(slug="panel")
    data = {
        "title": "Datos para todas",
        "abstract": "Un **resumen** largo.",
        "session_type": str(panel.pk),
        "audiences": ["government", "journalists"],
        "audience_notes": "",
        "language": "es",
        "notes_for_organisers": "Necesitamos un proyector.",
        "me-name": "Ana Proponente",
        "me-role": "speaker",
        "me-organisation": "Colectivo A",
        "me-position": "Coordinadora",
        "me-gender": "woman",
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "5",
        "people-0-name": "Beto Coponente",
        "people-0-email": "beto@example.org",
        "people-0-role": "speaker",
        "people-0-organisation": "Colectivo B",
        "people-0-position": "",
        "people-0-gender": "",
        "people-1-name": "",
        "people-1-email": "",
        "people-1-role": "speaker",
        "people-1-organisation": "",
        "people-1-position": "",
        "people-1-gender": "",
    }
    data.update(overrides)
    return data


def test_call_page_shows_dates_in_the_editions_time_zone_types_and_criteria():
    edition = factories.EditionFactory(timezone="America/Cancun")
    call = pf.open_call(edition, text="Buscamos **propuestas**.")
    call.closes_at = dt.datetime(2099, 3, 31, 23, 59, tzinfo=edition.tz)
    call.save()
    html = Client().get(f"/ediciones/{edition.slug}/convocatoria/").content.decode()
    assert (
        "Recibe propuestas hasta el martes 31 de marzo de 2099 a las 23:59 (hora de America/Cancun)."
        in html
    )
    assert "<strong>propuestas</strong>" in html
    assert "90 min" in html
    assert "Contribución a la agenda de datos abiertos" in html
    assert "Crear una cuenta para proponer" in html
    assert "La revisión es anónima" in html


def test_call_page_of_an_edition_without_call_says_so_and_closed_call_says_when():
    edition = factories.EditionFactory()
    assert (
        "no tiene una convocatoria"
        in Client().get(f"/ediciones/{edition.slug}/convocatoria/").content.decode()
    )
    pf.open_call(edition, closes=dt.timedelta(minutes=-5))
    html = Client().get(f"/ediciones/{edition.slug}/convocatoria/").content.decode()
    assert "Cerró el" in html
    assert "Enviar una propuesta" not in html


def test_edition_menu_and_page_link_to_the_call():
    call = pf.open_call()
    html = Client().get(f"/ediciones/{call.edition.slug}/").content.decode()
    assert f'href="/ediciones/{call.edition.slug}/convocatoria/"' in html
    assert "Enviar una propuesta" in html
    assert "co-convocar esta edición" in html


def test_submitting_requires_an_account():
    call = pf.open_call()
    response = Client().get(f"/ediciones/{call.edition.slug}/convocatoria/enviar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/")


def test_submit_through_the_form_then_see_it_in_my_proposals():
    call = pf.open_call()
    user = pf.verified_user()
    client = _client(user)
    response = client.post(
        f"/ediciones/{call.edition.slug}/convocatoria/enviar/", _form(call, user)
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cuenta/propuestas/{proposal.pk}/"
    assert [p.email for p in proposal.people.order_by("order")] == [user.email, "beto@example.org"]
    assert proposal.audiences == ["government", "journalists"]
    detail = client.get(response["Location"]).content.decode()
    assert "Datos para todas" in detail
    assert "Editar la propuesta" in detail
    assert "Por confirmar" in detail
    account = client.get("/cuenta/").content.decode()
    assert "Datos para todas" in account and "Enviada" in account


def test_missing_required_answer_and_duplicate_co_speaker_keep_everything_typed():
    call = pf.open_call()
    level = pf.question(
        call, text="Nivel de la sesión", kind="choice", choices="Básico\nAvanzado", required=True
    )
    user = pf.verified_user()
    data = _form(
        call,
        user,
        **{
            f"q_{level.pk}": "",
            "people-1-name": "Beto Otra Vez",
            "people-1-email": "BETO@example.org",
            "people-1-organisation": "Colectivo C",
        },
    )
    response = _client(user).post(f"/ediciones/{call.edition.slug}/convocatoria/enviar/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Responda esta pregunta." in html
    # Both problems in the same round, not the duplicate only after the answer is fixed.
    assert "Beto Otra Vez aparece dos veces (mismo correo beto@example.org)" in html
    assert Proposal.objects.count() == 0
    # Fix the answer: the duplicate is caught by the service, and the form still has it all.
    data[f"q_{level.pk}"] = "Avanzado"
    response = _client(user).post(f"/ediciones/{call.edition.slug}/convocatoria/enviar/", data)
    html = response.content.decode()
    assert "Beto Otra Vez aparece dos veces (mismo correo beto@example.org)" in html
    for typed in (
        'value="Datos para todas"',
        "Un **resumen** largo.",
        'value="Colectivo A"',
        'value="Beto Otra Vez"',
        'value="Colectivo C"',
        "Necesitamos un proyector.",
    ):
        assert typed in html
    assert '<option value="Avanzado" selected>' in html
    assert Proposal.objects.count() == 0


def test_co_speaker_row_without_email_gets_a_field_message():
    call = pf.open_call()
    user = pf.verified_user()
    data = _form(call, user, **{"people-0-email": ""})
    html = (
        _client(user)
        .post(f"/ediciones/{call.edition.slug}/convocatoria/enviar/", data)
        .content.decode()
    )
    assert "Escriba el correo para invitar a esta persona." in html
    assert 'value="Beto Coponente"' in html


def test_post_after_the_deadline_is_refused_server_side_even_with_a_valid_form():
    call = pf.open_call()
    user = pf.verified_user()
    client = _client(user)
    form_page = client.get(f"/ediciones/{call.edition.slug}/convocatoria/enviar/")
    assert form_page.status_code == 200
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(
        f"/ediciones/{call.edition.slug}/convocatoria/enviar/", _form(call, user)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "La convocatoria cerró el" in html
    assert 'value="Datos para todas"' in html
    assert Proposal.objects.count() == 0


def test_edit_until_the_deadline_and_not_after():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user, people=[pf.person("Ana", user.email)])
    client = _client(user)
    page = client.get(f"/cuenta/propuestas/{proposal.pk}/editar/").content.decode()
    assert 'value="Datos abiertos para la movilidad"' in page
    data = _form(
        call,
        user,
        title="Título corregido",
        **{"people-0-name": "", "people-0-email": "", "people-0-organisation": ""},
    )
    response = client.post(f"/cuenta/propuestas/{proposal.pk}/editar/", data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Título corregido"
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(f"/cuenta/propuestas/{proposal.pk}/editar/").status_code == 302
    client.post(f"/cuenta/propuestas/{proposal.pk}/editar/", _form(call, user, title="Tarde"))
    proposal.refresh_from_db()
    assert proposal.title == "Título corregido"


def test_someone_elses_proposal_is_not_found():
    call = pf.open_call()
    proposal = pf.submit(call)
    client = _client(pf.verified_user())
    for path in ("", "editar/", "retirar/"):
        assert client.get(f"/cuenta/propuestas/{proposal.pk}/{path}").status_code == 404


def test_withdraw_from_the_page():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    client = _client(user)
    assert (
        "¿Retirar la propuesta"
        in client.get(f"/cuenta/propuestas/{proposal.pk}/retirar/").content.decode()
    )
    client.post(f"/cuenta/propuestas/{proposal.pk}/retirar/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_confirming_after_the_decision_email_left_the_outbox():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    client = _client(user)
    page = client.get(f"/cuenta/propuestas/{proposal.pk}/").content.decode()
    assert "En revisión" in page and "Confirmo nuestra participación" not in page
    email_approve(
        email=OutboundEmail.objects.get(purpose="proposal.decision.accepted"),
        actor=factories.SYSTEM,
    )
    page = client.get(f"/cuenta/propuestas/{proposal.pk}/").content.decode()
    assert "Confirmo nuestra participación" in page
    client.post(f"/cuenta/propuestas/{proposal.pk}/responder/", {"answer": "confirm"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED


def test_invitation_link_confirms_with_self_declared_gender_and_shows_in_account():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(
        call, user, people=[pf.person("Ana", user.email), pf.person("Beto", "beto@example.org")]
    )
    beto = proposal.people.get(email="beto@example.org")
    beto_user = pf.verified_user(email="beto@example.org", username="beto")
    client = _client(beto_user)
    account = client.get("/cuenta/").content.decode()
    assert "Invitaciones por confirmar" in account
    page = client.get(f"/propuestas/invitacion/{beto.invitation_token}/")
    assert page["Referrer-Policy"] == "same-origin"
    assert "Ana le incluyó, Beto" in page.content.decode()
    client.post(
        f"/propuestas/invitacion/{beto.invitation_token}/",
        {"answer": "confirm", "organisation": "Colectivo B", "position": "", "gender": "man"},
    )
    beto.refresh_from_db()
    assert (beto.invitation_status, beto.gender, beto.user) == ("confirmed", "man", beto_user)


def test_invitation_with_a_wrong_token_is_not_found():
    assert (
        Client().get("/propuestas/invitacion/no-existe-este-token-de-invitacion/").status_code
        == 404
    )


def test_negative_expected_attendance_is_refused_on_the_form_keeping_what_was_typed():
    import lxml.html

    call = pf.open_call()
    attendance = pf.question(call, text="¿Cuántas personas espera en su sesión?", kind="number")
    user = pf.verified_user()
    data = _form(call, user, **{f"q_{attendance.pk}": "-40"})
    response = _client(user).post(f"/ediciones/{call.edition.slug}/convocatoria/enviar/", data)
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content)
    field = tree.xpath(f"//input[@name='q_{attendance.pk}']")[0]
    assert (field.get("value"), field.get("min")) == ("-40", "0")
    errors = tree.xpath(
        f"//input[@name='q_{attendance.pk}']/ancestor::div[1]//ul[@class='errorlist']//text()"
    )
    assert errors == ["Escriba un número igual o mayor que 0."]
    assert tree.xpath("//input[@name='title']/@value") == ["Datos para todas"]
    assert Proposal.objects.count() == 0
