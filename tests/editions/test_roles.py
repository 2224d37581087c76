"""An edition's organisers grant and revoke duties; the rules honour expiry; all is audited."""

from __future__ import annotations

import datetime as dt

import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.editions.models_access import EditionDuty, EditionRole
from datacon.editions.roles_services import (
    edition_role_grant,
    edition_role_revoke,
    edition_roles_active,
    edition_roles_history,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _organiser_of(edition):  # type: ignore[no-untyped-def]
    user = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=user, duty=EditionDuty.ORGANISER)
    return user


def _fresh(user):  # type: ignore[no-untyped-def]
    # The rules cache an account's duties for one request: read them again.
    return type(user).objects.get(pk=user.pk)


def test_grant_opens_the_duty_in_that_edition_only_and_is_audited():
    edition, other = factories.EditionFactory(), factories.EditionFactory()
    organiser = _organiser_of(edition)
    staff = factories.UserFactory()
    role = edition_role_grant(
        edition=edition,
        user=staff,
        duty=EditionDuty.CHECKIN,
        note="Puerta norte",
        actor=Actor.of(organiser),
    )
    assert (role.granted_by, role.note, role.is_active) == (organiser, "Puerta norte", True)
    assert rules.has_perm("registration.checkin", _fresh(staff), edition) is True
    assert rules.has_perm("registration.checkin", _fresh(staff), other) is False
    entry = AuditEntry.objects.get(action="editionrole.grant")
    assert (entry.actor, entry.object_id) == (organiser, str(role.pk))
    assert edition_roles_history(edition=edition) == [entry]
    # Grouped by duty: check-in staff before organisers.
    assert list(edition_roles_active(edition=edition)) == [
        role,
        EditionRole.objects.get(user=organiser),
    ]


def test_revoke_closes_the_duty_at_once_and_is_audited():
    edition = factories.EditionFactory()
    organiser = _organiser_of(edition)
    staff = factories.UserFactory()
    role = edition_role_grant(
        edition=edition, user=staff, duty=EditionDuty.ATTENDEE_DATA, actor=Actor.of(organiser)
    )
    edition_role_revoke(role=role, actor=Actor.of(organiser))
    role.refresh_from_db()
    assert role.revoked_at is not None
    assert rules.has_perm("registration.see_attendee_data", _fresh(staff), edition) is False
    assert [entry.action for entry in edition_roles_history(edition=edition)] == [
        "editionrole.revoke",
        "editionrole.grant",
    ]
    with pytest.raises(ValidationError):
        edition_role_revoke(role=role, actor=Actor.of(organiser))


def test_an_expired_duty_opens_nothing_and_can_be_granted_again():
    edition = factories.EditionFactory()
    organiser = _organiser_of(edition)
    staff = factories.UserFactory()
    role = edition_role_grant(
        edition=edition,
        user=staff,
        duty=EditionDuty.CHECKIN,
        expires_at=timezone.now() + dt.timedelta(days=2),
        actor=Actor.of(organiser),
    )
    assert rules.has_perm("registration.checkin", _fresh(staff), edition) is True
    EditionRole.objects.filter(pk=role.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    assert rules.has_perm("registration.checkin", _fresh(staff), edition) is False
    again = edition_role_grant(
        edition=edition, user=staff, duty=EditionDuty.CHECKIN, actor=Actor.of(organiser)
    )
    role.refresh_from_db()
    assert (role.revoked_at is not None, again.is_active) == (True, True)
    assert rules.has_perm("registration.checkin", _fresh(staff), edition) is True


def test_a_past_expiry_a_duplicate_and_an_unknown_duty_are_refused():
    edition = factories.EditionFactory()
    actor = Actor.of(_organiser_of(edition))
    staff = factories.UserFactory()
    with pytest.raises(ValidationError) as past:
        edition_role_grant(
            edition=edition,
            user=staff,
            duty=EditionDuty.CHECKIN,
            expires_at=timezone.now() - dt.timedelta(days=1),
            actor=actor,
        )
    assert list(past.value.message_dict) == ["expires_at"]
    edition_role_grant(edition=edition, user=staff, duty=EditionDuty.CHECKIN, actor=actor)
    with pytest.raises(ValidationError) as twice:
        edition_role_grant(edition=edition, user=staff, duty=EditionDuty.CHECKIN, actor=actor)
    assert twice.value.message_dict == {"user": ["Esa cuenta ya tiene esa función en la edición."]}
    with pytest.raises(ValidationError):
        edition_role_grant(edition=edition, user=staff, duty="rey", actor=actor)
    assert EditionRole.objects.filter(user=staff).count() == 1


def test_only_the_editions_organisers_grant_and_revoke():
    edition = factories.EditionFactory()
    organiser = _organiser_of(edition)
    outsider = _organiser_of(factories.EditionFactory())
    checkin = factories.UserFactory()
    EditionRole.objects.create(edition=edition, user=checkin, duty=EditionDuty.CHECKIN)
    staff = factories.UserFactory()
    for actor in (Actor.of(outsider), Actor.of(checkin)):
        with pytest.raises(PermissionDenied):
            edition_role_grant(edition=edition, user=staff, duty=EditionDuty.ORGANISER, actor=actor)
    role = EditionRole.objects.get(user=organiser)
    with pytest.raises(PermissionDenied):
        edition_role_revoke(role=role, actor=Actor.of(outsider))
    assert EditionRole.objects.active().filter(edition=edition).count() == 2
