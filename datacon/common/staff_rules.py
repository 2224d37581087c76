"""Rule predicates made of Django model permissions, for platform-wide capabilities.

The policy process, its consultations and "¿Qué datos abrir?" are not run per
edition: a platform-wide group grants their screens (the roles each app
declares in `<app>/roles.py`, "Organizadores", and the read-only "Personal de
consulta", which holds only `view_*` permissions). Their named rules
(`<app>/permissions.py`) are built from these predicates, so a rule reads like
the role that grants it:

    rules.add_perm("consultation.moderate", staff_with("consultation.moderate_comment"))

As the back office always required, the account must be active staff; a
superuser passes.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model
from rules import Predicate, predicate


def _active_staff(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def staff_with(*permissions: str) -> Predicate:
    """Active staff holding every listed Django permission ("app_label.codename")."""

    @predicate(name="staff_with:" + ",".join(permissions))
    def holds(user: User | AnonymousUser | None) -> bool:
        return _active_staff(user) and user is not None and user.has_perms(permissions)

    return holds


def _record_permission(verb: str, record: Model) -> str:
    return f"{record._meta.app_label}.{verb}_{record._meta.model_name}"


@predicate(name="staff_edits_record")
def staff_edits_record(user: User | AnonymousUser | None, record: Model | None) -> bool:
    """Active staff who may add this (new) record or change this (stored) one."""
    if record is None or not _active_staff(user) or user is None:
        return False
    verb = "add" if record._state.adding or record.pk is None else "change"
    return user.has_perm(_record_permission(verb, record))


@predicate(name="staff_deletes_record")
def staff_deletes_record(user: User | AnonymousUser | None, record: Model | None) -> bool:
    """Active staff who may delete this record."""
    if record is None or not _active_staff(user) or user is None:
        return False
    return user.has_perm(_record_permission("delete", record))


is_signed_in = predicate(
    lambda user: bool(user is not None and user.is_authenticated and user.is_active),
    name="is_signed_in",
)
"""Any active, signed-in account (a citizen proposing a data need, supporting one)."""
