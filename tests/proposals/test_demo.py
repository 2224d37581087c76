"""The demonstration data of the call for proposals: usable on any day, idempotent, fictional."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from datacon.common.models import OutboundEmail
from datacon.demo.loader import demo_load
from datacon.program.models import ScheduleVersion
from datacon.proposals.models import Call, Proposal, ReviewAssignment

pytestmark = pytest.mark.django_db


def test_demo_call_is_open_with_reviewers_proponent_and_proposals(demo_users):
    call = Call.objects.get(edition__slug="2027-demo")
    assert call.is_open()
    assert call.closes_at >= timezone.now() + dt.timedelta(days=29)
    User = get_user_model()
    names = set(
        User.objects.filter(email__endswith="@datacon.demo").values_list("first_name", "last_name")
    )
    assert {("Revisora", "Demo 1"), ("Revisor", "Demo 2"), ("Proponente", "Demo")} <= names
    titles = list(Proposal.objects.filter(edition=call.edition).values_list("title", "status"))
    assert len(titles) == 4
    assert all(title.endswith("(demostración)") for title, _status in titles)
    assert {status for _t, status in titles} == {"submitted", "confirmed", "accepted"}
    assert ReviewAssignment.objects.filter(proposal__edition=call.edition).count() == 8
    # Each time the demo adds to the program it publishes, as an organiser would.
    assert list(
        ScheduleVersion.objects.filter(edition=call.edition)
        .order_by("number")
        .values_list("number", "note")
    ) == [
        (1, "Primera versión del programa de demostración."),
        (2, "Se agrega el taller con cupo limitado."),
        (3, "Se confirma la tallerista del taller."),
    ]
    # Nothing is sent while loading: demo e-mails count as delivered, decisions wait in the outbox.
    assert OutboundEmail.objects.filter(status="queued").count() == 0
    assert OutboundEmail.objects.filter(status="draft").count() == 3


def test_demo_load_twice_changes_nothing(demo_users):
    counts = (
        Proposal.objects.count(),
        ReviewAssignment.objects.count(),
        OutboundEmail.objects.count(),
    )
    report = demo_load()
    assert report.changed is False
    assert (
        Proposal.objects.count(),
        ReviewAssignment.objects.count(),
        OutboundEmail.objects.count(),
    ) == counts


def test_demo_accounts_can_sign_in_and_use_their_screens(demo_users):
    reviewer = Client()
    assert reviewer.login(username="revisora1@datacon.demo", password="datacon-demo-2021")
    queue = reviewer.get("/gestion/revision/").content.decode()
    assert "Datos abiertos para la atención de emergencias (demostración)" in queue
    assert "Ponente Ficticia A" not in queue
    proponent = Client()
    assert proponent.login(username="proponente@datacon.demo", password="datacon-demo-2021")
    mine = proponent.get("/cuenta/propuestas/").content.decode()
    assert "Movilidad urbana con datos abiertos (demostración)" in mine
    assert "Confirmada" in mine
