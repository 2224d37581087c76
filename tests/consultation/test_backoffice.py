"""Back-office screens of consultations: moderation (with roles) and official answers."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from datacon.backoffice.roles import roles_ensure
from datacon.common.actor import Actor
from datacon.consultation import answers, moderation
from datacon.consultation.models import Answer, Comment, ModerationAction
from datacon.policy import services as policy_services
from datacon.policy.models import Paragraph
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _staff_with(role):  # type: ignore[no-untyped-def]
    roles_ensure()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client, user


def test_moderator_hides_with_reason_shown_publicly_and_logged():
    consultation = ConsultationFactory()
    target = comment(consultation, body="Compre en mi tienda, precios bajos hoy.")
    client, moderator = _staff_with("Moderación de consultas")
    queue = client.get(f"/gestion/consultas/{consultation.pk}/moderacion/?ver=recientes")
    assert "Compre en mi tienda" in queue.content.decode()
    response = client.post(
        f"/gestion/consultas/{consultation.pk}/moderacion/{target.pk}/",
        {"accion": "ocultar", "reason": "Publicidad (regla 3)."},
    )
    assert response.status_code == 302
    public = Client().get(target.get_absolute_url()).content.decode()
    assert "Comentario ocultado por moderación: Publicidad (regla 3)." in public
    log = client.get(f"/gestion/consultas/{consultation.pk}/moderacion/registro/").content.decode()
    assert "Publicidad (regla 3)." in log
    assert ModerationAction.objects.get().actor == moderator


def test_hiding_without_reason_shows_message_and_changes_nothing():
    consultation = ConsultationFactory()
    target = comment(consultation)
    client, _user = _staff_with("Moderación de consultas")
    response = client.post(
        f"/gestion/consultas/{consultation.pk}/moderacion/{target.pk}/",
        {"accion": "ocultar", "reason": "no"},
    )
    assert response.status_code == 400
    assert "Escriba el motivo: se publica en lugar del comentario." in response.content.decode()
    assert Comment.objects.get().status == "visible"


def test_restore_and_reported_queue():
    consultation = ConsultationFactory()
    target = comment(consultation)
    from datacon.consultation import services

    services.comment_flag(
        comment=target, actor=Actor.of(participant(consultation).user), reason="Parece spam."
    )
    client, _user = _staff_with("Moderación de consultas")
    queue = client.get(f"/gestion/consultas/{consultation.pk}/moderacion/").content.decode()
    assert "Parece spam." in queue
    moderation.comment_hide(
        comment=target, reason="Spam.", actor=factories.SYSTEM, notify_author=False
    )
    client.post(
        f"/gestion/consultas/{consultation.pk}/moderacion/{target.pk}/",
        {"accion": "restablecer", "reason": "Revisado: no era spam."},
    )
    assert Comment.objects.get().status == "visible"


def test_answering_group_cannot_moderate_and_moderators_cannot_answer():
    consultation = ConsultationFactory()
    target = comment(consultation)
    answerer, _user = _staff_with("Grupo técnico: respuestas a consultas")
    moderator, _user = _staff_with("Moderación de consultas")
    assert answerer.get(f"/gestion/consultas/{consultation.pk}/moderacion/").status_code == 403
    assert (
        moderator.get(f"/gestion/consultas/{consultation.pk}/respuestas/{target.pk}/").status_code
        == 403
    )
    citizen = Client()
    citizen.force_login(participant(consultation).user)
    assert citizen.get(f"/gestion/consultas/{consultation.pk}/moderacion/").status_code == 403


def test_technical_group_answers_pointing_at_the_next_version():
    consultation = ConsultationFactory()
    target = comment(consultation, number=2)
    v1 = consultation.version
    v2, _plan = policy_services.document_version_publish(
        document=v1.document,
        body=policy_services.document_version_markdown(version=v1),
        actor=factories.SYSTEM,
    )
    suggested = Paragraph.objects.get(version=v2, identity=target.identity)
    client, _user = _staff_with("Grupo técnico: respuestas a consultas")
    url = f"/gestion/consultas/{consultation.pk}/respuestas/{target.pk}/"
    form = client.get(url).content.decode()
    assert f'<option value="{suggested.pk}" selected>' in form
    refused = client.post(url, {"status": "", "reason": "Porque sí, con detalle."})
    assert refused.status_code == 400
    assert "Elija el dictamen." in refused.content.decode()
    assert "Porque sí, con detalle." in refused.content.decode()
    done = client.post(
        url,
        {"status": "accepted", "reason": "Se incorporó al texto.", "addressed_in": suggested.pk},
    )
    assert done.status_code == 302
    assert Answer.objects.get().addressed_in == suggested
    cache.clear()
    assert (
        "Atendido en el párrafo 2 de la versión 2"
        in Client().get(target.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "screen", ["moderacion/?ver=recientes", "moderacion/registro/", "respuestas/?ver=todos"]
)
def test_queues_query_count_is_constant(screen, count_queries, organiser_client):
    consultation = ConsultationFactory()
    from datacon.consultation import services

    def add(n):  # type: ignore[no-untyped-def]
        for _ in range(n):
            target = comment(consultation)
            services.comment_flag(
                comment=target,
                actor=Actor.of(participant(consultation).user),
                reason="Revisar esto.",
            )
            moderation.comment_hide(
                comment=target,
                reason="Motivo público.",
                actor=factories.SYSTEM,
                notify_author=False,
            )
            answers.answer_save(
                comment=target,
                status="not_accepted",
                reason="Razones del dictamen.",
                actor=factories.SYSTEM,
            )

    url = f"/gestion/consultas/{consultation.pk}/{screen}"
    add(1)
    small = count_queries(lambda: organiser_client.get(url))
    add(6)
    assert count_queries(lambda: organiser_client.get(url)) == small
