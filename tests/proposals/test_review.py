"""Review: assignments, conflicts, anonymisation, scores within the scale."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from datacon.common.actor import Actor
from datacon.proposals.models import Review, ReviewAssignment, ReviewCriterion, ReviewTeam
from datacon.proposals.services import (
    assignment_create,
    assignments_from_teams,
    conflict_declare,
    review_save,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db

SECRETS = (
    "Ana Secreta",
    "Organización Confidencial",
    "ana.secreta@correo.example",
    "Beto Oculto",
    "Empresa Escondida",
    "beto.oculto@correo.example",
)


def _secret_proposal(call):
    submitter = pf.verified_user(email="ana.secreta@correo.example", username="ana-secreta")
    return pf.submit(
        call,
        submitter,
        title="Un título sin nombres",
        people=[
            pf.person(
                "Ana Secreta",
                submitter.email,
                organisation="Organización Confidencial",
                gender="woman",
            ),
            pf.person(
                "Beto Oculto",
                "beto.oculto@correo.example",
                organisation="Empresa Escondida",
                gender="man",
            ),
        ],
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _scores(call, values):
    criteria = list(ReviewCriterion.objects.filter(edition=call.edition))
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def test_call_creation_seeds_the_memoria_criteria():
    call = pf.open_call()
    assert list(
        ReviewCriterion.objects.filter(edition=call.edition).values_list(
            "name", "scale_min", "scale_max"
        )
    ) == [
        ("Mérito", 1, 5),
        ("Innovación", 1, 5),
        ("Contribución a la agenda de datos abiertos", 1, 5),
        ("Pertinencia para la audiencia", 1, 5),
    ]


def test_reviewer_never_sees_names_or_organisations_under_anonymisation():
    call = pf.open_call(anonymous_review=True)
    proposal = _secret_proposal(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    client = _client(reviewer)
    pages = [
        client.get("/gestion/revision/").content.decode(),
        client.get(f"/gestion/revision/{assignment.pk}/").content.decode(),
        client.get(f"/en/gestion/revision/{assignment.pk}/").content.decode(),
        # The public API has nothing about proposals either.
        client.get("/api/v1/openapi.json").content.decode(),
        client.get(f"/api/v1/schedule-versions/?edition={call.edition.slug}").content.decode(),
    ]
    assert "Un título sin nombres" in pages[1]
    assert "2 ponentes" in pages[1]
    for html in pages:
        for secret in SECRETS:
            assert secret not in html


def test_reviewer_sees_names_but_never_emails_or_gender_without_anonymisation():
    call = pf.open_call(anonymous_review=False)
    proposal = _secret_proposal(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    html = _client(reviewer).get(f"/gestion/revision/{assignment.pk}/").content.decode()
    assert "Ana Secreta" in html
    assert "Organización Confidencial" in html
    assert "ana.secreta@correo.example" not in html
    assert "Mujer" not in html


def test_answers_hidden_from_reviewers_stay_hidden():
    call = pf.open_call()
    hidden = pf.question(call, text="¿Quién financia?", show_to_reviewers=False)
    shown = pf.question(call, text="¿Nivel?")
    proposal = pf.submit(call, answers={hidden.pk: "Fundación Reveladora", shown.pk: "Básico"})
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    html = _client(reviewer).get(f"/gestion/revision/{assignment.pk}/").content.decode()
    assert "Básico" in html
    assert "Fundación Reveladora" not in html


def test_reviewer_cannot_open_someone_elses_assignment():
    call = pf.open_call()
    proposal = pf.submit(call)
    mine = pf.reviewer_user()
    other = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=other, actor=factories.SYSTEM)
    # Someone else's assignment is a refusal (403), on the page and in the service.
    assert _client(mine).get(f"/gestion/revision/{assignment.pk}/").status_code == 403
    with pytest.raises(PermissionDenied):
        review_save(
            assignment=assignment,
            scores=_scores(call, [3, 3, 3, 3]),
            comment="",
            actor=Actor.of(mine),
        )


def test_declared_conflict_hides_the_proposal_and_drops_the_review():
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    review_save(
        assignment=assignment,
        scores=_scores(call, [5, 5, 5, 5]),
        comment="",
        actor=Actor.of(reviewer),
    )
    client = _client(reviewer)
    response = client.post(
        f"/gestion/revision/{assignment.pk}/conflicto/", {"note": "Colega", "confirm": "yes"}
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.conflict_declared, assignment.conflict_note) == (True, "Colega")
    assert Review.objects.count() == 0
    assert client.get(f"/gestion/revision/{assignment.pk}/").status_code == 404
    assert proposal.title not in client.get("/gestion/revision/").content.decode()


def test_conflict_without_the_confirmation_box_changes_nothing():
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    review_save(
        assignment=assignment,
        scores=_scores(call, [5, 5, 5, 5]),
        comment="",
        actor=Actor.of(reviewer),
    )
    client = _client(reviewer)
    response = client.post(
        f"/gestion/revision/{assignment.pk}/conflicto/", {"note": "Colega"}, follow=True
    )
    assignment.refresh_from_db()
    assert assignment.conflict_declared is False
    assert Review.objects.count() == 1
    assert "Marque la casilla de confirmación" in response.content.decode()


def test_organiser_withdraws_a_conflict_and_the_reviewer_scores_again(organiser_client):
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    client = _client(reviewer)
    client.post(f"/gestion/revision/{assignment.pk}/conflicto/", {"confirm": "yes"})
    response = organiser_client.post(
        f"/gestion/ediciones/{call.edition.slug}/propuestas/asignar/",
        {"action": "reopen", "assignment": assignment.pk},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.conflict_declared, assignment.conflict_declared_at) == (False, None)
    assert client.get(f"/gestion/revision/{assignment.pk}/").status_code == 200
    review_save(
        assignment=assignment,
        scores=_scores(call, [4, 4, 4, 4]),
        comment="",
        actor=Actor.of(reviewer),
    )
    assert Review.objects.count() == 1


def test_score_outside_the_scale_gets_a_clear_message_and_keeps_the_rest():
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    criteria = list(ReviewCriterion.objects.filter(edition=call.edition))
    data = {f"criterion_{c.pk}": v for c, v in zip(criteria, ["4", "9", "2", "5"], strict=True)}
    data["comment"] = "Mi comentario detallado"
    response = _client(reviewer).post(f"/gestion/revision/{assignment.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "La puntuación de «Innovación» debe estar entre 1 y 5." in html
    assert "Mi comentario detallado" in html
    assert (
        f'name="criterion_{criteria[0].pk}" value="4" class="score-options" required id="id_criterion_{criteria[0].pk}_3" checked'
        in html
    )
    assert (
        f'name="criterion_{criteria[3].pk}" value="5" class="score-options" required id="id_criterion_{criteria[3].pk}_4" checked'
        in html
    )
    assert Review.objects.count() == 0


def test_review_service_refuses_out_of_scale_and_missing_scores():
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    criteria = list(ReviewCriterion.objects.filter(edition=call.edition))
    scores = {criteria[0].pk: 0, criteria[1].pk: 6, criteria[2].pk: 3}
    with pytest.raises(ValidationError) as error:
        review_save(assignment=assignment, scores=scores, comment="", actor=Actor.of(reviewer))
    assert error.value.message_dict == {
        f"criterion_{criteria[0].pk}": ["La puntuación de «Mérito» debe estar entre 1 y 5."],
        f"criterion_{criteria[1].pk}": ["La puntuación de «Innovación» debe estar entre 1 y 5."],
        f"criterion_{criteria[3].pk}": ["Califique «Pertinencia para la audiencia»."],
    }


def test_review_can_be_corrected_while_under_review_and_not_after_a_decision():
    from datacon.proposals.services import proposal_decide

    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    review_save(
        assignment=assignment,
        scores=_scores(call, [1, 1, 1, 1]),
        comment="a",
        actor=Actor.of(reviewer),
    )
    review_save(
        assignment=assignment,
        scores=_scores(call, [2, 3, 4, 5]),
        comment="b",
        actor=Actor.of(reviewer),
    )
    review = Review.objects.get()
    assert sorted(review.scores.values_list("value", flat=True)) == [2, 3, 4, 5]
    assert review.comment == "b"
    proposal_decide(
        proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
    )
    with pytest.raises(ValidationError):
        review_save(
            assignment=assignment,
            scores=_scores(call, [5, 5, 5, 5]),
            comment="",
            actor=Actor.of(reviewer),
        )


def test_nobody_reviews_a_proposal_they_are_on():
    call = pf.open_call()
    reviewer = pf.reviewer_user()
    user = pf.verified_user()
    proposal = pf.submit(
        call, user, people=[pf.person("Ana", user.email), pf.person("Rev", reviewer.email)]
    )
    with pytest.raises(ValidationError):
        assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)


def test_teams_assign_by_session_type_and_skip_own_proposals():
    call = pf.open_call()
    panel_type = call.edition.session_types.get(slug="panel")
    workshops = call.edition.session_types.get(slug="taller")
    everyone = ReviewTeam.objects.create(edition=call.edition, name="General")
    workshop_team = ReviewTeam.objects.create(edition=call.edition, name="Talleres")
    workshop_team.session_types.set([workshops])
    general_reviewer = pf.reviewer_user()
    workshop_reviewer = pf.reviewer_user()
    everyone.members.set([general_reviewer])
    workshop_team.members.set([workshop_reviewer])
    panel = pf.submit(call, session_type=panel_type)
    workshop = pf.submit(call, session_type=workshops)
    own = pf.submit(call, general_reviewer, session_type=panel_type)
    assert assignments_from_teams(edition=call.edition, actor=factories.SYSTEM) == 3
    assert assignments_from_teams(edition=call.edition, actor=factories.SYSTEM) == 0
    pairs = set(ReviewAssignment.objects.values_list("proposal_id", "reviewer_id"))
    assert pairs == {
        (panel.pk, general_reviewer.pk),
        (workshop.pk, general_reviewer.pk),
        (workshop.pk, workshop_reviewer.pk),
    }
    assert own.pk not in {p for p, _r in pairs}


def test_conflict_declared_only_by_the_reviewer():
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    with pytest.raises(PermissionDenied):
        conflict_declare(assignment=assignment, note="", actor=Actor.of(factories.organiser_user()))


def test_reviewers_judge_the_proposal_not_people_they_cannot_see():
    # The review is anonymous: no criterion asks about the proponents' track record.
    call = pf.open_call()
    proposal = pf.submit(call)
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM)
    html = _client(reviewer).get(f"/gestion/revision/{assignment.pk}/").content.decode()
    merit = ReviewCriterion.objects.get(edition=call.edition, name="Mérito")
    assert merit.description in html
    assert "trayectoria" not in html.lower()


def test_the_migration_rewords_the_seeded_merit_text_and_keeps_a_reworded_one():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "datacon.proposals.migrations.0003_merit_criterion_judges_content"
    )
    seeded = pf.open_call()
    other = pf.open_call()
    ReviewCriterion.objects.filter(edition=seeded.edition, name="Mérito").update(
        description=migration.OLD
    )
    ReviewCriterion.objects.filter(edition=other.edition, name="Mérito").update(
        description="Texto propio del comité."
    )
    migration.merit_judges_content(apps, None)
    descriptions = dict(
        ReviewCriterion.objects.filter(name="Mérito").values_list("edition_id", "description")
    )
    assert descriptions == {
        seeded.edition.pk: migration.NEW,
        other.edition.pk: "Texto propio del comité.",
    }


def test_a_reviewer_sees_their_reviews_on_their_participant_page(django_assert_max_num_queries):
    """Issue 15.1: everyone with a role in an edition has a participant page, reviewers too
    (they hold review assignments, not participations): editions, reviews sent, conflicts."""
    call = pf.open_call(anonymous_review=True)
    reviewer = pf.reviewer_user()
    first, second = _secret_proposal(call), pf.submit(call, pf.verified_user(), title="Otra")
    done = assignment_create(proposal=first, reviewer=reviewer, actor=factories.SYSTEM)
    conflicted = assignment_create(proposal=second, reviewer=reviewer, actor=factories.SYSTEM)
    review_save(
        assignment=done, scores=_scores(call, [4, 4, 4, 4]), comment="", actor=Actor.of(reviewer)
    )
    conflict_declare(assignment=conflicted, note="Trabajo ahí", actor=Actor.of(reviewer))
    client = _client(reviewer)
    with django_assert_max_num_queries(20):
        html = client.get("/cuenta/participaciones/").content.decode()
    facts = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", html)
    assert facts == [
        ("Propuestas asignadas", "2"),
        ("Revisiones enviadas", "1"),
        ("Conflictos de interés declarados", "1"),
    ]
    assert 'href="/gestion/revision/"' in html
    assert "Un título sin nombres" not in html  # the page counts; the queue shows proposals
    nobody = _client(pf.verified_user(email="sin.revision@example.org", username="sin-rev"))
    assert "Mis revisiones" not in nobody.get("/cuenta/participaciones/").content.decode()
