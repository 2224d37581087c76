"""Consultation rules: who may take part, when, what; moderation; official answers; anchors."""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from datacon.backoffice.roles import roles_ensure
from datacon.common.actor import Actor
from datacon.common.models import AuditEntry, OutboundEmail
from datacon.consultation import answers, moderation, services
from datacon.consultation.models import Comment, ModerationAction, Participant, Support
from datacon.consultation.personal_data import consultation_erase, consultation_export
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
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


# --- joining --------------------------------------------------------------------------------------


def test_unverified_email_cannot_join():
    consultation = ConsultationFactory()
    with pytest.raises(ValidationError) as error:
        services.participant_join(
            consultation=consultation, actor=Actor.of(UserFactory()), accept_rules=True
        )
    assert error.value.messages == [
        "Confirme primero su correo electrónico: le enviamos un enlace al registrarse."
    ]


def test_joining_needs_the_rules_and_numbers_participants_in_order():
    consultation = ConsultationFactory()
    with pytest.raises(ValidationError) as error:
        services.participant_join(
            consultation=consultation, actor=Actor.of(verified_user()), accept_rules=False
        )
    assert error.value.message_dict == {
        "accept_rules": ["Para participar debe aceptar las reglas de la consulta."]
    }
    first, second = participant(consultation), participant(consultation, name="Lupita")
    assert (first.number, first.public_name) == (1, "Participante 1")
    assert (second.number, second.public_name) == (2, "Lupita")


def test_joining_twice_keeps_one_participant_and_can_rename():
    consultation = ConsultationFactory()
    user = verified_user()
    first = participant(consultation, user)
    again = services.participant_join(
        consultation=consultation,
        actor=Actor.of(user),
        display_name="Nuevo nombre",
        accept_rules=False,
    )
    assert again.pk == first.pk
    assert Participant.objects.get().display_name == "Nuevo nombre"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("yo@correo.example", "No use su correo electrónico como nombre: se mostraría en público."),
        (
            "Participante 7",
            "Ese nombre parece el de otra persona participante; elija otro o deje el campo vacío.",
        ),
        ("x" * 61, "El nombre puede tener hasta 60 caracteres."),
    ],
)
def test_display_name_rules(name, message):
    with pytest.raises(ValidationError) as error:
        services.participant_join(
            consultation=ConsultationFactory(),
            actor=Actor.of(verified_user()),
            display_name=name,
            accept_rules=True,
        )
    assert error.value.message_dict == {"display_name": [message]}


def test_display_name_cannot_impersonate_another_participant():
    consultation = ConsultationFactory()
    participant(consultation, name="Ana")
    with pytest.raises(ValidationError) as error:
        participant(consultation, name="ana")
    assert error.value.message_dict == {
        "display_name": ["Otra persona ya usa ese nombre en esta consulta; elija otro."]
    }


# --- the period, server side, in the consultation's time zone --------------------------------------


def _closing_today_consultation():  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(
        opens_on=dt.date(2024, 3, 1), closes_on=dt.date(2024, 3, 31), timezone="America/Mexico_City"
    )
    user = participant(consultation, now=dt.datetime(2024, 3, 5, tzinfo=MEXICO)).user
    return consultation, user


def test_comment_at_2359_local_time_on_the_closing_day_is_accepted():
    consultation, user = _closing_today_consultation()
    # 23:59 in Mexico City is 05:59 UTC the next day: the local date decides.
    moment = dt.datetime(2024, 3, 31, 23, 59, tzinfo=MEXICO)
    created = comment(consultation, user, now=moment)
    assert created.created_at == moment


def test_comment_after_midnight_local_time_is_refused_server_side():
    consultation, user = _closing_today_consultation()
    with pytest.raises(ValidationError) as error:
        comment(consultation, user, now=dt.datetime(2024, 4, 1, 0, 0, tzinfo=MEXICO))
    assert error.value.messages == [
        "La consulta cerró el 31 de marzo de 2024 a las 23:59 (America/Mexico_City); ya no se "
        "reciben comentarios, respuestas ni apoyos."
    ]
    assert Comment.objects.count() == 0


def test_comment_before_opening_is_refused():
    consultation, user = _closing_today_consultation()
    with pytest.raises(ValidationError) as error:
        comment(consultation, user, now=dt.datetime(2024, 2, 29, 23, 0, tzinfo=MEXICO))
    assert error.value.messages == [
        "La consulta abre el 1 de marzo de 2024; todavía no se reciben comentarios."
    ]


def test_comment_on_a_closed_consultation_by_the_real_clock_is_refused():
    today = timezone.localdate()
    consultation = ConsultationFactory(
        opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=2)
    )
    user = verified_user()
    Participant.objects.create(consultation=consultation, user=user, number=1)
    with pytest.raises(ValidationError) as error:
        comment(consultation, user)
    assert error.value.code == "closed"


def test_support_and_reply_are_refused_after_closing():
    consultation, user = _closing_today_consultation()
    first = comment(consultation, user, now=dt.datetime(2024, 3, 10, 10, tzinfo=MEXICO))
    other = participant(consultation, now=dt.datetime(2024, 3, 10, tzinfo=MEXICO)).user
    after = dt.datetime(2024, 4, 2, 10, tzinfo=MEXICO)
    with pytest.raises(ValidationError):
        services.support_add(comment=first, actor=Actor.of(other), now=after)
    with pytest.raises(ValidationError):
        services.comment_reply(
            parent=first, actor=Actor.of(other), body="Respuesta tardía al hilo.", now=after
        )
    assert (Support.objects.count(), Comment.objects.count()) == (0, 1)


# --- comments ---------------------------------------------------------------------------------------


def test_only_participants_comment():
    consultation = ConsultationFactory()
    with pytest.raises(ValidationError) as error:
        comment(consultation, verified_user())
    assert error.value.messages == ["Antes de comentar, únase a la consulta y acepte sus reglas."]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "Escriba su comentario."),
        ("corto", "Su comentario es muy breve: escriba al menos 10 caracteres."),
        (
            "x" * 3001,
            "Su comentario tiene 3001 caracteres y el máximo es 3000. Acórtelo o divídalo en "
            "varios comentarios; su texto sigue en el formulario.",
        ),
    ],
)
def test_comment_length_limits(body, message):
    consultation = ConsultationFactory()
    user = participant(consultation).user
    with pytest.raises(ValidationError) as error:
        services.comment_create(
            consultation=consultation,
            paragraph=paragraph(consultation),
            actor=Actor.of(user),
            body=body,
        )
    assert error.value.message_dict == {"body": [message]}


def test_comment_on_a_passage_stores_the_quote_checked_against_the_paragraph():
    consultation = ConsultationFactory()
    target = paragraph(consultation, 2)
    text = target.plain_text
    start = text.index("transparencia")
    created = comment(
        consultation, number=2, quote="transparencia", quote_start=start, quote_end=start + 13
    )
    assert (created.quote, created.quote_start, created.quote_end) == (
        "transparencia",
        start,
        start + 13,
    )
    # Offsets that do not point at the quote: the paragraph's text decides.
    moved = comment(consultation, number=2, quote="transparencia", quote_start=0, quote_end=5)
    assert (moved.quote_start, moved.quote_end) == (start, start + 13)


def test_quote_not_in_the_paragraph_is_refused():
    consultation = ConsultationFactory()
    with pytest.raises(ValidationError) as error:
        comment(consultation, quote="texto que no está")
    assert error.value.message_dict == {
        "quote": ["El fragmento seleccionado no está en el párrafo; vuelva a seleccionarlo."]
    }


def test_comment_on_a_heading_or_another_version_is_refused():
    consultation = ConsultationFactory()
    user = participant(consultation).user
    heading = Paragraph.objects.get(version=consultation.version, identity__anchor="s-1")
    with pytest.raises(ValidationError):
        services.comment_create(
            consultation=consultation,
            paragraph=heading,
            actor=Actor.of(user),
            body="Sobre el título de la sección.",
        )


def test_replies_keep_the_thread_root():
    consultation = ConsultationFactory()
    root = comment(consultation)
    user = participant(consultation).user
    reply = services.comment_reply(
        parent=root, actor=Actor.of(user), body="Respondo al comentario."
    )
    reply_to_reply = services.comment_reply(
        parent=reply, actor=Actor.of(user), body="Y sigo el hilo aquí."
    )
    assert (reply.root_id, reply_to_reply.root_id, reply_to_reply.parent_id) == (
        root.pk,
        root.pk,
        reply.pk,
    )
    assert reply_to_reply.identity_id == root.identity_id


# --- supports ---------------------------------------------------------------------------------------


def test_support_is_idempotent_and_not_for_own_comment():
    consultation = ConsultationFactory()
    target = comment(consultation)
    supporter = participant(consultation).user
    first, created = services.support_add(comment=target, actor=Actor.of(supporter))
    again, created_again = services.support_add(comment=target, actor=Actor.of(supporter))
    assert (created, created_again, first.pk) == (True, False, again.pk)
    assert Support.objects.count() == 1
    # Supporting one's own comment is a forbidden action (403), not a form error.
    with pytest.raises(PermissionDenied) as error:
        services.support_add(comment=target, actor=Actor.of(target.participant.user))
    assert str(error.value) == "No puede apoyar su propio comentario."
    assert services.support_withdraw(comment=target, actor=Actor.of(supporter)) is True
    assert Support.objects.count() == 0


# --- moderation -------------------------------------------------------------------------------------


def test_hide_replaces_text_with_public_reason_logs_and_tells_the_author():
    consultation = ConsultationFactory()
    target = comment(consultation, body="Un comentario con publicidad de una tienda.")
    roles_ensure()
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderación de consultas"))
    moderation.comment_hide(
        comment=target, reason="Publicidad ajena a la consulta.", actor=Actor.of(moderator)
    )
    target.refresh_from_db()
    assert (
        target.public_text == "Comentario ocultado por moderación: Publicidad ajena a la consulta."
    )
    assert target.body == "Un comentario con publicidad de una tienda."  # nothing lost
    log = ModerationAction.objects.get()
    assert (log.action, log.reason, log.actor) == (
        "hide",
        "Publicidad ajena a la consulta.",
        moderator,
    )
    assert AuditEntry.objects.filter(action="comment.hide", actor=moderator).count() == 1
    email = OutboundEmail.objects.get(purpose="consultation.comment_hidden")
    assert email.to == target.participant.user.email
    assert "Publicidad ajena a la consulta." in email.body_text


def test_hide_needs_a_reason_and_is_reversible():
    consultation = ConsultationFactory()
    target = comment(consultation)
    with pytest.raises(ValidationError) as error:
        moderation.comment_hide(comment=target, reason=" ", actor=factories.SYSTEM)
    assert error.value.message_dict == {
        "reason": ["Escriba el motivo: se publica en lugar del comentario."]
    }
    moderation.comment_hide(
        comment=target, reason="Insultos a otra persona.", actor=factories.SYSTEM
    )
    with pytest.raises(ValidationError):
        moderation.comment_hide(comment=target, reason="Otra vez el mismo.", actor=factories.SYSTEM)
    moderation.comment_restore(
        comment=target, reason="Revisión: no había insultos.", actor=factories.SYSTEM
    )
    target.refresh_from_db()
    assert (target.status, target.hidden_reason) == ("visible", "")
    assert list(ModerationAction.objects.order_by("at", "id").values_list("action", flat=True)) == [
        "hide",
        "restore",
    ]


def test_flags_are_idempotent_and_resolved_when_hidden():
    consultation = ConsultationFactory()
    target = comment(consultation)
    reporter = verified_user()
    flag, created = services.comment_flag(
        comment=target, actor=Actor.of(reporter), reason="Es publicidad."
    )
    _again, created_again = services.comment_flag(
        comment=target, actor=Actor.of(reporter), reason="Otra vez"
    )
    assert (created, created_again) == (True, False)
    moderation.comment_hide(comment=target, reason="Publicidad.", actor=factories.SYSTEM)
    flag.refresh_from_db()
    assert flag.resolved_at is not None


# --- answers and anchors across versions -------------------------------------------------------------


def _second_version(consultation):  # type: ignore[no-untyped-def]
    v1 = consultation.version
    body = policy_services.document_version_markdown(version=v1)
    body = body.replace("# Objetivo {#s-1}", "# Objetivo {#s-1}\n\nUn párrafo insertado al inicio.")
    body = body.replace(
        "Segundo párrafo sobre los principios de transparencia, participación y colaboración. {#p-3}",
        "Segundo párrafo sobre los principios de transparencia, participación, colaboración y "
        "documentación de los datos.",
    )
    version, _plan = policy_services.document_version_publish(
        document=v1.document, body=body, actor=factories.SYSTEM
    )
    return version


def test_paragraph_anchor_survives_a_new_version_and_the_answer_points_there():
    consultation = ConsultationFactory()
    target = comment(consultation, number=2)  # paragraph p-3 of version 1
    v2 = _second_version(consultation)
    addressed = Paragraph.objects.get(version=v2, identity=target.identity)
    assert (addressed.identity.anchor, addressed.number) == ("p-3", 3)  # moved down by one
    answer = answers.answer_save(
        comment=target,
        status="partly",
        reason="Se añadió la documentación de los datos.",
        addressed_in=addressed,
        actor=factories.SYSTEM,
    )
    assert answer.addressed_in.version.number == 2
    assert OutboundEmail.objects.filter(purpose="consultation.comment_answered").count() == 1
    # Changing the answer does not notify again.
    answers.answer_save(
        comment=target,
        status="accepted",
        reason="Se aceptó completo.",
        addressed_in=addressed,
        actor=factories.SYSTEM,
    )
    assert OutboundEmail.objects.filter(purpose="consultation.comment_answered").count() == 1


def test_answer_validation_messages():
    consultation = ConsultationFactory()
    target = comment(consultation)
    same_version = paragraph(consultation, 1)
    with pytest.raises(ValidationError) as error:
        answers.answer_save(
            comment=target,
            status="",
            reason="corta",
            addressed_in=same_version,
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict == {
        "status": ["Elija el dictamen."],
        "reason": ["Explique las razones del dictamen (al menos 10 caracteres)."],
        "addressed_in": ["El párrafo debe ser de una versión posterior a la consultada (v1)."],
    }
    v2 = _second_version(consultation)
    with pytest.raises(ValidationError) as error:
        answers.answer_save(
            comment=target,
            status="not_accepted",
            reason="Queda fuera del alcance.",
            addressed_in=Paragraph.objects.filter(version=v2, kind="text").first(),
            actor=factories.SYSTEM,
        )
    assert list(error.value.message_dict) == ["addressed_in"]


def test_answers_are_for_top_comments_only():
    consultation = ConsultationFactory()
    root = comment(consultation)
    reply = services.comment_reply(
        parent=root,
        actor=Actor.of(participant(consultation).user),
        body="Estoy de acuerdo con esto.",
    )
    with pytest.raises(ValidationError):
        answers.answer_save(
            comment=reply, status="accepted", reason="Razones suficientes.", actor=factories.SYSTEM
        )


# --- personal data (ARCO) ---------------------------------------------------------------------------


def test_personal_data_export_and_erase():
    consultation = ConsultationFactory()
    user = participant(consultation, name="Nombre visible").user
    target = comment(consultation, user)
    exported = consultation_export(user)
    assert exported["comentarios"][0]["id"] == target.pk
    assert exported["participaciones_en_consultas"][0]["nombre_mostrado"] == "Nombre visible"
    consultation_erase(user)
    target.refresh_from_db()
    assert target.participant.user is None
    assert target.participant.public_name == "Participante 1"
    assert consultation_export(user)["comentarios"] == []


def test_sending_the_same_comment_twice_creates_one():
    consultation = ConsultationFactory()
    user = participant(consultation).user
    first = comment(consultation, user, body="Una sola vez, aunque haga doble clic.")
    again = comment(consultation, user, body="Una sola vez, aunque haga doble clic.")
    assert again.pk == first.pk
    reply = services.comment_reply(
        parent=first, actor=Actor.of(user), body="Respuesta que se envía dos veces."
    )
    assert (
        services.comment_reply(
            parent=first, actor=Actor.of(user), body="Respuesta que se envía dos veces."
        ).pk
        == reply.pk
    )
    assert Comment.objects.count() == 2
