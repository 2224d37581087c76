"""Named rules of the back office itself (the capabilities' screens use their apps' rules)."""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser, User


@rules.predicate(name="is_active_superuser")
def is_active_superuser(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_active and user.is_superuser)


# The Django admin is for superusers' repairs only (datacon/backoffice/admin_site.py).
rules.add_perm("admin.enter", is_active_superuser)
