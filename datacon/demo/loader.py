"""Loads the demo: the public record of the real editions (datacon/sources/record.py,
what production loads with `load_record`), the fictional 2027 edition, a demo
organiser account and each capability's demo (datacon/demo/<app>.py).

Idempotent: every record is found by its natural key and written only when a
field differs, so a second run writes nothing, not even an audit entry.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from datacon.backoffice.roles import ORGANISERS, roles_ensure
from datacon.common.actor import Actor
from datacon.common.write import AuditAction, unit_of_work
from datacon.demo import fictional
from datacon.sources import editions_record
from datacon.sources.record import LoadReport, RecordLoader, edition_load, organisations_load

DEMO_ORGANISER_EMAIL = "organizadora@datacon.demo"
DEMO_ORGANISER_PASSWORD = "datacon-demo-2021"  # noqa: S105 - demo only, refused in production


class DemoAction(AuditAction):
    LOAD = "demo.load"


DEMO_ACTOR = Actor.system("demo")


def demo_load(*, with_demo_users: bool = True) -> LoadReport:
    loader = RecordLoader(actor=DEMO_ACTOR, action=DemoAction.LOAD)
    with unit_of_work(DEMO_ACTOR):
        organisations = organisations_load(
            loader, [*editions_record.ORGANISATIONS, fictional.DEMO_ORGANISATION]
        )
        for data in [*editions_record.EDITIONS, fictional.DEMO_EDITION]:
            edition_load(loader, data, organisations)
        if with_demo_users:
            _demo_organiser(loader.report)
        _capability_demos(loader.report)
    return loader.report


def _capability_demos(report: LoadReport) -> None:
    """Each capability may have `datacon/demo/<app>.py` with `demo_load() -> dict[str, int]`
    (what it created). It must be idempotent like this loader and use only facts
    from the seed documents, or the clearly fictional demonstration edition."""
    import importlib
    import importlib.util

    from django.apps import apps

    for app in apps.get_app_configs():
        module_name = f"datacon.demo.{app.name.rpartition('.')[2]}"
        if not app.name.startswith("datacon.") or app.name == "datacon.demo":
            continue
        if importlib.util.find_spec(module_name) is None:
            continue
        created = importlib.import_module(module_name).demo_load()
        for label, count in (created or {}).items():
            if count:
                report.created[label] = report.created.get(label, 0) + count


def _demo_organiser(report: LoadReport) -> None:
    User = get_user_model()
    roles_ensure()
    user = User.objects.filter(email=DEMO_ORGANISER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="organizadora",
            email=DEMO_ORGANISER_EMAIL,
            password=DEMO_ORGANISER_PASSWORD,
            first_name="Organizadora",
            last_name="Demo",
            is_staff=True,
        )
        report.count(report.created, "user")
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=user, email=DEMO_ORGANISER_EMAIL, verified=True, primary=True
        )
    user.groups.add(Group.objects.get(name=ORGANISERS))
