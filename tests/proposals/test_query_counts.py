"""Every list of the capability runs the same number of queries for few and for many rows."""

import datetime as dt

import pytest
from django.test import Client

from datacon.common.actor import Actor
from datacon.editions.models import CoConvenerApplication, VenueCandidate
from datacon.editions.services import (
    co_convener_apply,
    venue_candidate_save,
    venue_candidate_scores_save,
)
from datacon.program.publication import schedule_publish
from datacon.program.schedule import placement_set
from datacon.proposals.models import ReviewCriterion
from datacon.proposals.services import (
    assignment_create,
    invitation_respond,
    proposal_decide,
    review_save,
)
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db

STATES = ["01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13"]


class World:
    """An edition that grows: proposals with people, reviews, decisions, placements, versions."""

    def __init__(self) -> None:
        self.edition = factories.EditionFactory()
        self.call = pf.open_call(self.edition)
        self.venue = factories.VenueFactory(
            edition=self.edition, opens_at=dt.time(8, 0), closes_at=dt.time(20, 0)
        )
        self.reviewers = [pf.reviewer_user(), pf.reviewer_user()]
        self.proponent = pf.verified_user()
        self.criteria = list(ReviewCriterion.objects.filter(edition=self.edition))
        self.count = 0

    def grow(self, n: int) -> None:
        for _ in range(n):
            i = self.count = self.count + 1
            proposal = pf.submit(
                self.call,
                self.proponent,
                title=f"Propuesta {i}",
                people=[
                    pf.person("Proponente", self.proponent.email, gender="woman"),
                    pf.person(f"Coponente {i}", f"co{i}@example.org", gender="man"),
                    pf.person(f"Modera {i}", f"mod{i}@example.org", role="moderator"),
                ],
            )
            invitation_respond(
                person=proposal.people.get(email=f"co{i}@example.org"),
                accept=True,
                actor=factories.SYSTEM,
            )
            for reviewer in self.reviewers:
                assignment = assignment_create(
                    proposal=proposal, reviewer=reviewer, actor=factories.SYSTEM
                )
                review_save(
                    assignment=assignment,
                    scores={c.pk: 1 + (i + c.pk) % 5 for c in self.criteria},
                    comment="ok",
                    actor=Actor.of(reviewer),
                )
            proposal_decide(
                proposal=proposal, decision="accepted", actor=factories.SYSTEM, without_reviews=True
            )
            proposal.refresh_from_db()
            room = factories.RoomFactory(venue=self.venue, name=f"Sala {i}")
            starts = factories.at(self.edition, 1, 10)
            placement_set(
                session=proposal.session,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=1),
                venue=self.venue,
                room=room,
                expected_audience=10,
                actor=factories.SYSTEM,
                accept_warnings=True,  # the proponent is on every panel: warnings by design
            )
            co_convener_apply(
                application=CoConvenerApplication(
                    edition=self.edition,
                    organisation_name=f"Organización {i}",
                    kind="civil_society",
                    motivation="x",
                    contact_name="c",
                    contact_email=f"c{i}@example.org",
                ),
                actor=factories.SYSTEM,
            )
            candidate = venue_candidate_save(
                candidate=VenueCandidate(edition=self.edition, state=STATES[i]),
                actor=factories.SYSTEM,
            )
            venue_candidate_scores_save(
                candidate=candidate,
                scores={
                    "willingness": {"score": 3},
                    "advances": {"score": 4},
                    "community": {"score": 5},
                },
                actor=factories.SYSTEM,
            )
        schedule_publish(edition=self.edition, actor=factories.SYSTEM)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _counts(count_queries, client, url):
    def fetch():
        response = client.get(url)
        assert response.status_code == 200, url

    return count_queries(fetch)


@pytest.mark.parametrize(
    "path",
    [
        "/gestion/ediciones/{slug}/propuestas/",
        "/gestion/ediciones/{slug}/clasificacion/",
        "/gestion/ediciones/{slug}/clasificacion/?orden=mediana",
        "/gestion/ediciones/{slug}/paridad/",
        "/gestion/ediciones/{slug}/programa/",
        "/gestion/ediciones/{slug}/programa/publicar/",
        "/gestion/ediciones/{slug}/co-convocantes/",
        "/gestion/ediciones/{slug}/sedes-candidatas/",
        "/gestion/bandeja/?estado=all",
        "/gestion/convocatorias/",
    ],
)
def test_organiser_lists_do_not_grow_with_rows(count_queries, organiser_user, path):
    world = World()
    client = _client(organiser_user)
    url = path.format(slug=world.edition.slug)
    world.grow(2)
    small = _counts(count_queries, client, url)
    world.grow(4)
    large = _counts(count_queries, client, url)
    assert small == large


def test_reviewer_queue_does_not_grow_with_rows(count_queries):
    world = World()
    client = _client(world.reviewers[0])
    world.grow(2)
    small = _counts(count_queries, client, "/gestion/revision/")
    world.grow(4)
    assert _counts(count_queries, client, "/gestion/revision/") == small


@pytest.mark.parametrize(
    "path",
    [
        "/cuenta/propuestas/",
        "/cuenta/",
        "/ediciones/{slug}/programa/cambios/",
        "/api/v1/schedule-versions/?edition={slug}",
    ],
)
def test_public_and_account_lists_do_not_grow_with_rows(count_queries, path):
    world = World()
    client = _client(world.proponent)
    url = path.format(slug=world.edition.slug)
    world.grow(2)
    small = _counts(count_queries, client, url)
    world.grow(4)
    # A new version moves the public versions: the page is rendered again, not cached.
    assert _counts(count_queries, client, url) == small
