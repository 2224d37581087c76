"""Edition services refuse whoever does not organise the edition (PermissionDenied, a 403).

An EditionRole "organiser" grants one edition; the platform's group grants them
all; the system (loaders) passes.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from datacon.common.actor import Actor
from datacon.editions.copying import edition_new_from
from datacon.editions.models import CoConvenerApplication, CoConvenerStatus, Edition, VenueCandidate
from datacon.editions.models_access import EditionRole
from datacon.editions.services import (
    co_convener_decide,
    edition_status_set,
    venue_candidate_save,
)
from datacon.people.models_privacy import PrivacyNotice
from datacon.people.privacy_services import privacy_notice_publish, privacy_notice_save
from tests import factories
from tests.registration.factories import notice_fields

pytestmark = pytest.mark.django_db


def _organiser_of(edition):  # type: ignore[no-untyped-def]
    user = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=user, duty="organiser")
    return user


def _application(edition):  # type: ignore[no-untyped-def]
    return CoConvenerApplication.objects.create(
        edition=edition,
        organisation_name="Red de Datos del Sur",
        kind="civil_society",
        motivation="Difundiremos la convocatoria.",
        contact_name="Lucía Contacto",
        contact_email="lucia.privada@example.org",
    )


def test_an_organiser_of_another_edition_is_refused_everywhere_in_this_one():
    edition = factories.EditionFactory()
    outsider = Actor.of(_organiser_of(factories.EditionFactory()))
    application = _application(edition)
    with pytest.raises(PermissionDenied):
        co_convener_decide(application=application, approve=True, actor=outsider)
    with pytest.raises(PermissionDenied):
        edition_status_set(edition=edition, status="published", actor=outsider)
    with pytest.raises(PermissionDenied):
        venue_candidate_save(candidate=VenueCandidate(edition=edition, state="YUC"), actor=outsider)
    application.refresh_from_db()
    assert (application.status, Edition.objects.get(pk=edition.pk).status) == (
        CoConvenerStatus.PENDING,
        edition.status,
    )
    assert VenueCandidate.objects.filter(edition=edition).count() == 0


def test_the_editions_own_organiser_decides():
    edition = factories.EditionFactory()
    decided = co_convener_decide(
        application=_application(edition), approve=False, actor=Actor.of(_organiser_of(edition))
    )
    assert decided.status == CoConvenerStatus.REJECTED


def test_a_new_edition_needs_the_platforms_organisers():
    source = factories.EditionFactory()
    with pytest.raises(PermissionDenied):
        edition_new_from(
            source=source,
            number=source.number + 1,
            year=source.year + 1,
            title="Siguiente",
            actor=Actor.of(_organiser_of(source)),
        )
    assert Edition.objects.filter(title="Siguiente").count() == 0


def test_privacy_notices_of_an_edition_are_for_its_organisers_and_the_platforms_for_the_platform():
    edition = factories.EditionFactory()
    own = Actor.of(_organiser_of(edition))
    draft = privacy_notice_save(notice=PrivacyNotice(edition=edition, **notice_fields()), actor=own)
    assert privacy_notice_publish(notice=draft, actor=own).version == 1
    platform_draft = PrivacyNotice(edition=None, **notice_fields())
    with pytest.raises(PermissionDenied):
        privacy_notice_save(notice=platform_draft, actor=own)
    with pytest.raises(PermissionDenied):
        privacy_notice_save(
            notice=PrivacyNotice(edition=edition, **notice_fields()),
            actor=Actor.of(_organiser_of(factories.EditionFactory())),
        )
