"""Demo data for registration, on the fictional DATACON 2027 edition only (slug 2027-demo).

* registration open, in person (the demo venue's capacity) or online;
* one fictional workshop with 3 seats, two of them taken by two fictional
  demo accounts, so the third person to sign up takes the last seat and the
  fourth sees the waiting list (cancel as a demo account to see the
  promotion e-mail in the console);
* a privacy notice for the edition and one for the platform, with generic
  demonstration text that names the edition's (fictional) organiser record.

Idempotent: everything is looked up first and written only when missing.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition, SessionType, Venue
from datacon.people.models_privacy import PrivacyNotice
from datacon.people.privacy_services import privacy_notice_publish, privacy_notice_save
from datacon.program.models import Session
from datacon.program.services import session_create
from datacon.registration.models import (
    ACTIVE_STATUSES,
    Registration,
    RegistrationSettings,
    SessionSeats,
    SessionSignup,
)
from datacon.registration.selectors import WindowState, registration_window
from datacon.registration.services import (
    registration_create,
    registration_settings_save,
    session_seats_save,
    session_signup,
)

DEMO_EDITION_SLUG = "2027-demo"
WORKSHOP_TITLE = "Taller de demostración: publicar un conjunto de datos abiertos (ficticio)"
WORKSHOP_SEATS = 3
DEMO_ATTENDEE_PASSWORD = "datacon-demo-2021"  # noqa: S105 - demo only, like the organiser's
DEMO_ATTENDEES = [
    ("asistente.demo1@datacon.demo", "Asistente ficticia 1", "civil_society", "09"),
    ("asistente.demo2@datacon.demo", "Asistente ficticio 2", "academia", "21"),
]
DEMO_STREAMING_URL = "https://example.org/datacon-2027-demo/transmision"


def _notice_text(responsible: str, scope: str) -> dict[str, str]:
    return {
        "responsible_body": responsible,
        "responsible_address": "Domicilio ficticio de demostración.",
        "short_text": (
            f"**Aviso de privacidad simplificado de demostración ({scope}).** Texto genérico, "
            f"no vigente. {responsible} trataría su nombre y correo para registrarle, enviarle su "
            "boleto y avisos del evento, y contar la asistencia en cifras agregadas. Con su "
            "permiso, también para boletines (puede oponerse en su cuenta). No se transfieren "
            "datos. Puede acceder, rectificar, cancelar u oponerse (ARCO) desde «Mi cuenta»."
        ),
        "data_collected": (
            "- Correo electrónico y nombre completo.\n"
            "- Según lo que pida la edición: organización, sector, entidad federativa y "
            "necesidades de accesibilidad.\n"
            "- Asistencia (hora de entrada, conexión a la transmisión)."
        ),
        "purposes": (
            "**Necesarias:** registrarle, emitir su boleto, administrar lugares y listas de "
            "espera, registrar su entrada, enviarle avisos del evento y elaborar cifras "
            "agregadas para la memoria.\n\n"
            "**No necesarias (puede oponerse):** boletines e invitaciones, encuestas de "
            "satisfacción, recordatorios por correo."
        ),
        "legal_basis": (
            "Texto de demostración. Un aviso real citaría la ley general de protección de datos "
            "personales en posesión de sujetos obligados y las atribuciones del responsable."
        ),
        "transfers": "No se realizan transferencias (texto de demostración).",
        "retention": (
            "Los datos de registro se conservan mientras dure la edición y el tiempo que fije "
            "el responsable para la memoria; después se anonimizan (texto de demostración)."
        ),
        "arco_contact": "privacidad@datacon.demo",
        "arco_procedure": (
            "Desde «Mi cuenta › Mis datos personales» puede descargar sus datos (JSON o CSV), "
            "corregirlos, oponerse a usos no necesarios y eliminar su cuenta. También puede "
            "escribir al contacto ARCO (dirección ficticia de demostración)."
        ),
    }


def _ensure_notice(edition: Edition | None, responsible: str, scope: str) -> int:
    if PrivacyNotice.objects.filter(edition=edition, published_at__isnull=False).exists():
        return 0
    notice = PrivacyNotice.objects.filter(edition=edition, published_at__isnull=True).first()
    if notice is None:
        notice = privacy_notice_save(
            notice=PrivacyNotice(edition=edition, **_notice_text(responsible, scope)),
            actor=Actor.system("demo"),
        )
    privacy_notice_publish(notice=notice, actor=Actor.system("demo"))
    return 1


def _ensure_workshop(edition: Edition) -> tuple[Session | None, int]:
    session = Session.objects.filter(edition=edition, title=WORKSHOP_TITLE).first()
    created = 0
    if session is None:
        session_type = SessionType.objects.filter(edition=edition, slug="taller").first()
        venue = Venue.objects.filter(edition=edition, is_virtual=False).order_by("order").first()
        if session_type is None or edition.end_date is None:
            return None, 0
        starts = dt.datetime.combine(edition.end_date, dt.time(11, 0), tzinfo=edition.tz)
        session = session_create(
            edition=edition,
            title=WORKSHOP_TITLE,
            session_type=session_type,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=90),
            venue=venue,
            abstract=(
                "**Sesión ficticia de la edición de demostración.** Tiene solo "
                f"{WORKSHOP_SEATS} lugares para probar la inscripción y la lista de espera."
            ),
            actor=Actor.system("demo"),
        )
        created += 1
    if not SessionSeats.objects.filter(session=session).exists():
        session_seats_save(
            seats=SessionSeats(session=session, capacity=WORKSHOP_SEATS), actor=Actor.system("demo")
        )
        created += 1
    return session, created


def _ensure_attendees(edition: Edition, workshop: Session | None) -> int:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    created = 0
    for email, name, sector, state in DEMO_ATTENDEES:
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model(username=email, email=email, first_name=name)
            user.set_password(DEMO_ATTENDEE_PASSWORD)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            created += 1
        registration = Registration.objects.filter(
            edition=edition, user=user, status__in=ACTIVE_STATUSES
        ).first()
        if registration is None:
            config = RegistrationSettings.objects.get(edition=edition)
            if registration_window(config=config, now=timezone.now()) != WindowState.OPEN:
                continue
            registration = registration_create(
                edition=edition,
                user=user,
                mode="in_person",
                venue=Venue.objects.filter(edition=edition, is_virtual=False)
                .order_by("order")
                .first(),
                name=name,
                sector=sector,
                state=state,
                consent_given=True,
                notify=False,
                actor=Actor.system("demo"),
            )
            created += 1
        if (
            workshop is not None
            and not SessionSignup.objects.filter(
                registration=registration, session=workshop, status__in=ACTIVE_STATUSES
            ).exists()
            and (workshop.starts_at is None or workshop.starts_at > timezone.now())
        ):
            session_signup(
                registration=registration,
                session=workshop,
                actor=Actor.system("demo"),
                notify=False,
            )
            created += 1
    return created


def demo_load() -> dict[str, int]:
    edition = Edition.objects.filter(slug=DEMO_EDITION_SLUG).select_related("organiser").first()
    if edition is None:
        return {}
    responsible = edition.organiser.name if edition.organiser else edition.title
    created: dict[str, int] = {}
    with unit_of_work(Actor.system("demo")):
        created["privacynotice"] = _ensure_notice(None, responsible, "plataforma") + _ensure_notice(
            edition, responsible, edition.title
        )
        if not RegistrationSettings.objects.filter(edition=edition).exists():
            registration_settings_save(
                config=RegistrationSettings(
                    edition=edition,
                    is_open=True,
                    allow_in_person=True,
                    allow_online=True,
                    streaming_url=DEMO_STREAMING_URL,
                    instructions=(
                        "**Registro de demostración.** Nada de esto es real: pruebe el registro, "
                        f"el taller de {WORKSHOP_SEATS} lugares y su lista de espera, y la "
                        "descarga o eliminación de sus datos."
                    ),
                ),
                actor=Actor.system("demo"),
            )
            created["registrationsettings"] = 1
        workshop, count = _ensure_workshop(edition)
        created["workshop"] = count
        if workshop is not None and not workshop.published:
            # As an organiser would: the new workshop is public from the next version on.
            from datacon.program.publication import schedule_publish

            schedule_publish(
                edition=edition,
                actor=Actor.system("demo"),
                note="Se agrega el taller con cupo limitado.",
            )
            workshop.refresh_from_db()
        created["demo_attendee"] = _ensure_attendees(edition, workshop)
    return created
