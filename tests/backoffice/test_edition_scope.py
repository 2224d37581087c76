"""An organiser of one edition works on that edition only.

With an EditionRole "organiser" for edition B (and no platform-wide group),
every screen of edition A answers 403, the screens of B open, and the lists
(the back office's start page, the calls) show B only.
"""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.editions.models_access import EditionRole
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db

EDITION_SCREENS = (
    "ediciones/{slug}/convocatoria/",
    "ediciones/{slug}/convocatoria/ajustes/",
    "ediciones/{slug}/propuestas/",
    "ediciones/{slug}/clasificacion/",
    "ediciones/{slug}/paridad/",
    "ediciones/{slug}/programa/",
    "ediciones/{slug}/programa/publicar/",
    "ediciones/{slug}/co-convocantes/",
    "ediciones/{slug}/sedes-candidatas/",
    "ediciones/{slug}/funciones/",
)


@pytest.fixture
def two_editions():  # type: ignore[no-untyped-def]
    edition_a = factories.EditionFactory(title="Edición A")
    edition_b = factories.EditionFactory(title="Edición B")
    pf.open_call(edition_a)
    pf.open_call(edition_b)
    organiser_b = factories.UserFactory(is_staff=True)
    EditionRole.objects.create(edition=edition_b, user=organiser_b, duty="organiser")
    client = Client()
    client.force_login(organiser_b)
    return edition_a, edition_b, client


def test_an_organiser_of_another_edition_gets_403_on_every_screen_of_this_one(two_editions):
    edition_a, edition_b, client = two_editions
    answers_a = {
        path: client.get("/gestion/" + path.format(slug=edition_a.slug)).status_code
        for path in EDITION_SCREENS
    }
    answers_b = {
        path: client.get("/gestion/" + path.format(slug=edition_b.slug)).status_code
        for path in EDITION_SCREENS
    }
    assert answers_a == dict.fromkeys(EDITION_SCREENS, 403)
    assert answers_b == dict.fromkeys(EDITION_SCREENS, 200)


def test_a_proposal_of_another_edition_is_refused(two_editions):
    edition_a, _edition_b, client = two_editions
    proposal = pf.submit(edition_a.call)
    url = f"/gestion/ediciones/{edition_a.slug}/propuestas/{proposal.pk}/"
    assert client.get(url).status_code == 403


def test_lists_show_only_the_editions_they_may_act_on(two_editions):
    _edition_a, _edition_b, client = two_editions
    home = client.get("/gestion/")
    calls = client.get("/gestion/convocatorias/")
    assert (home.status_code, calls.status_code) == (200, 200)
    assert ("Edición B" in home.content.decode(), "Edición A" in home.content.decode()) == (
        True,
        False,
    )
    assert ("Edición B" in calls.content.decode(), "Edición A" in calls.content.decode()) == (
        True,
        False,
    )


def test_the_platforms_organisers_see_every_edition(two_editions, organiser_client):
    home = organiser_client.get("/gestion/").content.decode()
    assert ("Edición A" in home, "Edición B" in home) == (True, True)
