"""Names and titles are one line; e-mail headers never carry user text unsanitised (issue 13.8).

A name typed with a line break used to be accepted and then made every e-mail that carried it
in its subject undeliverable (BadHeaderError on each attempt, then failed for good)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client

from datacon.common.mail import Attachment, email_enqueue, emails_send_due
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.validators import validate_single_line
from datacon.editions.models import Edition
from datacon.program.models import Session
from datacon.proposals.models import Proposal
from tests import factories
from tests.registration.factories import attendee_user, registration_edition

pytestmark = pytest.mark.django_db
INJECTED = "Ana Pérez\r\nBcc: victima@example.org"
NOT_NAMES = {("demand", "ImportRun", "file_name")}  # the uploaded file's own name


def _name_fields() -> list[models.CharField]:
    fields = []
    for model in apps.get_models():
        if not model.__module__.startswith("datacon."):
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.CharField)
                and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
                and not field.choices
                and (
                    field.name.endswith("name")
                    or field.name in ("acronym", "position", "organisation")
                )
                and (model._meta.app_label, model.__name__, field.name) not in NOT_NAMES
            ):
                fields.append(field)
    return fields


def test_every_name_field_and_every_title_that_reaches_a_subject_refuses_line_breaks():
    titles = [model._meta.get_field("title") for model in (Edition, Session, Proposal)]
    fields = [*_name_fields(), *titles]
    assert len(fields) >= 30
    without = [str(field) for field in fields if validate_single_line not in field.validators]
    assert without == []
    for field in fields:
        with pytest.raises(ValidationError) as refused:
            field.run_validators(INJECTED)
        assert refused.value.error_list[0].code == "line_break"


@pytest.mark.parametrize("value", ["Ana\nPérez", "Ana\rPérez", "Ana\u2028Pérez", "Ana\x00"])
def test_the_validator_refuses_every_kind_of_break(value):
    with pytest.raises(ValidationError):
        validate_single_line(value)


def test_the_validator_accepts_ordinary_names():
    validate_single_line("María José Ñúñez-O'Connor\t(CDMX)")


def test_registration_form_refuses_a_name_with_a_line_break_and_keeps_what_was_typed():
    edition, (venue,) = registration_edition()
    client = Client()
    client.force_login(attendee_user())
    response = client.post(
        f"/ediciones/{edition.slug}/registro/",
        {
            "name": INJECTED,
            "mode": "in_person",
            "venue": venue.pk,
            "organisation": "Colectivo",
            "sector": "academia",
            "state": "19",
            "consent": "on",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Escríbalo en una sola línea: sin saltos de línea ni caracteres de control." in html
    assert 'value="Colectivo"' in html
    assert OutboundEmail.objects.count() == 0


def test_a_subject_made_of_typed_text_is_sent_on_one_line():
    email_enqueue(
        to="persona@example.org",
        subject=f"Invitación de {INJECTED}",
        body_text="Hola.",
        purpose="prueba",
        attachments=[Attachment("boleto\r\nX-Evil: 1.txt", b"hola", "text/plain")],
        send_after_commit=False,
        actor=factories.SYSTEM,
    )
    assert emails_send_due() == (1, 0)
    (sent,) = mail.outbox
    assert sent.subject == "Invitación de Ana Pérez Bcc: victima@example.org"
    assert sent.bcc == []
    assert sent.attachments[0][0] == "boleto X-Evil: 1.txt"
    assert "Bcc" not in sent.message()


def test_rows_queued_before_the_rule_are_sent_and_do_not_block_the_queue():
    bad = OutboundEmail.objects.create(
        to="persona@example.org", subject=f"Aviso para {INJECTED}", body_text="Hola.", purpose="p"
    )
    good = OutboundEmail.objects.create(
        to="otra@example.org", subject="Aviso", body_text="Hola.", purpose="p"
    )
    assert emails_send_due() == (2, 0)
    statuses = dict(OutboundEmail.objects.values_list("pk", "status"))
    assert statuses == {bad.pk: OutboundEmailStatus.SENT, good.pk: OutboundEmailStatus.SENT}


def test_migration_gives_messages_that_failed_for_a_line_break_another_chance():
    migration = importlib.import_module(
        "datacon.common.migrations.0004_outbox_subjects_single_line"
    )
    broken = OutboundEmail.objects.create(
        to="persona@example.org",
        subject=f"Aviso para {INJECTED}",
        body_text="Hola.",
        purpose="p",
        status=OutboundEmailStatus.FAILED,
        attempts=10,
        last_error="BadHeaderError: Header values can't contain newlines",
    )
    other = OutboundEmail.objects.create(
        to="otra@example.org",
        subject="Aviso",
        body_text="Hola.",
        purpose="p",
        status=OutboundEmailStatus.FAILED,
        attempts=10,
        last_error="SMTPRecipientsRefused: buzón inexistente",
    )
    migration.forwards(apps, None)
    broken.refresh_from_db()
    other.refresh_from_db()
    assert (broken.status, broken.attempts, broken.subject) == (
        OutboundEmailStatus.QUEUED,
        0,
        "Aviso para Ana Pérez Bcc: victima@example.org",
    )
    assert (other.status, other.attempts) == (OutboundEmailStatus.FAILED, 10)
