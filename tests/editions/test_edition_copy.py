"""A new edition from the last one: settings, session types, call, criteria, teams, templates; no proposals."""

import datetime as dt

import pytest

from datacon.common.actor import Actor
from datacon.editions.copying import edition_new_from
from datacon.proposals.models import (
    Call,
    EmailTemplate,
    Proposal,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.services import email_template_save
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def test_new_edition_copies_configuration_but_not_proposals():
    source = factories.EditionFactory(timezone="America/Cancun", hashtag="#DATACON")
    call = pf.open_call(source, anonymous_review=False, max_people=4)
    pf.submit(call)
    pf.question(call, text="¿Nivel?", kind="choice", choices="A\nB", required=True)
    track = Track.objects.create(edition=source, name="Salud")
    team = ReviewTeam.objects.create(edition=source, name="Talleres")
    reviewer = pf.reviewer_user()
    team.members.set([reviewer])
    team.session_types.set([source.session_types.get(slug="taller")])
    team.tracks.set([track])
    criterion = ReviewCriterion.objects.get(edition=source, name="Mérito")
    criterion.weight = 3
    criterion.save()
    template = EmailTemplate.objects.get(edition=source, kind="accepted")
    template.subject = "Personalizado {titulo}"
    email_template_save(template=template, actor=factories.SYSTEM)
    factories.VenueFactory(edition=source)

    start = source.start_date.replace(year=source.year + 1)
    new = edition_new_from(
        source=source,
        number=source.number + 1,
        year=source.year + 1,
        title="Siguiente",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        actor=Actor.of(factories.organiser_user()),
    )
    assert (new.status, new.timezone, new.organiser, new.hashtag) == (
        "draft",
        "America/Cancun",
        source.organiser,
        "#DATACON",
    )
    assert set(new.session_types.values_list("slug", flat=True)) == set(
        source.session_types.values_list("slug", flat=True)
    )
    new_call = Call.objects.get(edition=new)
    shift = start - source.start_date
    assert (new_call.opens_at, new_call.closes_at) == (
        call.opens_at + shift,
        call.closes_at + shift,
    )
    assert (new_call.anonymous_review, new_call.max_people) == (False, 4)
    assert set(new_call.session_types.values_list("session_type__edition", flat=True)) == {new.pk}
    assert list(Question.objects.filter(call=new_call).values_list("text", "required")) == [
        ("¿Nivel?", True)
    ]
    assert ReviewCriterion.objects.get(edition=new, name="Mérito").weight == 3
    assert ReviewCriterion.objects.filter(edition=new).count() == 4
    assert (
        EmailTemplate.objects.get(edition=new, kind="accepted").subject == "Personalizado {titulo}"
    )
    new_team = ReviewTeam.objects.get(edition=new)
    assert list(new_team.members.all()) == [reviewer]
    assert [t.edition_id for t in new_team.session_types.all()] == [new.pk]
    assert [t.name for t in new_team.tracks.all()] == ["Salud"]
    assert new_team.tracks.get().edition == new
    assert Proposal.objects.filter(edition=new).count() == 0
    assert new.venues.count() == 0


def test_back_office_form_refuses_a_taken_year_and_keeps_input(organiser_client):
    source = factories.EditionFactory()
    response = organiser_client.post(
        "/gestion/convocatorias/nueva-edicion/",
        {"source": source.pk, "number": 77, "year": source.year, "title": "Título que escribí"},
    )
    html = response.content.decode()
    assert "Ya existe una edición de ese año." in html
    assert 'value="Título que escribí"' in html


def test_back_office_form_creates_the_edition(organiser_client):
    source = factories.EditionFactory()
    pf.open_call(source)
    response = organiser_client.post(
        "/gestion/convocatorias/nueva-edicion/",
        {
            "source": source.pk,
            "number": 30000,
            "year": 2199,  # the form takes years up to 2200
            "title": "Futura",
        },
    )
    assert response.status_code == 302
    assert Call.objects.filter(edition__title="Futura").count() == 1
