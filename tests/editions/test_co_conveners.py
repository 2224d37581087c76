"""Co-convening organisations apply; organisers approve; approved ones appear on the edition page."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from datacon.common.actor import Actor
from datacon.editions.models import CoConvenerApplication, EditionOrganisation
from datacon.editions.services import co_convener_apply, co_convener_decide
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), (11, 85, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _application(edition, **kwargs):
    data = {
        "edition": edition,
        "organisation_name": "Red de Datos del Sur",
        "acronym": "RDS",
        "kind": "civil_society",
        "motivation": "Difundiremos la convocatoria.",
        "contact_name": "Lucía Contacto",
        "contact_email": "lucia.privada@example.org",
    }
    data.update(kwargs)
    return CoConvenerApplication(**data)


def test_apply_through_the_public_form_keeps_contact_private(edition):
    user = pf.verified_user()
    client = Client()
    client.force_login(user)
    response = client.post(
        f"/ediciones/{edition.slug}/co-convocantes/solicitud/",
        {
            "organisation_name": "Red de Datos del Sur",
            "acronym": "RDS",
            "kind": "civil_society",
            "website": "https://rds.example.org",
            "description": "Una red.",
            "motivation": "Difundiremos la convocatoria.",
            "contact_name": "Lucía Contacto",
            "contact_email": "lucia.privada@example.org",
            "logo": SimpleUploadedFile("logo.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    application = CoConvenerApplication.objects.get()
    assert (application.status, application.applicant) == ("pending", user)
    page = Client().get(f"/ediciones/{edition.slug}/").content.decode()
    assert "Red de Datos del Sur" not in page
    account = client.get("/cuenta/").content.decode()
    assert "Red de Datos del Sur" in account and "Por revisar" in account


def test_form_with_errors_keeps_what_was_typed(edition):
    client = Client()
    client.force_login(pf.verified_user())
    response = client.post(
        f"/ediciones/{edition.slug}/co-convocantes/solicitud/",
        {
            "organisation_name": "Red Incompleta",
            "kind": "civil_society",
            "contact_email": "no-es-correo",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Red Incompleta"' in html
    assert CoConvenerApplication.objects.count() == 0


def test_approval_creates_the_organisation_with_logo_and_co_convener_role(edition):
    organiser = factories.organiser_user()
    application = co_convener_apply(
        application=_application(
            edition, logo=SimpleUploadedFile("l.png", PNG, content_type="image/png")
        ),
        actor=factories.SYSTEM,
    )
    co_convener_decide(application=application, approve=True, actor=Actor.of(organiser))
    application.refresh_from_db()
    link = EditionOrganisation.objects.get(edition=edition, role="co_convener")
    assert link.organisation == application.organisation
    assert link.organisation.logo.name.startswith("co_conveners/")
    assert (application.status, application.decided_by) == ("approved", organiser)
    page = Client().get(f"/ediciones/{edition.slug}/").content.decode()
    assert "Red de Datos del Sur" in page
    assert "Organización co-convocante" in page
    assert "lucia.privada@example.org" not in page
    assert "Lucía Contacto" not in page


def test_approval_reuses_an_existing_organisation(edition):
    existing = factories.OrganisationFactory(name="Otra", acronym="RDS")
    application = co_convener_apply(application=_application(edition), actor=factories.SYSTEM)
    co_convener_decide(application=application, approve=True, actor=factories.SYSTEM)
    assert EditionOrganisation.objects.get(role="co_convener").organisation == existing


def test_duplicate_and_archived_applications_are_refused(edition):
    co_convener_apply(application=_application(edition), actor=factories.SYSTEM)
    with pytest.raises(ValidationError):
        co_convener_apply(
            application=_application(edition, organisation_name="red de datos del sur"),
            actor=factories.SYSTEM,
        )
    archived = factories.EditionFactory(status="archived")
    with pytest.raises(ValidationError):
        co_convener_apply(application=_application(archived), actor=factories.SYSTEM)


def test_rejection_publishes_nothing_and_decisions_are_final(edition):
    application = co_convener_apply(application=_application(edition), actor=factories.SYSTEM)
    co_convener_decide(
        application=application, approve=False, actor=factories.SYSTEM, note="Fuera de tema"
    )
    assert EditionOrganisation.objects.filter(role="co_convener").count() == 0
    with pytest.raises(ValidationError):
        co_convener_decide(application=application, approve=True, actor=factories.SYSTEM)


def test_back_office_screen_approves(edition, organiser_client):
    application = co_convener_apply(application=_application(edition), actor=factories.SYSTEM)
    response = organiser_client.post(
        f"/gestion/ediciones/{edition.slug}/co-convocantes/",
        {"application": application.pk, "decision": "approve"},
    )
    assert response.status_code == 302
    assert EditionOrganisation.objects.filter(role="co_convener").count() == 1
