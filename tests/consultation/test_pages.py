"""Public consultation pages as citizens use them: reading, joining, commenting, bad input."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.consultation import answers, moderation, services
from datacon.consultation.datasets import COMMENTS_DATASET
from datacon.consultation.models import Comment, Participant, Support
from datacon.policy import services as policy_services
from datacon.policy.models import Paragraph
from tests import factories
from tests.consultation.factories import (
    ConsultationFactory,
    comment,
    paragraph,
    participant,
    verified_user,
)

pytestmark = pytest.mark.django_db


def _client_for(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _paragraph_url(consultation, number=1):  # type: ignore[no-untyped-def]
    anchor = paragraph(consultation, number).identity.anchor
    return f"/consultas/{consultation.slug}/parrafos/{anchor}/"


def test_anonymous_reader_sees_the_draft_with_counts_and_a_sign_in_prompt(client):
    consultation = ConsultationFactory()
    comment(consultation, number=2)
    html = client.get(f"/consultas/{consultation.slug}/").content.decode()
    assert "Primer párrafo sobre el objetivo" in html
    assert "Comentar el párrafo 2 · 1 comentario" in html
    assert "Para comentar, inicie sesión o cree una cuenta" in html


def test_verified_person_joins_then_comments_on_a_paragraph():
    consultation = ConsultationFactory()
    user = verified_user()
    client = _client_for(user)
    url = _paragraph_url(consultation)
    assert "Unirme a la consulta" in client.get(url).content.decode()
    refused = client.post(f"/consultas/{consultation.slug}/participar/", {"display_name": "Lupita"})
    assert refused.status_code == 400
    assert "Para participar debe aceptar las reglas de la consulta." in refused.content.decode()
    assert 'value="Lupita"' in refused.content.decode()
    joined = client.post(
        f"/consultas/{consultation.slug}/participar/",
        {"display_name": "Lupita", "accept_rules": "on", "next": url},
    )
    assert joined.status_code == 302
    assert joined["Location"] == url
    response = client.post(url, {"body": "Propongo precisar qué datos se abren primero."})
    created = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{created.get_absolute_url()}#c{created.pk}"
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Lupita" in page
    assert user.email not in page


def test_unverified_account_is_told_to_confirm_email():
    consultation = ConsultationFactory()
    from tests.factories import UserFactory

    client = _client_for(UserFactory())
    html = client.get(_paragraph_url(consultation)).content.decode()
    assert "Para comentar, confirme su correo electrónico" in html


def test_comment_on_a_passage_sent_by_the_form_is_stored():
    consultation = ConsultationFactory()
    user = participant(consultation).user
    target = paragraph(consultation, 2)
    start = target.plain_text.index("participación")
    _client_for(user).post(
        _paragraph_url(consultation, 2),
        {
            "body": "Sobre la participación: hace falta decir cómo.",
            "quote": "participación",
            "quote_start": str(start),
            "quote_end": str(start + len("participación")),
        },
    )
    assert Comment.objects.values_list("quote", "quote_start").get() == ("participación", start)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Escriba su comentario."),
        ("Muy largo. " * 400, "y el máximo es 3000. Acórtelo o divídalo en varios comentarios"),
    ],
)
def test_empty_or_oversized_comment_shows_message_and_keeps_the_text(body, message):
    consultation = ConsultationFactory()
    client = _client_for(participant(consultation).user)
    response = client.post(_paragraph_url(consultation), {"body": body})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert body.strip()[:200] in html
    assert Comment.objects.count() == 0


def test_comment_on_closed_consultation_is_refused_and_text_kept():
    today = timezone.localdate()
    consultation = ConsultationFactory(
        opens_on=today - dt.timedelta(days=20), closes_on=today - dt.timedelta(days=1)
    )
    user = verified_user()
    Participant.objects.create(consultation=consultation, user=user, number=1)
    response = _client_for(user).post(
        _paragraph_url(consultation), {"body": "Llego tarde pero quiero opinar sobre esto."}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "ya no se reciben comentarios, respuestas ni apoyos." in html
    assert "Llego tarde pero quiero opinar sobre esto." in html
    assert Comment.objects.count() == 0


def test_support_button_is_idempotent_and_shows_the_count():
    consultation = ConsultationFactory()
    target = comment(consultation)
    client = _client_for(participant(consultation).user)
    url = f"/consultas/{consultation.slug}/comentarios/{target.pk}/apoyo/"
    client.post(url)
    again = client.post(url, follow=True)
    assert "Ya apoyaba este comentario." in again.content.decode()
    assert Support.objects.count() == 1
    page = client.get(target.get_absolute_url()).content.decode()
    assert "1 apoyo" in page
    assert "Apoyado · retirar apoyo" in page


def test_reply_form_on_comment_page():
    consultation = ConsultationFactory()
    target = comment(consultation)
    client = _client_for(participant(consultation, name="Respondona").user)
    response = client.post(
        target.get_absolute_url(), {"parent": target.pk, "body": "Coincido y agrego un matiz."}
    )
    reply = Comment.objects.get(parent=target)
    assert response.status_code == 302
    assert "Coincido y agrego un matiz." in client.get(target.get_absolute_url()).content.decode()
    assert reply.root_id == target.pk


def test_hidden_comment_shows_the_public_reason_everywhere(client):
    consultation = ConsultationFactory()
    target = comment(consultation, body="Texto con insultos que no debe verse.")
    moderation.comment_hide(
        comment=target, reason="Insultos a otra persona (regla 2).", actor=factories.SYSTEM
    )
    for url in (
        f"/consultas/{consultation.slug}/",
        _paragraph_url(consultation),
        target.get_absolute_url(),
        f"/consultas/{consultation.slug}/informe/",
    ):
        html = client.get(url).content.decode()
        assert "Comentario ocultado por moderación: Insultos a otra persona (regla 2)." in html, url
        assert "Texto con insultos" not in html, url
    history = client.get(target.get_absolute_url()).content.decode()
    assert "Historial de moderación de este hilo" in history


def test_comment_page_says_where_it_was_addressed(client):
    consultation = ConsultationFactory()
    target = comment(consultation, number=2)
    v1 = consultation.version
    body = policy_services.document_version_markdown(version=v1).replace(
        "# Objetivo {#s-1}", "# Objetivo {#s-1}\n\nPárrafo nuevo al inicio de la sección."
    )
    v2, _plan = policy_services.document_version_publish(
        document=v1.document, body=body, actor=factories.SYSTEM
    )
    answers.answer_save(
        comment=target,
        status="accepted",
        reason="Se incorporó en la nueva versión.",
        addressed_in=Paragraph.objects.get(version=v2, identity=target.identity),
        actor=factories.SYSTEM,
    )
    html = client.get(target.get_absolute_url()).content.decode()
    assert "Atendido en el párrafo 3 de la versión 2" in html
    assert f"/v2/#{target.identity.anchor}" in html
    assert "Aceptado" in html


def test_report_and_csv_have_no_personal_data(client):
    consultation = ConsultationFactory()
    user = participant(consultation, name="Nombre Elegido").user
    target = comment(consultation, user, body="Un comentario para el informe final.")
    answers.answer_save(
        comment=target, status="not_accepted", reason="Fuera del alcance.", actor=factories.SYSTEM
    )
    report = client.get(f"/consultas/{consultation.slug}/informe/").content.decode()
    assert "Un comentario para el informe final." in report
    assert "Fuera del alcance." in report
    response = client.get(f"/consultas/{consultation.slug}/informe.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert list(rows[0]) == COMMENTS_DATASET.column_names
    assert (rows[0]["participante"], rows[0]["dictamen"], rows[0]["texto"]) == (
        "1",
        "no_aceptado",
        "Un comentario para el informe final.",
    )
    assert user.email not in content
    assert "Nombre Elegido" not in content


def test_report_is_preliminary_while_open_and_final_after(client):
    open_one = ConsultationFactory()
    assert (
        "Informe preliminar" in client.get(f"/consultas/{open_one.slug}/informe/").content.decode()
    )
    today = timezone.localdate()
    closed = ConsultationFactory(
        opens_on=today - dt.timedelta(days=9), closes_on=today - dt.timedelta(days=1)
    )
    assert "Informe final" in client.get(f"/consultas/{closed.slug}/informe/").content.decode()


def test_new_comment_changes_the_page_etag(client):
    consultation = ConsultationFactory()
    url = f"/consultas/{consultation.slug}/"
    first = client.get(url)
    comment(consultation)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "1 comentario" in again.content.decode()


def test_draft_consultation_is_not_public(client):
    consultation = ConsultationFactory(status="draft")
    assert client.get(f"/consultas/{consultation.slug}/").status_code == 404
    assert client.get("/consultas/").content.decode().count(consultation.title) == 0


def test_account_page_lists_my_comments_and_supports():
    consultation = ConsultationFactory()
    mine = participant(consultation).user
    comment(consultation, mine, body="Mi propio comentario en la consulta.")
    other = comment(consultation, body="Comentario ajeno que apoyo con gusto.")
    services.support_add(comment=other, actor=Actor.of(mine))
    client = _client_for(mine)
    html = client.get("/cuenta/").content.decode()
    assert "Mi propio comentario en la consulta." in html
    assert "Comentario ajeno que apoyo con gusto." in html
    assert "1 comentario publicado" in html
    full = client.get("/cuenta/consultas/").content.decode()
    assert "Mi propio comentario en la consulta." in full


def test_english_page_renders(client):
    consultation = ConsultationFactory()
    html = client.get(f"/en/consultas/{consultation.slug}/").content.decode()
    assert '<html lang="en"' in html
    assert "To comment, sign in or create an account with your e-mail." in html


# --- query counts: constant in the number of comments ---------------------------------------------


def _populate(consultation, count):  # type: ignore[no-untyped-def]
    people = [participant(consultation).user for _ in range(3)]
    for index in range(count):
        author = people[index % 3]
        created = comment(
            consultation, author, number=1 + index % 3, body=f"Comentario de carga número {index}."
        )
        services.comment_reply(
            parent=created,
            actor=Actor.of(people[(index + 1) % 3]),
            body=f"Una respuesta en el hilo {index}.",
        )
        services.support_add(comment=created, actor=Actor.of(people[(index + 2) % 3]))
        if index % 4 == 0:
            answers.answer_save(
                comment=created,
                status="accepted",
                reason="Razones de la respuesta.",
                actor=factories.SYSTEM,
            )
        if index % 5 == 0:
            moderation.comment_hide(
                comment=created,
                reason="Motivo de moderación.",
                actor=factories.SYSTEM,
                notify_author=False,
            )
    return people[0]


@pytest.mark.parametrize(
    "path",
    [
        "/consultas/{slug}/",
        "/consultas/{slug}/parrafos/p-2/",
        "/consultas/{slug}/informe/",
        "/consultas/",
    ],
)
def test_public_pages_query_count_is_constant(path, count_queries):
    consultation = ConsultationFactory()
    viewer = _populate(consultation, 2)
    signed_in = _client_for(viewer)
    anonymous = Client()
    url = path.format(slug=consultation.slug)

    def measure():  # type: ignore[no-untyped-def]
        cache.clear()
        return count_queries(lambda: anonymous.get(url)), count_queries(lambda: signed_in.get(url))

    small = measure()
    _populate(consultation, 12)
    assert measure() == small


def test_comment_page_and_csv_query_count_is_constant(count_queries):
    consultation = ConsultationFactory()
    viewer = _populate(consultation, 2)
    client = _client_for(viewer)
    root = Comment.objects.filter(parent__isnull=True, status="visible").first()
    root_url = root.get_absolute_url()
    csv_url = f"/consultas/{consultation.slug}/informe.csv"

    def measure():  # type: ignore[no-untyped-def]
        cache.clear()
        page = count_queries(lambda: client.get(root_url))
        download = count_queries(lambda: b"".join(Client().get(csv_url).streaming_content))
        account = count_queries(lambda: client.get("/cuenta/"))
        mine = count_queries(lambda: client.get("/cuenta/consultas/"))
        return page, download, account, mine

    small = measure()
    for number in range(8):
        services.comment_reply(
            parent=root, actor=Actor.of(viewer), body=f"Otra respuesta más, la {number}."
        )
    _populate(consultation, 8)
    assert measure() == small
