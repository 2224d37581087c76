"""Privacy: versioned notices, consent at sign-up, and the ARCO rights exercised by the person."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.people.models_privacy import Consent, PrivacyNotice, UseObjection
from datacon.people.privacy_selectors import (
    personal_data_collect,
    privacy_notice_current,
    use_allowed,
)
from datacon.people.privacy_services import (
    privacy_notice_new_draft,
    privacy_notice_publish,
    privacy_notice_save,
    use_objections_set,
)
from datacon.registration.models import Registration
from tests import factories
from tests.registration.factories import (
    attendee_user,
    notice_fields,
    published_notice,
    register,
    registration_edition,
    signup,
    workshop,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- notices -------------------------------------------------------------------------------


def test_notices_are_versioned_per_series_and_frozen_once_published(edition):
    platform_v1 = published_notice()
    edition_v1 = published_notice(edition)
    edition_v2 = published_notice(edition, short_text="Cambio de finalidades.")
    assert (platform_v1.version, edition_v1.version, edition_v2.version) == (1, 1, 2)
    assert privacy_notice_current(edition=edition) == edition_v2
    assert privacy_notice_current(edition=None) == platform_v1
    edition_v1.short_text = "Reescritura a escondidas"
    with pytest.raises(ValidationError) as error:
        privacy_notice_save(notice=edition_v1, actor=factories.SYSTEM)
    assert "Cree una nueva versión" in error.value.messages[0]
    assert PrivacyNotice.objects.get(pk=edition_v1.pk).short_text != "Reescritura a escondidas"
    with pytest.raises(ValidationError):
        privacy_notice_publish(notice=edition_v1, actor=factories.SYSTEM)


def test_new_version_starts_as_a_draft_copy(edition):
    current = published_notice(edition)
    draft = privacy_notice_new_draft(source=current, actor=factories.SYSTEM)
    assert (draft.version, draft.published_at, draft.short_text) == (None, None, current.short_text)
    draft.changes_summary = "Se agrega una transferencia."
    privacy_notice_save(notice=draft, actor=factories.SYSTEM)
    assert privacy_notice_publish(notice=draft, actor=factories.SYSTEM).version == 2


def test_notice_page_shows_every_part_and_older_versions(client, edition):
    published_notice(edition, responsible_body="Instituto Responsable Uno")
    published_notice(
        edition, responsible_body="Instituto Responsable Dos", changes_summary="Nuevo domicilio"
    )
    html = client.get(f"/ediciones/{edition.slug}/privacidad/").content.decode()
    for text in (
        "Instituto Responsable Dos",
        "Finalidades",
        "Fundamento legal",
        "arco@organizador.example",
        "Nuevo domicilio",
    ):
        assert text in html
    old = client.get(f"/ediciones/{edition.slug}/privacidad/?version=1").content.decode()
    assert "Instituto Responsable Uno" in old
    assert client.get(f"/ediciones/{edition.slug}/privacidad/?version=9").status_code == 404


# --- sign-up --------------------------------------------------------------------------------------


def _signup_data(**overrides):
    data = {
        "email": "nueva.persona@correo-privado.example",
        "password1": "una-clave-larga-segura-2027",
        "password2": "una-clave-larga-segura-2027",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def test_signup_shows_the_short_notice_and_asks_for_consent(client):
    published_notice(short_text="Aviso corto de la plataforma para cuentas.")
    html = client.get("/cuentas/signup/").content.decode()
    assert "Aviso corto de la plataforma para cuentas." in html
    assert 'href="/privacidad/"' in html
    assert 'name="privacy_consent"' in html


def test_signup_without_consent_creates_nothing(client):
    published_notice()
    response = client.post("/cuentas/signup/", _signup_data(privacy_consent=""))
    assert "Para crear la cuenta debe aceptar el aviso de privacidad." in response.content.decode()
    assert User.objects.count() == 0


def test_signup_records_consent_with_the_notice_version_and_queues_verification(client):
    published_notice()
    current = published_notice(short_text="Versión dos")
    response = client.post("/cuentas/signup/", _signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="nueva.persona@correo-privado.example")
    consent = Consent.objects.get(user=user)
    assert (consent.purpose, consent.notice_id, consent.notice.version) == (
        "account",
        current.pk,
        2,
    )
    verification = OutboundEmail.objects.get(to=user.email)
    assert verification.purpose == "account.email_confirmation_signup"
    assert "/cuentas/confirm-email/" in verification.body_text


def test_signup_refused_while_there_is_no_platform_notice(client):
    response = client.post("/cuentas/signup/", _signup_data())
    assert "falta publicar el aviso de privacidad de la plataforma" in response.content.decode()
    assert User.objects.count() == 0


def test_signup_honeypot_refuses(client):
    published_notice()
    response = client.post(
        "/cuentas/signup/", _signup_data(sitio_web_confirmacion="http://x.example")
    )
    assert "No pudimos procesar el formulario" in response.content.decode()
    assert User.objects.count() == 0


def test_signup_is_rate_limited_per_address(client, settings):
    published_notice()
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/h/ip"}
    statuses = [
        client.post(
            "/cuentas/signup/", _signup_data(email=f"p{i}@correo-privado.example")
        ).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert User.objects.count() == 2


# --- access and portability -----------------------------------------------------------------


def _person_with_data():
    edition, _venues = registration_edition()
    session = workshop(edition)
    registration = register(edition, organisation="Colectivo Propio", accessibility_needs="Rampa")
    signup(registration, session)
    user = registration.user
    use_objections_set(user=user, objections=["newsletter"], actor=Actor.of(user))
    person = factories.PersonFactory(user=user, email=user.email, gender="woman")
    return user, registration, person


def test_download_json_has_everything_held_about_the_person():
    user, registration, _person = _person_with_data()
    response = _client(user).get("/cuenta/mis-datos/descargar.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mis-datos-datacon-')
    data = json.loads(response.content)
    providers = data["providers"]
    assert sorted(providers) == [
        "account", "certificates", "consultation", "contributions", "demand", "feedback",
        "privacy", "profile", "proposals", "registration",
    ]  # fmt: skip
    assert providers["account"]["tables"]["cuenta"][0]["correo"] == user.email
    (row,) = providers["registration"]["tables"]["registros"]
    assert (row["ticket_code"], row["organisation"], row["accessibility_needs"]) == (
        registration.ticket_code,
        "Colectivo Propio",
        "Rampa",
    )
    assert len(providers["registration"]["tables"]["inscripciones_a_sesiones"]) == 1
    assert [c["purpose"] for c in providers["privacy"]["tables"]["consentimientos"]] == [
        "registration"
    ]
    assert providers["privacy"]["tables"]["oposiciones"][0]["use"] == "newsletter"
    assert providers["profile"]["tables"]["perfil"][0]["gender"] == "woman"
    assert {m["purpose"] for m in providers["account"]["tables"]["mensajes_enviados"]} >= {
        "registration.confirmed"
    }


def test_download_csv_is_one_long_table():
    user, registration, _person = _person_with_data()
    content = _client(user).get("/cuenta/mis-datos/descargar.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["proveedor", "tabla", "fila", "campo", "valor"]
    assert ["registration", "registros", "1", "ticket_code", registration.ticket_code] in rows
    assert ["account", "cuenta", "1", "correo", user.email] in rows


def test_download_of_another_person_is_impossible():
    user, _registration, _person = _person_with_data()
    other = attendee_user()
    data = json.loads(_client(other).get("/cuenta/mis-datos/descargar.json").content)
    assert user.email not in json.dumps(data)
    assert Client().get("/cuenta/mis-datos/descargar.json").status_code == 302


def test_personal_data_export_query_count_does_not_grow(count_queries):
    def person(n):
        edition, _venues = registration_edition()
        user = attendee_user()
        registration = register(edition, user=user)
        for hour in range(n):
            signup(registration, workshop(edition, hour=8 + 2 * hour))
        for _ in range(n):
            other_edition, _venues = registration_edition()
            register(other_edition, user=user)
        return user

    small, large = person(1), person(5)
    assert count_queries(lambda: personal_data_collect(user=small)) == count_queries(
        lambda: personal_data_collect(user=large)
    )


# --- rectification and opposition ----------------------------------------------------------------


def test_rectify_account_name():
    user = attendee_user()
    client = _client(user)
    response = client.post(
        "/cuenta/mis-datos/corregir/", {"first_name": "Ana", "last_name": "Corregida"}, follow=True
    )
    assert "Sus datos quedaron corregidos." in response.content.decode()
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ana", "Corregida")


def test_objections_are_set_and_other_capabilities_can_ask():
    user = attendee_user()
    client = _client(user)
    client.post("/cuenta/mis-datos/oposicion/", {"objections": ["newsletter", "surveys"]})
    assert sorted(UseObjection.objects.filter(user=user).values_list("use", flat=True)) == [
        "newsletter",
        "surveys",
    ]
    assert (use_allowed(user=user, use="newsletter"), use_allowed(user=user, use="reminders")) == (
        False,
        True,
    )
    client.post("/cuenta/mis-datos/oposicion/", {"objections": ["surveys"]})
    assert list(UseObjection.objects.filter(user=user).values_list("use", flat=True)) == ["surveys"]


# --- cancellation (delete the account) -----------------------------------------------------------


def test_delete_account_with_wrong_password_changes_nothing():
    user, registration, _person = _person_with_data()
    response = _client(user).post(
        "/cuenta/mis-datos/eliminar/", {"confirm": "on", "password": "no-es-la-clave"}
    )
    assert "La contraseña no es correcta." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert Registration.objects.get(pk=registration.pk).email == user.email


def test_delete_account_anonymises_registrations_and_erases_the_rest():
    user, registration, person = _person_with_data()
    email = user.email
    client = _client(user)
    response = client.post(
        "/cuenta/mis-datos/eliminar/",
        {"confirm": "on", "password": "clave-de-prueba-123"},
        follow=True,
    )
    assert "Eliminamos su cuenta." in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    anonymous = Registration.objects.get(pk=registration.pk)
    assert (anonymous.user_id, anonymous.email, anonymous.name, anonymous.organisation) == (
        None,
        "",
        "",
        "",
    )
    assert (anonymous.accessibility_needs, anonymous.listed) == ("", False)
    assert (anonymous.status, anonymous.venue_id, anonymous.sector, anonymous.state) == (
        "confirmed",
        registration.venue_id,
        registration.sector,
        registration.state,
    )
    assert anonymous.anonymised_at is not None
    assert Consent.objects.count() == 0
    assert OutboundEmail.objects.filter(to=email).count() == 0
    # The confirmation was still queued: it is not sent any more and keeps no content.
    assert list(
        OutboundEmail.objects.filter(purpose="registration.confirmed").values_list(
            "to", "status", "body_text"
        )
    ) == [("", OutboundEmailStatus.DISCARDED, "")]
    person.refresh_from_db()
    assert (person.email, person.gender, person.user_id) == ("", "", None)
    assert client.get("/cuenta/").status_code == 302  # signed out


def test_delete_account_gives_up_a_place_in_a_waiting_line():
    edition, _venues = registration_edition(capacity=1)
    register(edition)
    waiting = register(edition)
    _client(waiting.user).post(
        "/cuenta/mis-datos/eliminar/", {"confirm": "on", "password": "clave-de-prueba-123"}
    )
    assert Registration.objects.get(pk=waiting.pk).status == "cancelled"


def test_delete_page_explains_consequences():
    user = attendee_user()
    html = _client(user).get("/cuenta/mis-datos/eliminar/").content.decode()
    assert "Sus registros quedan anónimos" in html
    assert notice_fields()["arco_contact"] not in html


def test_published_notice_is_read_only_in_the_admin_and_drafts_are_editable(superuser_client):
    published = published_notice()
    draft = privacy_notice_save(notice=PrivacyNotice(**notice_fields()), actor=factories.SYSTEM)
    page = superuser_client.get(f"/admin/people/privacynotice/{published.pk}/change/")
    assert page.status_code == 200
    assert 'name="short_text"' not in page.content.decode()
    refused = superuser_client.post(
        f"/admin/people/privacynotice/{published.pk}/change/", {"short_text": "Cambio a escondidas"}
    )
    assert refused.status_code == 403
    assert PrivacyNotice.objects.get(pk=published.pk).short_text == published.short_text
    editable = superuser_client.get(f"/admin/people/privacynotice/{draft.pk}/change/")
    assert 'name="short_text"' in editable.content.decode()
    superuser_client.post(
        "/admin/people/privacynotice/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert PrivacyNotice.objects.get(pk=draft.pk).version == 2


def test_account_services_act_only_on_ones_own_account():
    from django.core.exceptions import PermissionDenied

    from datacon.people.privacy_services import account_delete, account_rectify

    owner = factories.UserFactory(first_name="Ana")
    intruder = factories.UserFactory()
    with pytest.raises(PermissionDenied):
        account_rectify(user=owner, first_name="X", last_name="Y", actor=Actor.of(intruder))
    with pytest.raises(PermissionDenied):
        use_objections_set(user=owner, objections=["newsletter"], actor=Actor.of(intruder))
    with pytest.raises(PermissionDenied):
        account_delete(user=owner, actor=Actor.of(intruder))
    owner.refresh_from_db()
    assert (owner.first_name, UseObjection.objects.filter(user=owner).count()) == ("Ana", 0)


def test_account_deletion_leaves_no_personal_value_in_the_audit_log():
    from datacon.common.models import AuditEntry
    from datacon.people.privacy_services import account_delete

    user = factories.UserFactory(email="borrame@example.org", first_name="Borra")
    account_delete(user=user, actor=Actor.of(user))
    logged = json.dumps(
        list(AuditEntry.objects.values("actor_label", "summary", "changes")), default=str
    )
    assert ("borrame@example.org" in logged, "Borra" in logged) == (False, False)
