"""Rules of people's profiles that are not the organisers' (those live in editions)."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User


@rules.predicate(name="is_own_person")
def is_own_person(user: User | AnonymousUser, person: Any = None) -> bool:
    """The account linked to the profile (a speaker editing their own page)."""
    if not user.is_authenticated or not user.is_active or person is None:
        return False
    return bool(person.user_id is not None and person.user_id == user.pk)


rules.add_perm("people.edit_own_profile", is_own_person)
