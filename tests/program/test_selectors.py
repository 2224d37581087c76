import pytest

from datacon.program.selectors import parity_figures
from tests import factories

pytestmark = pytest.mark.django_db


def test_parity_figures_count_each_person_once_and_split_moderators(edition):
    panel = factories.SessionTypeFactory(edition=edition, name="Panel")
    taller = factories.SessionTypeFactory(edition=edition, name="Taller")
    one = factories.SessionFactory(edition=edition, session_type=panel)
    two = factories.SessionFactory(edition=edition, session_type=taller)
    woman = factories.PersonFactory(gender="woman")
    man = factories.PersonFactory(gender="man")
    undeclared = factories.PersonFactory(gender="")
    non_binary = factories.PersonFactory(gender="non_binary")
    factories.ParticipationFactory(session=one, person=woman, role="panelist")
    factories.ParticipationFactory(
        session=two, person=woman, role="workshop_leader"
    )  # same person again
    factories.ParticipationFactory(session=one, person=man, role="panelist")
    factories.ParticipationFactory(session=two, person=undeclared, role="speaker")
    factories.ParticipationFactory(session=one, person=non_binary, role="moderator")
    factories.ParticipationFactory(
        session=one, person=factories.PersonFactory(gender="man"), role="rapporteur"
    )

    figures = parity_figures(edition=edition)

    speakers = figures.speakers
    assert (speakers.women, speakers.men, speakers.other, speakers.undeclared) == (1, 1, 0, 1)
    assert speakers.women_share == 33.3
    assert (figures.moderators.other, figures.moderators.total) == (1, 1)
    assert [
        (row.label, row.women, row.men, row.other, row.undeclared)
        for row in figures.by_session_type
    ] == [
        ("Panel", 1, 1, 1, 0),
        ("Taller", 1, 0, 0, 1),
    ]


def test_parity_figures_ignore_draft_sessions(edition):
    draft = factories.SessionFactory(edition=edition, status="draft")
    factories.ParticipationFactory(session=draft, person=factories.PersonFactory(gender="woman"))
    assert parity_figures(edition=edition).speakers.total == 0
