"""Rules about one edition: who organises it, checks people in, sees attendees' data.

Predicates take the acting account and any record that belongs to an edition
(the edition itself, a session, a proposal, a registration...): `edition_of`
finds the edition. A platform-wide group grants the duty for every edition; an
active EditionRole grants it for one.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, Group, User
from django.db.models import QuerySet

from datacon.editions.models import Edition
from datacon.editions.models_access import EditionDuty, EditionRole

# Platform-wide groups (datacon.backoffice.roles); their names are data organisers see.
ORGANISERS_GROUP = "Organizadores"
READ_ONLY_GROUP = "Personal de consulta"
CHECKIN_GROUP = "Personal de registro en sede"
ATTENDEE_DATA_GROUP = "Responsables de datos de asistentes"


def edition_of(obj: Any) -> Edition | None:
    """The edition a record belongs to (None for records of no edition)."""
    if obj is None or isinstance(obj, Edition):
        return obj
    for path in ("edition", "session", "proposal", "call", "registration"):
        related = getattr(obj, path, None)
        if related is not None:
            return edition_of(related)
    return None


def _in_group(user: User | AnonymousUser, name: str) -> bool:
    cache = getattr(user, "_datacon_groups", None)
    if cache is None:
        cache = set(Group.objects.filter(user__pk=user.pk or 0).values_list("name", flat=True))
        setattr(user, "_datacon_groups", cache)  # noqa: B010 (per-request cache on the account)
    return name in cache


def _duties(user: User | AnonymousUser, edition: Edition) -> set[str]:
    cache: dict[int, set[str]] | None = getattr(user, "_datacon_duties", None)
    if cache is None:
        cache = {}
        for edition_id, duty in (
            EditionRole.objects.active()
            .filter(user__pk=user.pk or 0)
            .values_list("edition_id", "duty")
        ):
            cache.setdefault(edition_id, set()).add(duty)
        setattr(user, "_datacon_duties", cache)  # noqa: B010
    return cache.get(edition.pk, set())


def holds(duty: str, group: str) -> Any:
    """A predicate: the account holds `duty` for the record's edition, or `group` for all."""

    @rules.predicate(name=f"holds_{duty}")
    def predicate(user: User | AnonymousUser, obj: Any = None) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser or _in_group(user, group):
            return True
        edition = edition_of(obj)
        if edition is None:
            # A screen listing every edition: any edition's duty opens it; the
            # selectors then show only the editions the account may see.
            return EditionRole.objects.active().filter(user=user, duty=duty).exists()
        return duty in _duties(user, edition)

    return predicate


is_staff = rules.predicate(lambda user: bool(getattr(user, "is_staff", False)), name="is_staff")
organises = holds(EditionDuty.ORGANISER, ORGANISERS_GROUP)
checks_in = holds(EditionDuty.CHECKIN, CHECKIN_GROUP) | organises
sees_attendee_data = holds(EditionDuty.ATTENDEE_DATA, ATTENDEE_DATA_GROUP)
reads_back_office = holds(EditionDuty.READ_ONLY, READ_ONLY_GROUP) | organises


@rules.predicate(name="holds_any_duty")
def holds_any_duty(user: User | AnonymousUser) -> bool:
    """Any active duty in any edition (an organiser of one edition, its check-in staff...)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EditionRole.objects.active().filter(user=user).exists()


@rules.predicate(name="may_create_editions")
def may_create_editions(user: User | AnonymousUser) -> bool:
    # A platform-wide decision: Django's model permission, held by the organisers' group.
    return bool(getattr(user, "is_active", False) and user.has_perm("editions.add_edition"))


rules.add_perm("editions.organise", organises)
rules.add_perm("editions.create", may_create_editions & organises)
# Who holds a duty in an edition (check-in staff, attendee-data officers...): its organisers.
rules.add_perm("editions.manage_roles", organises)
# People and organisations are shared by every edition: any edition's organisers edit
# them (datacon.people.services; declared here, where the predicate lives, because
# people is below editions and never imports it).
rules.add_perm("people.edit", organises)
# ...and delete one entered by mistake; one the program, a membership or a registration
# still points at is kept (PROTECT: the screen names them).
rules.add_perm("people.delete", organises)


@rules.predicate(name="manages_privacy_notices")
def manages_privacy_notices(user: User | AnonymousUser, notice: Any = None) -> bool:
    """An edition's notice: its organisers. The platform's notice: the platform's organisers."""
    if not user.is_authenticated or not user.is_active:
        return False
    if notice is not None and getattr(notice, "edition_id", None):
        return bool(organises(user, notice))
    return bool(user.is_superuser or _in_group(user, ORGANISERS_GROUP))


# Privacy notices (datacon.people.privacy_services): declared here for the same reason.
rules.add_perm("people.privacy_notices", manages_privacy_notices)
# The back office's start page: staff, or anyone holding a duty in some edition.
rules.add_perm("editions.back_office", is_staff | holds_any_duty)
# Any signed-in account may ask for its organisation to co-convene a published edition.
rules.add_perm("editions.co_convener_apply", rules.is_authenticated)
rules.add_perm("editions.read", reads_back_office)
rules.add_perm("registration.checkin", checks_in)
rules.add_perm("registration.see_attendee_data", sees_attendee_data)


def editions_for_back_office(user: User | AnonymousUser) -> QuerySet[Edition]:
    """The editions a back-office account may act on, for lists: every edition for the
    platform-wide groups (and superusers), else those where it holds an active duty."""
    editions = Edition.objects.all()
    if not user.is_authenticated or not user.is_active:
        return editions.none()
    if user.is_superuser or any(
        _in_group(user, group)
        for group in (ORGANISERS_GROUP, READ_ONLY_GROUP, CHECKIN_GROUP, ATTENDEE_DATA_GROUP)
    ):
        return editions
    return editions.filter(
        pk__in=EditionRole.objects.active().filter(user=user).values("edition_id")
    )


def editions_organised_by(user: User | AnonymousUser) -> QuerySet[Edition]:
    """The editions the account organises (the platform's organisers: all of them)."""
    editions = Edition.objects.all()
    if not user.is_authenticated or not user.is_active:
        return editions.none()
    if user.is_superuser or _in_group(user, ORGANISERS_GROUP):
        return editions
    return editions.filter(
        pk__in=EditionRole.objects.active()
        .filter(user=user, duty=EditionDuty.ORGANISER)
        .values("edition_id")
    )
