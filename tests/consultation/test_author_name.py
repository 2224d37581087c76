"""The name on a published comment is the one it was published with (issue 13.12).

A participant may rename themselves while the consultation is open: later comments carry the
new name, earlier ones keep theirs. After closing nobody can rename (it would show nowhere).
Deleting the account removes the name from every comment ("Participante N" remains)."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.consultation import services
from datacon.consultation.models import Comment, Consultation
from datacon.consultation.personal_data import consultation_erase
from tests.consultation.factories import ConsultationFactory, comment, participant

pytestmark = pytest.mark.django_db


def _comment_page(consultation: Consultation, target: Comment) -> str:
    return Client().get(f"/consultas/{consultation.slug}/comentarios/{target.pk}/").content.decode()


def _api_authors(consultation: Consultation) -> dict[int, str]:
    url = f"/api/v1/consultas/comentarios/?consultation__slug={consultation.slug}"
    rows = Client().get(url).json()["results"]
    return {row["id"]: row["author"] for row in rows}


def test_renaming_changes_only_later_comments():
    consultation = ConsultationFactory()
    user = participant(consultation, name="Ana de Tlalpan").user
    before = comment(consultation, user, body="Comentario publicado con el primer nombre.")
    services.participant_join(
        consultation=consultation, actor=Actor.of(user), display_name="Beatriz", accept_rules=False
    )
    after = comment(consultation, user, body="Comentario publicado con el nombre nuevo.")
    assert "Ana de Tlalpan" in _comment_page(consultation, before)
    assert "Beatriz" not in _comment_page(consultation, before)
    assert "Beatriz" in _comment_page(consultation, after)
    assert _api_authors(consultation) == {before.pk: "Ana de Tlalpan", after.pk: "Beatriz"}
    report = Client().get(f"/consultas/{consultation.slug}/informe/").content.decode()
    assert "Ana de Tlalpan" in report and "Beatriz" in report


def test_after_closing_a_rename_is_refused_and_comments_keep_their_author():
    consultation = ConsultationFactory()
    user = participant(consultation, name="Ana de Tlalpan").user
    published = comment(consultation, user)
    consultation.closes_on = timezone.localdate() - dt.timedelta(days=1)
    consultation.save()
    with pytest.raises(ValidationError) as refused:
        services.participant_join(
            consultation=consultation,
            actor=Actor.of(user),
            display_name="Otro nombre",
            accept_rules=False,
        )
    assert refused.value.message_dict == {
        "display_name": [
            "La consulta ya cerró: cada comentario conserva el nombre con que se publicó."
        ]
    }
    assert "Ana de Tlalpan" in _comment_page(consultation, published)


def test_the_join_page_says_that_names_are_kept():
    consultation = ConsultationFactory()
    client = Client()
    client.force_login(participant(consultation).user)
    html = client.get(f"/consultas/{consultation.slug}/participar/").content.decode()
    assert "Cada comentario conserva el nombre con que se publicó" in html


def test_deleting_the_account_takes_the_name_off_every_comment():
    consultation = ConsultationFactory()
    user = participant(consultation, name="Ana de Tlalpan").user
    published = comment(consultation, user)
    consultation_erase(user)
    published.refresh_from_db()
    assert published.author == "Participante 1"
    assert "Ana de Tlalpan" not in _comment_page(consultation, published)


def test_migration_gives_existing_comments_their_author_s_current_name():
    migration = importlib.import_module("datacon.consultation.migrations.0003_comment_author_name")
    consultation = ConsultationFactory()
    named = comment(consultation, participant(consultation, name="Ana de Tlalpan").user)
    unnamed = comment(consultation)
    Comment.objects.update(author_name="")
    migration.names_at_publication(apps, None)
    assert dict(Comment.objects.values_list("pk", "author_name")) == {
        named.pk: "Ana de Tlalpan",
        unnamed.pk: "",
    }
