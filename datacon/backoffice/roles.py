"""Back-office roles as Django groups, kept in step with the models after each migrate.

* Organizadores: manage every domain record, see private personal data.
* Personal de consulta: read-only access to the back office, no personal data.
* Every role a domain app declares in its own `roles.py` (`ROLES = [Role(...)]`,
  see `datacon.common.roles`): reviewers, check-in staff, moderators...
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from datacon.common.roles import Role

ORGANISERS = "Organizadores"
READ_ONLY_STAFF = "Personal de consulta"

DOMAIN_APPS = (
    "common",
    "people",
    "editions",
    "program",
    "proposals",
    "registration",
    "policy",
    "consultation",
    "demand",
    "opendata",
    "memoria",
    "sources",
)
# Permissions whose codename starts with one of these guard personal data: the
# organiser group gets only those listed in ORGANISER_EXTRA; any other is
# granted person by person (e.g. exporting attendees with their e-mails).
PRIVATE_PREFIXES = ("view_private", "export_private")
# Permissions only organisers hold, on top of add/change/delete/view.
ORGANISER_EXTRA = ("people.view_private_data",)
# Records holding personal data that read-only staff must not see.
PERSONAL_DATA_MODELS = ("outboundemail", "auditentry")


def declared_roles() -> list[Role]:
    """Roles declared by domain apps in `datacon/<app>/roles.py`."""
    roles: list[Role] = []
    for app_label in DOMAIN_APPS:
        module_name = f"datacon.{app_label}.roles"
        if importlib.util.find_spec(module_name) is None:
            continue
        roles.extend(getattr(importlib.import_module(module_name), "ROLES", []))
    return roles


def _permissions(dotted_names: tuple[str, ...]) -> list[Permission]:
    found: list[Permission] = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".")
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def roles_ensure(**_kwargs: Any) -> None:
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    organisers, _created = Group.objects.get_or_create(name=ORGANISERS)
    private = Q()
    for prefix in PRIVATE_PREFIXES:
        private |= Q(codename__startswith=prefix)
    organisers.permissions.set(domain.exclude(private))
    organisers.permissions.add(*_permissions(ORGANISER_EXTRA))
    readers, _created = Group.objects.get_or_create(name=READ_ONLY_STAFF)
    readers.permissions.set(
        domain.filter(codename__startswith="view_")
        .exclude(private)
        .exclude(content_type__model__in=PERSONAL_DATA_MODELS)
    )
    for role in declared_roles():
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.set(_permissions(role.permissions))
