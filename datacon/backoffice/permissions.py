"""Named rules of the back office itself: who enters the Django admin, and the rules of
the platform's record screens (datacon/backoffice/catalogue.py).

One list, one create/edit screen and one delete screen serve every kind of
record that belongs to no edition; each kind names its own rules (the policy's
`policy.edit_record`, people's `people.edit`...). The screens' routes declare
these three rules, which ask the rule of the record's kind on the record: a
record of no known kind passes none of them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model


@rules.predicate(name="is_active_superuser")
def is_active_superuser(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_active and user.is_superuser)


# The Django admin is for superusers' repairs only (datacon/backoffice/admin_site.py).
rules.add_perm("admin.enter", is_active_superuser)


def _kind_rule(which: str) -> Any:
    @rules.predicate(name=f"catalogue_kind_{which}")
    def holds(user: User | AnonymousUser | None, record: Model | None) -> bool:
        from datacon.backoffice.catalogue_kinds import kind_of_record

        kind = kind_of_record(record)
        rule = getattr(kind, f"{which}_rule", "") if kind is not None else ""
        return bool(rule and user is not None and user.has_perm(rule, record))

    return holds


# The list of a kind (asked on a new record of the kind).
rules.add_perm("backoffice.view_catalogue_record", _kind_rule("view"))
# Adding (a new record) or changing (a stored one) a record of the kind.
rules.add_perm("backoffice.edit_catalogue_record", _kind_rule("edit"))
# Deleting a record of the kind (kinds that are not deleted here name no rule).
rules.add_perm("backoffice.delete_catalogue_record", _kind_rule("delete"))
