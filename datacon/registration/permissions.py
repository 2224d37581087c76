"""Who may do what with registrations (named rules, checked by datacon.common.access).

Built on the edition rules (datacon.editions.permissions), which already name
`registration.checkin` (check-in staff and organisers of the edition) and
`registration.see_attendee_data` (attendee-data officers only: organisers do
not see attendees' names, e-mails or needs by being organisers).

* `registration.view`: the edition's registration screens without personal data
  (back-office readers and organisers, and attendee-data officers);
* `registration.back_office`: any of the edition's registration screens (the above,
  or check-in staff): the overview and the menu entry;
* `registration.manage`: settings, seats, cancelling someone, sending the
  streaming link, filling seats from the waiting lines (organisers);
* `registration.change`: one's own registration (correct it, sign up to
  workshops, anonymise it): only its owner;
* `registration.cancel`: its owner, or an organiser of the edition.
"""

from __future__ import annotations

import rules
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from datacon.editions.permissions import (
    checks_in,
    organises,
    reads_back_office,
    sees_attendee_data,
)
from datacon.registration.models import Registration, SessionSignup


@rules.predicate
def is_registrant(
    user: AbstractBaseUser | AnonymousUser, obj: Registration | SessionSignup | None = None
) -> bool:
    """The account owns the registration (or the registration of the workshop sign-up)."""
    registration = obj.registration if isinstance(obj, SessionSignup) else obj
    return (
        isinstance(registration, Registration)
        and user.is_authenticated
        and registration.user_id is not None
        and registration.user_id == user.pk
    )


rules.add_perm("registration.view", reads_back_office | sees_attendee_data)
rules.add_perm("registration.back_office", reads_back_office | sees_attendee_data | checks_in)
rules.add_perm("registration.manage", organises)
rules.add_perm("registration.change", is_registrant)
rules.add_perm("registration.cancel", is_registrant | organises)
