import pytest

from datacon.common.actor import Actor
from datacon.common.personal_data import personal_data_providers
from datacon.demand.models import InformationNeed, NeedSupport
from datacon.demand.services import need_propose, need_support
from tests import factories
from tests.demand.factories import NeedFactory

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in personal_data_providers() if p.key == "demand")


def test_export_and_erase_of_proposals_and_supports():
    user = factories.UserFactory()
    mine = need_propose(
        actor=Actor.of(user),
        title="Camas por hospital",
        description="x",
        sector="health",
        proposer_public_name="Ana",
    )
    other = NeedFactory()
    need_support(need=other, actor=Actor.of(user))
    exported = _provider().export(user)
    assert [row["titulo"] for row in exported["necesidades_propuestas"]] == ["Camas por hospital"]
    assert sorted(row["necesidad"] for row in exported["apoyos"]) == sorted(
        [mine.title, other.title]
    )
    _provider().erase(user)
    assert NeedSupport.objects.filter(user=user).count() == 0
    mine.refresh_from_db()
    assert (mine.proposer, mine.proposer_public_name) == (None, "")
    assert InformationNeed.objects.filter(pk=mine.pk).exists()  # the public record stays
