"""Who may moderate and answer, and what a participant may not do (named rules).

Moderation and official answers are platform-wide roles (groups); a service
refuses any other actor with PermissionDenied (a 403 on every surface) and read-only
staff may list consultations but neither moderate nor answer. Supporting one's own
comment is a forbidden action, not a form error.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import Client

from datacon.backoffice.roles import roles_ensure
from datacon.common.actor import Actor
from datacon.consultation import answers, moderation, services
from datacon.consultation.models import Comment, ModerationAction, Support
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant

pytestmark = pytest.mark.django_db


def _staff_in(group: str):  # type: ignore[no-untyped-def]
    roles_ensure()
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_only_moderators_hide_restore_and_dismiss():
    consultation = ConsultationFactory()
    target = comment(consultation)
    outsiders = [
        factories.read_only_staff_user(),
        _staff_in("Grupo técnico: respuestas a consultas"),
        participant(consultation).user,
    ]
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            moderation.comment_hide(comment=target, reason="Publicidad.", actor=Actor.of(user))
        with pytest.raises(PermissionDenied):
            moderation.flags_dismiss(comment=target, reason="Sin motivo.", actor=Actor.of(user))
    assert (Comment.objects.get().status, ModerationAction.objects.count()) == ("visible", 0)
    moderator = Actor.of(_staff_in("Moderación de consultas"))
    moderation.comment_hide(comment=target, reason="Publicidad.", actor=moderator)
    with pytest.raises(PermissionDenied):
        moderation.comment_restore(comment=target, reason="Revisado.", actor=Actor.of(outsiders[0]))
    assert Comment.objects.get().status == "hidden"


def test_only_the_answering_group_answers():
    consultation = ConsultationFactory()
    target = comment(consultation)
    for user in (factories.read_only_staff_user(), _staff_in("Moderación de consultas")):
        with pytest.raises(PermissionDenied):
            answers.answer_save(
                comment=target,
                status="accepted",
                reason="Se incorpora en la versión siguiente.",
                actor=Actor.of(user),
            )
    answer = answers.answer_save(
        comment=target,
        status="accepted",
        reason="Se incorpora en la versión siguiente.",
        actor=Actor.of(_staff_in("Grupo técnico: respuestas a consultas")),
    )
    assert answer.answered_by is not None


def test_read_only_staff_list_consultations_but_cannot_moderate_or_answer():
    consultation = ConsultationFactory()
    target = comment(consultation)
    reader = _client(factories.read_only_staff_user())
    assert reader.get("/gestion/consultas/").status_code == 200
    base = f"/gestion/consultas/{consultation.pk}"
    assert reader.get(f"{base}/moderacion/").status_code == 403
    assert reader.get(f"{base}/respuestas/").status_code == 403
    response = reader.post(
        f"{base}/moderacion/{target.pk}/", {"accion": "ocultar", "reason": "Publicidad."}
    )
    assert (response.status_code, Comment.objects.get().status) == (403, "visible")


def test_supporting_ones_own_comment_is_forbidden():
    consultation = ConsultationFactory()
    author = participant(consultation).user
    target = comment(consultation, author)
    with pytest.raises(PermissionDenied):
        services.support_add(comment=target, actor=Actor.of(author))
    response = _client(author).post(target.get_absolute_url() + "apoyo/")
    assert (response.status_code, Support.objects.count()) == (403, 0)


def test_supporting_twice_keeps_one_support():
    consultation = ConsultationFactory()
    target = comment(consultation)
    reader = participant(consultation).user
    first = services.support_add(comment=target, actor=Actor.of(reader))
    again = services.support_add(comment=target, actor=Actor.of(reader))
    assert (first[1], again[1], Support.objects.count()) == (True, False, 1)
