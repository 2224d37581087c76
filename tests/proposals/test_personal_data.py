"""ARCO: what the call for proposals holds about an account, exported and erased."""

import pytest

from datacon.common.actor import Actor
from datacon.common.personal_data import personal_data_providers
from datacon.proposals.models import Proposal, ProposalPerson, Review
from datacon.proposals.services import assignment_create, review_save
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in personal_data_providers() if p.key == "proposals")


def test_export_and_erase_the_accounts_proposal_data():
    call = pf.open_call()
    user = pf.verified_user(email="ana@example.org", username="ana")
    other = pf.verified_user()
    mine = pf.submit(call, user, people=[pf.person("Ana Privada", user.email, gender="woman")])
    theirs = pf.submit(
        call, other, people=[pf.person("Otro", other.email), pf.person("Ana P.", "ANA@example.org")]
    )
    reviewer = pf.reviewer_user()
    assignment = assignment_create(proposal=theirs, reviewer=reviewer, actor=factories.SYSTEM)
    review_save(
        assignment=assignment,
        scores={c.pk: 3 for c in call.edition.review_criteria.all()},
        comment="Privado",
        actor=Actor.of(reviewer),
    )

    data = _provider().export(user)
    assert [p["referencia"] for p in data["propuestas_enviadas"]] == [mine.reference]
    assert sorted(p["nombre"] for p in data["apariciones_en_propuestas"]) == [
        "Ana P.",
        "Ana Privada",
    ]
    assert _provider().export(reviewer)["revisiones"][0]["comentario"] == "Privado"

    _provider().erase(user)
    _provider().erase(reviewer)
    assert ProposalPerson.objects.filter(email__in=["ana@example.org"]).count() == 0
    assert set(
        ProposalPerson.objects.filter(name="Persona eliminada").values_list("gender", flat=True)
    ) == {""}
    assert Proposal.objects.get(pk=mine.pk).submitter is None
    review = Review.objects.get()
    assert (review.comment, review.scores.count()) == ("", 4)
