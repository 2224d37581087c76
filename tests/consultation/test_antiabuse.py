"""Anti-abuse: rate limits on comments and sign-ups, honeypots, length limits."""

import pytest
from django.test import Client

from datacon.consultation.models import Comment, Flag, Participant
from tests.consultation.factories import (
    ConsultationFactory,
    comment,
    paragraph,
    participant,
    verified_user,
)

pytestmark = pytest.mark.django_db


def _client_for(user, address="203.0.113.7"):  # type: ignore[no-untyped-def]
    client = Client(REMOTE_ADDR=address)
    client.force_login(user)
    return client


def _url(consultation):  # type: ignore[no-untyped-def]
    return f"/consultas/{consultation.slug}/parrafos/{paragraph(consultation).identity.anchor}/"


def test_comment_rate_limit_per_person_refuses_with_message_and_keeps_text(settings):
    settings.CONSULTATION_RATE_LIMITS = {"comment_user": (2, 600)}
    consultation = ConsultationFactory()
    client = _client_for(participant(consultation).user)
    for number in range(2):
        assert (
            client.post(
                _url(consultation), {"body": f"Comentario número {number} aceptado."}
            ).status_code
            == 302
        )
    refused = client.post(_url(consultation), {"body": "El tercero en pocos minutos."})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Ha enviado muchos comentarios en poco tiempo." in html
    assert "El tercero en pocos minutos." in html
    assert Comment.objects.count() == 2


def test_comment_rate_limit_per_address_covers_several_accounts(settings):
    settings.CONSULTATION_RATE_LIMITS = {"comment_ip": (2, 600)}
    consultation = ConsultationFactory()
    statuses = [
        _client_for(participant(consultation).user, "198.51.100.9")
        .post(_url(consultation), {"body": "Desde la misma conexión, otra cuenta."})
        .status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 400]
    assert Comment.objects.count() == 2


def test_replies_count_against_the_comment_limit(settings):
    settings.CONSULTATION_RATE_LIMITS = {"comment_user": (1, 600)}
    consultation = ConsultationFactory()
    target = comment(consultation)
    client = _client_for(participant(consultation).user)
    client.post(
        target.get_absolute_url(), {"parent": target.pk, "body": "Primera respuesta, aceptada."}
    )
    refused = client.post(
        target.get_absolute_url(), {"parent": target.pk, "body": "Segunda respuesta."}
    )
    assert refused.status_code == 400
    assert "Segunda respuesta." in refused.content.decode()
    assert Comment.objects.filter(parent=target).count() == 1


def test_consultation_sign_up_rate_limit_per_address(settings):
    settings.CONSULTATION_RATE_LIMITS = {"join_ip": (1, 3600)}
    consultation = ConsultationFactory()
    url = f"/consultas/{consultation.slug}/participar/"
    first = _client_for(verified_user()).post(url, {"accept_rules": "on"})
    second = _client_for(verified_user()).post(url, {"accept_rules": "on", "display_name": "Otra"})
    assert first.status_code == 302
    assert second.status_code == 400
    assert "Demasiados registros desde su conexión." in second.content.decode()
    assert 'value="Otra"' in second.content.decode()
    assert Participant.objects.count() == 1


def test_account_sign_up_is_rate_limited_per_address(settings):
    # The account sign-up itself (django-allauth) refuses over its per-address limit.
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    client = Client(REMOTE_ADDR="192.0.2.44")
    statuses = [
        client.post(
            "/cuentas/signup/",
            {
                "email": f"persona{n}@correo.example",
                "password1": "una-clave-larga-2024",
                "password2": "una-clave-larga-2024",
            },
        ).status_code
        for n in range(3)
    ]
    assert statuses[2] == 429
    assert statuses[:2] != [429, 429]


def test_honeypot_on_comment_form_refuses_and_saves_nothing():
    consultation = ConsultationFactory()
    client = _client_for(participant(consultation).user)
    response = client.post(
        _url(consultation),
        {
            "body": "Texto de un robot que llena todo.",
            "sitio_web_confirmacion": "http://spam.example",
        },
    )
    assert response.status_code == 400
    assert "No pudimos procesar el formulario. Inténtelo de nuevo." in response.content.decode()
    assert Comment.objects.count() == 0


def test_honeypot_on_join_and_reply_and_flag_forms():
    consultation = ConsultationFactory()
    target = comment(consultation)
    user = verified_user()
    client = _client_for(user)
    joined = client.post(
        f"/consultas/{consultation.slug}/participar/",
        {"accept_rules": "on", "sitio_web_confirmacion": "x"},
    )
    assert joined.status_code == 400
    assert Participant.objects.filter(user=user).count() == 0
    participant(consultation, user)
    reply = client.post(
        target.get_absolute_url(),
        {"parent": target.pk, "body": "Respuesta de un robot.", "sitio_web_confirmacion": "x"},
    )
    assert reply.status_code == 400
    client.post(
        f"/consultas/{consultation.slug}/comentarios/{target.pk}/reportar/",
        {"reason": "Motivo del reporte.", "sitio_web_confirmacion": "x"},
    )
    assert (Comment.objects.count(), Flag.objects.count()) == (1, 0)


def test_comment_form_has_no_maxlength_so_pasted_text_is_never_cut():
    consultation = ConsultationFactory()
    html = _client_for(participant(consultation).user).get(_url(consultation)).content.decode()
    assert 'data-max="3000"' in html
    assert "maxlength" not in html.split('name="body"')[1].split(">")[0]


def test_anonymous_post_is_sent_to_sign_in():
    consultation = ConsultationFactory()
    response = Client().post(_url(consultation), {"body": "Sin sesión no se publica nada."})
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/")
    assert Comment.objects.count() == 0
