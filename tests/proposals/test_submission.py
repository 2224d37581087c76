"""Submitting, editing and withdrawing proposals: the rules live in the services."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry, OutboundEmail
from datacon.proposals.models import (
    InvitationStatus,
    Proposal,
    ProposalEvent,
    ProposalPerson,
    ProposalStatus,
)
from datacon.proposals.services import (
    invitation_respond,
    proposal_can_edit,
    proposal_update,
    proposal_withdraw,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def test_submit_stores_proposal_people_answers_event_and_invites_co_speakers():
    call = pf.open_call()
    level = pf.question(
        call, text="Nivel", kind="choice", choices="Básico\nAvanzado", required=True
    )
    user = pf.verified_user()
    proposal = pf.submit(
        call,
        user,
        people=[
            pf.person("Ana Proponente", user.email, gender="woman"),
            pf.person("Beto Coponente", "Beto@Example.org", gender="man"),
            pf.person("Carla Moderadora", "carla@example.org", role="moderator"),
        ],
        answers={level.pk: "Avanzado"},
    )
    assert proposal.number == 1
    assert proposal.reference == f"P{call.edition.year}-001"
    assert proposal.status == ProposalStatus.SUBMITTED
    people = list(proposal.people.order_by("order"))
    assert [(p.name, p.email, p.role, p.is_submitter) for p in people] == [
        ("Ana Proponente", user.email, "speaker", True),
        ("Beto Coponente", "beto@example.org", "speaker", False),
        ("Carla Moderadora", "carla@example.org", "moderator", False),
    ]
    assert people[0].invitation_status == InvitationStatus.CONFIRMED
    assert people[1].invitation_status == InvitationStatus.PENDING
    assert len(people[1].invitation_token) >= 40
    assert proposal.answers.get().value == "Avanzado"
    invitations = OutboundEmail.objects.filter(purpose="proposal.invitation").order_by("to")
    assert [e.to for e in invitations] == ["beto@example.org", "carla@example.org"]
    assert "Ana Proponente le incluyó" in invitations[0].subject
    assert people[1].invitation_token in invitations[0].body_text
    event = ProposalEvent.objects.get(proposal=proposal)
    assert (event.kind, event.actor, event.to_status) == ("submitted", user, "submitted")
    assert AuditEntry.objects.filter(action="proposal.submitted", actor=user).count() == 1


def test_submit_numbers_proposals_per_edition():
    call = pf.open_call()
    first = pf.submit(call)
    second = pf.submit(call)
    other = pf.submit(pf.open_call())
    assert (first.number, second.number, other.number) == (1, 2, 1)


def test_submit_after_deadline_is_refused_whatever_the_form_said():
    call = pf.open_call(closes=dt.timedelta(seconds=-1))
    with pytest.raises(ValidationError) as error:
        pf.submit(call)
    assert "La convocatoria cerró el" in " ".join(error.value.messages)
    assert Proposal.objects.count() == 0


def test_submit_before_opening_is_refused():
    call = pf.open_call(opens=dt.timedelta(hours=2), closes=dt.timedelta(days=5))
    with pytest.raises(ValidationError) as error:
        pf.submit(call)
    assert "La convocatoria abre el" in " ".join(error.value.messages)


def test_deadline_is_the_editions_wall_clock_time():
    # Cancún is UTC-5 all year, Mexico City UTC-6: 23:59 in Cancún is 22:59 in CDMX.
    edition = factories.EditionFactory(timezone="America/Cancun")
    call = pf.open_call(edition)
    cancun = zoneinfo.ZoneInfo("America/Cancun")
    call.closes_at = dt.datetime(2031, 3, 31, 23, 59, tzinfo=cancun)
    call.opens_at = dt.datetime(2031, 1, 1, tzinfo=cancun)
    call.save()
    just_before = dt.datetime(2031, 3, 31, 23, 58, tzinfo=cancun)
    just_after = dt.datetime(2031, 4, 1, 0, 0, tzinfo=cancun)
    assert call.is_open(just_before) is True
    assert call.is_open(just_after) is False
    assert (
        call.is_open(
            dt.datetime(2031, 3, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City"))
        )
        is False
    )


def test_submit_with_missing_required_answer_names_the_question():
    call = pf.open_call()
    level = pf.question(
        call, text="Nivel", kind="choice", choices="Básico\nAvanzado", required=True
    )
    with pytest.raises(ValidationError) as error:
        pf.submit(call, answers={level.pk: ""})
    assert error.value.message_dict == {f"question_{level.pk}": ["Responda esta pregunta."]}


@pytest.mark.parametrize(
    ("kind", "choices", "value", "message"),
    [
        ("choice", "Uno\nDos", "Tres", "Elija una de las opciones de la lista."),
        ("yes_no", "", "quizá", "Responda «Sí» o «No»."),
        ("number", "", "doce", "Escriba un número, por ejemplo 12."),
    ],
)
def test_submit_with_answer_of_the_wrong_kind_is_refused(kind, choices, value, message):
    call = pf.open_call()
    extra = pf.question(call, kind=kind, choices=choices)
    with pytest.raises(ValidationError) as error:
        pf.submit(call, answers={extra.pk: value})
    assert error.value.message_dict[f"question_{extra.pk}"] == [message]


def test_submit_number_answer_is_normalised():
    call = pf.open_call()
    extra = pf.question(call, kind="number")
    proposal = pf.submit(call, answers={extra.pk: "12,50"})
    assert proposal.answers.get().value == "12.5"


def test_submit_duplicate_co_speaker_by_email_is_refused():
    call = pf.open_call()
    user = pf.verified_user()
    with pytest.raises(ValidationError) as error:
        pf.submit(
            call,
            user,
            people=[
                pf.person("Ana", user.email),
                pf.person("Beto", "beto@example.org"),
                pf.person("Beto Duplicado", "BETO@example.org"),
            ],
        )
    assert error.value.message_dict["people"] == [
        "Beto Duplicado aparece dos veces (mismo correo beto@example.org); cada persona va una sola vez."
    ]
    assert ProposalPerson.objects.count() == 0


def test_submit_duplicate_co_speaker_by_name_ignores_accents_and_case():
    call = pf.open_call()
    user = pf.verified_user()
    with pytest.raises(ValidationError) as error:
        pf.submit(
            call,
            user,
            people=[
                pf.person("Ana", user.email),
                pf.person("José Pérez", "jose@example.org"),
                pf.person("jose perez", "otro@example.org"),
            ],
        )
    assert error.value.message_dict["people"] == [
        "jose perez aparece dos veces; cada persona va una sola vez."
    ]


def test_submit_refuses_two_moderators_no_speaker_and_too_many_people():
    call = pf.open_call(max_people=2)
    user = pf.verified_user()
    with pytest.raises(ValidationError) as error:
        pf.submit(
            call,
            user,
            people=[
                pf.person("Ana", user.email, role="moderator"),
                pf.person("Beto", "b@example.org", role="moderator"),
                pf.person("Carla", "c@example.org", role="moderator"),
            ],
        )
    assert error.value.message_dict["people"] == [
        "Indique al menos una persona ponente.",
        "Indique a lo sumo una persona para la moderación.",
        "Una propuesta admite hasta 2 personas (ponentes y moderación).",
    ]


def test_submit_refuses_a_session_type_the_call_does_not_take():
    call = pf.open_call()
    ceremony = factories.SessionTypeFactory(edition=call.edition, name="Ceremonia")
    call.session_types.filter(session_type=ceremony).delete()
    with pytest.raises(ValidationError) as error:
        pf.submit(call, session_type=ceremony)
    assert error.value.message_dict["session_type"] == [
        "Esta convocatoria no recibe ese tipo de sesión."
    ]


def test_submit_requires_the_submitter_among_the_people():
    call = pf.open_call()
    with pytest.raises(ValidationError) as error:
        pf.submit(call, people=[pf.person("Otra persona", "otra@example.org")])
    assert error.value.message_dict == {
        "people": ["La persona que propone debe aparecer en la propuesta."]
    }


def test_update_until_deadline_changes_people_and_invites_only_new_ones():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(
        call, user, people=[pf.person("Ana", user.email), pf.person("Beto", "beto@example.org")]
    )
    beto = proposal.people.get(email="beto@example.org")
    invitation_respond(person=beto, accept=True, actor=factories.SYSTEM)
    proposal_update(
        proposal=proposal,
        data=pf.proposal_input(call, title="Título nuevo"),
        people=[
            pf.person("Ana", user.email),
            pf.person("Beto B.", "beto@example.org"),
            pf.person("Dana", "dana@example.org"),
        ],
        answers={},
        actor=Actor.of(user),
    )
    proposal.refresh_from_db()
    assert proposal.title == "Título nuevo"
    beto.refresh_from_db()
    assert (beto.name, beto.invitation_status) == ("Beto B.", InvitationStatus.CONFIRMED)
    assert sorted(
        OutboundEmail.objects.filter(purpose="proposal.invitation").values_list("to", flat=True)
    ) == [
        "beto@example.org",
        "dana@example.org",
    ]
    assert list(proposal.events.values_list("kind", flat=True)) == [
        "submitted",
        "person_confirmed",
        "edited",
    ]


def test_update_after_deadline_is_refused():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    later = timezone.now() + dt.timedelta(days=11)
    assert proposal_can_edit(proposal, later) is False
    with pytest.raises(ValidationError) as error:
        proposal_update(
            proposal=proposal,
            data=pf.proposal_input(call, title="Tarde"),
            people=[pf.person("Ana", user.email)],
            answers={},
            actor=Actor.of(user),
            now=later,
        )
    assert "La convocatoria cerró el" in " ".join(error.value.messages)
    proposal.refresh_from_db()
    assert proposal.title == "Datos abiertos para la movilidad"


def test_update_by_someone_else_is_refused():
    call = pf.open_call()
    proposal = pf.submit(call)
    intruder = pf.verified_user()
    with pytest.raises(PermissionDenied):
        proposal_update(
            proposal=proposal,
            data=pf.proposal_input(call),
            people=[pf.person("X", intruder.email)],
            answers={},
            actor=Actor.of(intruder),
        )


def test_withdraw_records_who_and_when_and_blocks_editing():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(call, user)
    proposal_withdraw(proposal=proposal, actor=Actor.of(user))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    event = proposal.events.last()
    assert (event.kind, event.from_status, event.to_status, event.actor) == (
        "withdrawn",
        "submitted",
        "withdrawn",
        user,
    )
    assert proposal_can_edit(proposal) is False
    with pytest.raises(ValidationError):
        proposal_withdraw(proposal=proposal, actor=Actor.of(user))


def test_invitation_decline_is_recorded_and_gender_is_self_declared():
    call = pf.open_call()
    user = pf.verified_user()
    proposal = pf.submit(
        call,
        user,
        people=[pf.person("Ana", user.email), pf.person("Beto", "beto@example.org", gender="man")],
    )
    beto = proposal.people.get(email="beto@example.org")
    invitation_respond(
        person=beto, accept=False, gender="non_binary", organisation="Org B", actor=factories.SYSTEM
    )
    beto.refresh_from_db()
    assert (beto.invitation_status, beto.gender, beto.organisation) == (
        InvitationStatus.DECLINED,
        "non_binary",
        "Org B",
    )
    assert proposal.events.last().kind == "person_declined"


def test_a_negative_expected_attendance_is_refused():
    call = pf.open_call()
    attendance = pf.question(call, text="¿Cuántas personas espera en su sesión?", kind="number")
    with pytest.raises(ValidationError) as error:
        pf.submit(call, answers={attendance.pk: "-40"})
    assert error.value.message_dict == {
        f"question_{attendance.pk}": ["Escriba un número igual o mayor que 0."]
    }
    assert pf.submit(call, answers={attendance.pk: "0"}).answers.get().value == "0"


def test_a_number_question_sets_its_own_minimum_or_none():
    call = pf.open_call()
    at_least_one = pf.question(call, kind="number", min_value=Decimal("1.50"))
    any_number = pf.question(call, kind="number", min_value=None)
    with pytest.raises(ValidationError) as error:
        pf.submit(call, answers={at_least_one.pk: "1", any_number.pk: "-3"})
    assert error.value.message_dict == {
        f"question_{at_least_one.pk}": ["Escriba un número igual o mayor que 1.5."]
    }
    proposal = pf.submit(call, answers={at_least_one.pk: "2", any_number.pk: "-3"})
    assert sorted(proposal.answers.values_list("value", flat=True)) == ["-3", "2"]


def test_the_answer_model_refuses_a_number_below_the_minimum():
    call = pf.open_call()
    attendance = pf.question(call, kind="number")
    answer = pf.submit(call, answers={attendance.pk: "3"}).answers.get()
    answer.value = "-1"
    with pytest.raises(ValidationError) as error:
        answer.full_clean()
    assert error.value.message_dict == {"value": ["Escriba un número igual o mayor que 0."]}
