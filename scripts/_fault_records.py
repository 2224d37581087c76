"""The fictional records of scripts/fault_run.py, created and removed through Django in
the script's own process (its own database): an edition with registration open, three
workshops, signed-in attendees already registered, a staff member, a person who logs in."""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION_YEAR = 2097
EMAIL_DOMAIN = "fallas.datacon.test"
STAFF = f"personal@{EMAIL_DOMAIN}"
PASSWORD = secrets.token_urlsafe(16)  # of the person who logs in through the form


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datacon.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def database_ensure(url: str) -> None:
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def records_remove() -> None:
    """Remove what an earlier run left (it is all fictional, in the run's own database)."""
    from django.contrib.auth import get_user_model
    from django.db import connections

    from datacon.common.models import OutboundEmail
    from datacon.editions.models import Edition
    from datacon.people.models_privacy import PrivacyNotice
    from datacon.program.models import Session
    from datacon.registration.models import Registration

    edition = Edition.objects.filter(year=EDITION_YEAR).first()
    if edition is not None:
        Registration.objects.filter(edition=edition).delete()  # their sign-ups go with them
    get_user_model().objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()  # consents too
    OutboundEmail.objects.filter(to__endswith=f"@{EMAIL_DOMAIN}").delete()
    if edition is not None:
        PrivacyNotice.objects.filter(edition=edition).delete()
        Session.objects.filter(edition=edition).delete()
        organiser = edition.organiser
        edition.delete()
        if organiser is not None and not organiser.organised_editions.exists():
            organiser.delete()
    connections.close_all()


@dataclass
class Setup:
    edition: str
    venue: int
    workshops: dict[str, tuple[int, str, int]]  # phase -> (session id, code, seats)
    attendees: dict[str, list[tuple[int, str]]]  # phase -> (user id, session cookie)
    tickets: list[str]  # ticket codes to check in while Redis is down
    staff_cookie: str
    login_email: str


def _session_cookie(user) -> str:  # type: ignore[no-untyped-def]
    """A signed-in session, as the log-in form would leave it (Client.force_login does the same)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def records_create(clients: int, seats: int) -> Setup:
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from datacon.backoffice.roles import ORGANISERS, roles_ensure
    from datacon.common.actor import Actor
    from datacon.editions.models import Venue
    from datacon.editions.services import edition_create, venue_save
    from datacon.people.models_privacy import PrivacyNotice
    from datacon.people.privacy_services import privacy_notice_publish, privacy_notice_save
    from datacon.people.services import organisation_create
    from datacon.program.models import Session
    from datacon.program.publication import schedule_publish
    from datacon.program.services import session_create
    from datacon.registration.models import RegistrationSettings, SessionSeats
    from datacon.registration.services import (
        registration_create,
        registration_settings_save,
        session_seats_save,
    )

    call_command("migrate", "--noinput", verbosity=0)
    records_remove()
    system = Actor.system("prueba de fallas (scripts/fault_run.py)")
    roles_ensure()
    User = get_user_model()
    organiser = organisation_create(
        name="Comité ficticio de la prueba de fallas", kind="civil_society", actor=system
    )
    edition = edition_create(
        number=EDITION_YEAR,
        year=EDITION_YEAR,
        title=f"DATACON {EDITION_YEAR} · prueba de fallas (ficticia)",
        mode="hybrid",
        start_date=dt.date(EDITION_YEAR, 6, 2),
        end_date=dt.date(EDITION_YEAR, 6, 3),
        status="published",
        organiser=organiser,
        actor=system,
    )
    venue = venue_save(
        venue=Venue(edition=edition, name="Sede ficticia de la prueba", capacity=1000, state="09"),
        actor=system,
    )
    registration_settings_save(
        config=RegistrationSettings(edition=edition, is_open=True), actor=system
    )
    notice_fields = {
        "responsible_body": "Prueba de fallas (ficticia)",
        "short_text": "Aviso de prueba.",
        "data_collected": "Nombre y correo.",
        "purposes": "Registro.",
        "legal_basis": "Prueba.",
        "arco_contact": f"arco@{EMAIL_DOMAIN}",
        "arco_procedure": "Desde su cuenta.",
    }
    for scope in (edition, None):  # the edition's notice, and the platform's (for sign-ups)
        if (
            scope is None
            and PrivacyNotice.objects.filter(edition=None, published_at__isnull=False).exists()
        ):
            continue
        notice = privacy_notice_save(
            notice=PrivacyNotice(edition=scope, **notice_fields), actor=system
        )
        privacy_notice_publish(notice=notice, actor=system)
    workshop_type = edition.session_types.order_by("pk").first()
    workshops = {}
    for hour, phase in enumerate(("kill", "postgres", "redis"), start=9):
        session = session_create(
            edition=edition,
            title=f"Taller ficticio de la prueba de fallas ({phase})",
            session_type=workshop_type,
            starts_at=dt.datetime(EDITION_YEAR, 6, 2, hour, tzinfo=edition.tz),
            ends_at=dt.datetime(EDITION_YEAR, 6, 2, hour, 50, tzinfo=edition.tz),
            venue=venue,
            actor=system,
        )
        session_seats_save(seats=SessionSeats(session=session, capacity=seats), actor=system)
        workshops[phase] = (session.pk, session.code, seats)
    # Workshops take sign-ups once the program that lists them is published.
    schedule_publish(edition=edition, actor=system)
    codes = dict(Session.objects.filter(edition=edition).values_list("pk", "code"))
    workshops = {phase: (pk, codes[pk], size) for phase, (pk, _code, size) in workshops.items()}
    attendees: dict[str, list[tuple[int, str]]] = {}
    tickets = []
    for phase in workshops:
        attendees[phase] = []
        for number in range(clients):
            user = User.objects.create_user(
                username=f"{phase}{number}@{EMAIL_DOMAIN}",
                email=f"{phase}{number}@{EMAIL_DOMAIN}",
                first_name="Persona",
                last_name=f"Ficticia {phase} {number}",
            )  # no password: these people arrive signed in
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            registration = registration_create(
                edition=edition,
                user=user,
                mode="in_person",
                venue=venue,
                name=f"Persona Ficticia {number}",
                sector="civil_society",
                state="09",
                consent_given=True,
                notify=False,
                actor=Actor.of(user),
            )
            if phase == "redis" and number < 5:
                tickets.append(registration.ticket_code)
            attendees[phase].append((user.pk, _session_cookie(user)))
    staff = User.objects.create_user(username=STAFF, email=STAFF, is_staff=True)
    staff.groups.add(Group.objects.get(name=ORGANISERS))
    login = User.objects.create_user(
        username=f"entra@{EMAIL_DOMAIN}", email=f"entra@{EMAIL_DOMAIN}", password=PASSWORD
    )
    EmailAddress.objects.create(user=login, email=login.email, verified=True, primary=True)
    setup = Setup(
        edition=edition.slug,
        venue=venue.pk,
        workshops=workshops,
        attendees=attendees,
        tickets=tickets,
        staff_cookie=_session_cookie(staff),
        login_email=login.email,
    )
    connections.close_all()
    return setup
