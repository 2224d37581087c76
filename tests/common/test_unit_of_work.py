"""The unit of work takes only a typed Actor and is the outermost transaction.

The transition shims are gone: a service handed a user or None (instead of
`Actor.of(user)` / `Actor.system("why")`) is refused before anything is written,
and a unit of work never silently joins a plain `transaction.atomic()` block a
caller opened around it (the caller opens a unit of work instead).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from datacon.common.actor import Actor
from datacon.common.models import AuditEntry
from datacon.common.write import current_work, unit_of_work
from datacon.people.models import Person
from datacon.people.services import person_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["user", "anonymous", "none", "string"])
def test_a_unit_of_work_refuses_anything_but_an_actor(who):
    actor = {
        "user": factories.UserFactory(),
        "anonymous": AnonymousUser(),
        "none": None,
        "string": "system",
    }[who]
    with pytest.raises(TypeError, match="needs an Actor"), unit_of_work(actor):  # type: ignore[arg-type]
        pass
    assert current_work() is None


def test_a_service_handed_a_user_writes_nothing():
    user = factories.organiser_user()  # allowed to edit people: only the type is wrong
    with pytest.raises(TypeError, match="needs an Actor"):
        person_save(person=Person(public_name="Persona Sin Actor"), actor=user)  # type: ignore[arg-type]
    assert Person.objects.filter(public_name="Persona Sin Actor").count() == 0
    assert AuditEntry.objects.count() == 0


def test_a_nested_unit_of_work_inside_another_refuses_a_user_too():
    user = factories.UserFactory()
    with (
        unit_of_work(Actor.system("test")),
        pytest.raises(TypeError, match="needs an Actor"),
        unit_of_work(user),  # type: ignore[arg-type]
    ):
        pass


def test_the_same_service_with_an_actor_saves_and_signs_the_audit_entry():
    user = factories.organiser_user()
    person = person_save(person=Person(public_name="Persona Con Actor"), actor=Actor.of(user))
    entry = AuditEntry.objects.get(object_id=str(person.pk), object_type="people.person")
    assert (entry.actor, entry.actor_label) == (user, user.email)


def test_a_unit_of_work_does_not_join_a_plain_atomic_block():
    """Callers open a unit of work, not `transaction.atomic()`, around services."""
    with (
        transaction.atomic(),
        pytest.raises(RuntimeError, match="durable"),
        unit_of_work(Actor.system("test")),
    ):
        pass
