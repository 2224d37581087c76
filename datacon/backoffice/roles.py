"""Back-office roles as Django groups, kept in step with the models after each migrate.

* Organizadores: manage every domain record, see private personal data.
* Personal de consulta: read-only access to the back office, no personal data.

Apps that add models append their app label to ORGANISER_APPS by listing it here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

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
)
# Permissions only organisers hold, on top of add/change/delete/view.
ORGANISER_EXTRA = ("people.view_private_data",)
# Records holding personal data that read-only staff must not see.
PERSONAL_DATA_MODELS = ("outboundemail", "auditentry")


def roles_ensure(**_kwargs: Any) -> None:
    domain = Permission.objects.filter(content_type__app_label__in=DOMAIN_APPS)
    organisers, _created = Group.objects.get_or_create(name=ORGANISERS)
    organisers.permissions.set(domain.exclude(codename__startswith="view_private"))
    extra: list[Permission] = []
    for dotted in ORGANISER_EXTRA:
        app_label, codename = dotted.split(".")
        extra.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    organisers.permissions.add(*extra)
    readers, _created = Group.objects.get_or_create(name=READ_ONLY_STAFF)
    readers.permissions.set(
        domain.filter(codename__startswith="view_")
        .exclude(codename__startswith="view_private")
        .exclude(content_type__model__in=PERSONAL_DATA_MODELS)
    )
