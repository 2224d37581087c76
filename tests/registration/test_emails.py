"""Registration e-mails: content, iCalendar, cancellation links, reminders, retries."""

import datetime as dt
import re

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.mail import emails_send_due
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.people.privacy_services import use_objections_set
from datacon.registration.models import Registration
from datacon.registration.selectors import edition_starts_at
from datacon.registration.services import reminders_send
from datacon.registration.tokens import cancel_token_make
from tests import factories
from tests.registration.factories import register, registration_edition, signup, workshop

pytestmark = pytest.mark.django_db


def _sent(purpose: str):
    emails_send_due()
    email = OutboundEmail.objects.get(purpose=purpose)
    assert email.status == OutboundEmailStatus.SENT
    return next(m for m in mail.outbox if m.subject == email.subject)


def _calendar(message) -> icalendar.Calendar:
    (_name, content, content_type) = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert content_type.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_confirmation_email_has_text_html_a_valid_ics_and_a_cancellation_link():
    edition, (venue,) = registration_edition()
    registration = register(edition)
    message = _sent("registration.confirmed")
    assert message.to == [registration.email]
    assert message.subject == f"Registro confirmado: {edition.title}"
    assert registration.ticket_display in message.body
    assert venue.name in message.body
    html = message.alternatives[0]
    assert html[1] == "text/html"
    assert registration.ticket_display in html[0]
    calendar = _calendar(message)
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [edition.title, edition.title]
    # The MIME part names its charset once (a repeated parameter upsets strict clients).
    raw = message.message().as_string()
    calendar_header = next(line for line in raw.splitlines() if "text/calendar" in line)
    assert calendar_header.count("charset") == 1
    assert [e.decoded("DTSTART").date() for e in events] == edition.days
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in events)
    assert str(calendar["METHOD"]) == "PUBLISH"
    link = re.search(r"http://127\.0\.0\.1:8000(/registro/cancelar/[^/\s]+/)", message.body)
    assert link is not None
    assert Client().get(link.group(1)).status_code == 200


def test_online_confirmation_carries_the_personal_streaming_link():
    edition, _venues = registration_edition()
    registration = register(edition, mode="online")
    message = _sent("registration.confirmed")
    assert f"/registro/transmision/{registration.ticket_code}/" in message.body
    assert "En línea" in message.body


def test_workshop_seat_email_has_its_session_in_the_calendar():
    edition, _venues = registration_edition()
    session = workshop(edition, capacity=1)
    signup(register(edition), session)
    message = _sent("registration.signup_confirmed")
    (event,) = _calendar(message).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{session.code} · {session.title}"
    assert event.decoded("DTSTART") == session.starts_at


def test_cancellation_email_cancels_the_calendar_entries():
    edition, _venues = registration_edition()
    registration = register(edition)
    from datacon.registration.services import registration_cancel

    registration_cancel(registration=registration, actor=factories.SYSTEM)
    message = _sent("registration.cancelled")
    calendar = _calendar(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert {str(e["STATUS"]) for e in calendar.walk("VEVENT")} == {"CANCELLED"}


def test_email_in_the_language_of_registration():
    edition, _venues = registration_edition()
    register(edition, language="en")
    message = _sent("registration.confirmed")
    assert message.subject == f"Registration confirmed: {edition.title}"
    assert "Your registration to" in message.body


def test_email_is_kept_and_retried_when_the_mail_server_is_down(settings):
    edition, _venues = registration_edition()
    settings.EMAIL_BACKEND = "tests.registration.failing_backend.FailingBackend"
    registration = register(edition)
    assert emails_send_due() == (0, 1)
    email = OutboundEmail.objects.get(purpose="registration.confirmed")
    assert (email.status, email.attempts) == (OutboundEmailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=email.created_at)
    assert emails_send_due() == (1, 0)
    assert mail.outbox[-1].to == [registration.email]


def test_cancel_link_asks_then_cancels_and_a_second_use_says_so():
    edition, _venues = registration_edition()
    registration = register(edition)
    url = f"/registro/cancelar/{cancel_token_make(registration_id=registration.pk, ticket_code=registration.ticket_code)}/"
    client = Client()
    ask = client.get(url)
    assert "¿Cancelar el registro" in ask.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    done = client.post(url)
    assert "Listo: cancelamos el registro" in done.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    again = client.post(url)
    assert "ya estaba cancelado" in again.content.decode()


def test_cancel_link_expired_changes_nothing_and_offers_a_new_one(settings):
    edition, _venues = registration_edition()
    registration = register(edition)
    token = cancel_token_make(registration_id=registration.pk, ticket_code=registration.ticket_code)
    settings.REGISTRATION_CANCEL_LINK_DAYS = 0
    client = Client()
    response = client.post(f"/registro/cancelar/{token}/")
    assert response.status_code == 410
    assert "ya caducó. No cambiamos nada" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    resend = client.post(f"/registro/cancelar/{token}/", {"action": "resend"})
    assert resend.status_code == 410
    assert OutboundEmail.objects.filter(purpose="registration.cancel_link").count() == 1
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_cancel_link_tampered_or_for_a_changed_ticket_is_refused():
    edition, _venues = registration_edition()
    registration = register(edition)
    token = cancel_token_make(registration_id=registration.pk, ticket_code=registration.ticket_code)
    client = Client()
    tampered = client.post(f"/registro/cancelar/{token[:-2]}xx/")
    wrong_ticket = client.post(
        f"/registro/cancelar/{cancel_token_make(registration_id=registration.pk, ticket_code='AAAAAAAAAAAA')}/"
    )
    assert (tampered.status_code, wrong_ticket.status_code) == (400, 400)
    assert "no es válido" in tampered.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_reminders_are_queued_once_and_respect_objections():
    edition, _venues = registration_edition()
    first, second, objecting = register(edition), register(edition), register(edition)
    use_objections_set(
        user=objecting.user, objections=["reminders"], actor=Actor.of(objecting.user)
    )
    starts = edition_starts_at(edition=edition)
    assert reminders_send(now=starts - dt.timedelta(hours=49), actor=factories.SYSTEM) == 0
    assert reminders_send(now=starts - dt.timedelta(hours=47), actor=factories.SYSTEM) == 2
    assert reminders_send(now=starts - dt.timedelta(hours=46), actor=factories.SYSTEM) == 0
    assert sorted(
        OutboundEmail.objects.filter(purpose="registration.reminder").values_list("to", flat=True)
    ) == sorted([first.email, second.email])


def test_send_event_reminders_command_reports_what_it_did(capsys):
    edition, _venues = registration_edition()
    register(edition)
    starts = edition_starts_at(edition=edition)
    call_command("send_event_reminders", "--now", (starts - dt.timedelta(hours=1)).isoformat())
    assert capsys.readouterr().out.strip() == (
        "Recordatorios encolados: 1. Promovidos desde listas de espera: 0."
    )
