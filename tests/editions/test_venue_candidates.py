"""Candidate states for an edition, scored on the memoria's three criteria, side by side."""

import pytest
from django.core.exceptions import ValidationError

from datacon.editions.models import VenueCandidate, VenueCandidateScore
from datacon.editions.services import (
    venue_candidate_save,
    venue_candidate_scores_save,
    venue_candidate_status_set,
)
from datacon.editions.venue_selectors import venue_comparison
from tests import factories

pytestmark = pytest.mark.django_db


def _candidate(edition, state, scores):
    candidate = venue_candidate_save(
        candidate=VenueCandidate(edition=edition, state=state), actor=factories.SYSTEM
    )
    venue_candidate_scores_save(
        candidate=candidate,
        scores={k: {"score": v, "evidence": f"evidencia {k}"} for k, v in scores.items()},
        actor=factories.SYSTEM,
    )
    return candidate


def test_comparison_totals_orders_and_flags_states_already_used(edition):
    past = factories.EditionFactory()
    factories.VenueFactory(edition=past, state="14")
    jalisco = _candidate(edition, "14", {"willingness": 4, "advances": 4, "community": 5})
    yucatan = _candidate(edition, "31", {"willingness": 5, "advances": 3, "community": None})
    comparison = venue_comparison(edition=edition)
    assert [c.candidate for c in comparison.columns] == [jalisco, yucatan]
    assert [(c.total, c.complete) for c in comparison.columns] == [(13, True), (8, False)]
    assert comparison.columns[0].past_editions == [str(past.year)]
    assert comparison.columns[1].past_editions == []
    assert [label for _key, label, _cells in comparison.rows()] == [
        "Disposición del Organismo Garante Local y del gobierno del estado",
        "Avances y buenas prácticas en datos abiertos",
        "Comunidad activa de personas usuarias de datos",
    ]
    assert [cell.score if cell else None for cell in comparison.rows()[2][2]] == [5, None]


def test_score_outside_one_to_five_is_refused_and_nothing_saved(edition):
    candidate = _candidate(edition, "14", {"willingness": 3, "advances": 3, "community": 3})
    with pytest.raises(ValidationError) as error:
        venue_candidate_scores_save(
            candidate=candidate,
            scores={
                "willingness": {"score": 9},
                "advances": {"score": 2},
                "community": {"score": 2},
            },
            actor=factories.SYSTEM,
        )
    assert error.value.message_dict == {
        "willingness-score": ["La puntuación debe estar entre 1 y 5."]
    }
    assert sorted(VenueCandidateScore.objects.values_list("score", flat=True)) == [3, 3, 3]


def test_selecting_one_candidate_sets_the_previous_choice_back(edition):
    a = _candidate(edition, "14", {})
    b = _candidate(edition, "31", {})
    venue_candidate_status_set(candidate=a, status="selected", actor=factories.SYSTEM)
    venue_candidate_status_set(candidate=b, status="selected", actor=factories.SYSTEM)
    a.refresh_from_db()
    assert (a.status, b.status) == ("candidate", "selected")


def test_same_state_twice_is_refused(edition):
    _candidate(edition, "14", {})
    with pytest.raises(ValidationError):
        venue_candidate_save(
            candidate=VenueCandidate(edition=edition, state="14"), actor=factories.SYSTEM
        )


def test_back_office_scoring_keeps_typed_values_on_error(edition, organiser_client):
    candidate = _candidate(edition, "14", {})
    response = organiser_client.post(
        f"/gestion/ediciones/{edition.slug}/sedes-candidatas/{candidate.pk}/",
        {
            "willingness-score": "7",
            "willingness-evidence": "Carta del OGL",
            "advances-score": "4",
            "advances-evidence": "Portal estatal",
            "community-score": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "La puntuación debe estar entre 1 y 5." in html
    assert "Carta del OGL" in html and "Portal estatal" in html
    assert 'value="7"' in html
    page = organiser_client.get(
        f"/gestion/ediciones/{edition.slug}/sedes-candidatas/"
    ).content.decode()
    assert "Jalisco" in page
