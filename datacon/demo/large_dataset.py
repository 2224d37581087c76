"""A large, realistic and entirely fictional data set for load tests (bench/).

One edition at national scale: 1,000 sessions over 3 days in 10 venues and
60 rooms, 3,000 people from 800 organisations, their participations and
materials. Capabilities add their own parts (registrations, consultation
comments...) through pluggable steps, so this module never needs to know
their models.

Deterministic: the same seed and scale give the same data, record for record,
on SQLite or PostgreSQL (nothing depends on database ids or the clock).
`dataset_fingerprint()` proves it.

Everything here is labelled fictional ("ficticia") on every public page: it
must never be loaded next to real data in production, and the command refuses
to run with DATACON_ENV=production.

Speed: records are written with `bulk_create` in batches instead of one
service call per record (a service call validates, audits and bumps versions
for every row: minutes instead of seconds for 10,000 rows). That is acceptable
only because this is benchmark data that no person typed; the invariants the
services keep (codes, search documents, public versions) are kept here too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import importlib.util
import math
import random
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import connection, models, transaction

from datacon.common.audit import audit_record
from datacon.common.text import search_normalise
from datacon.common.versions import CONFERENCE, public_version_bump
from datacon.editions.models import (
    DEFAULT_SESSION_TYPES,
    Edition,
    EditionMode,
    EditionOrganisation,
    EditionStatus,
    OrganisationRole,
    Room,
    SessionType,
    Venue,
)
from datacon.people.models import Organisation, OrganisationKind, Person
from datacon.program.models import (
    ConsentBasis,
    Material,
    MaterialKind,
    Participation,
    ParticipationRole,
    ParticipationStatus,
    Session,
    SessionStatus,
)

BATCH_SIZE = 500
SLUG_PREFIX = "carga-"  # every generated person and organisation; --replace removes them
EDITION_SLUG = "2030-carga"
EDITION_YEAR = 2030
EDITION_NUMBER = 90
TIMEZONE = "America/Mexico_City"


@dataclass(frozen=True)
class Scale:
    """How much to generate; `Scale.full()` is the size the issue asks for."""

    sessions: int = 1000
    days: int = 3
    venues: int = 10
    rooms: int = 60
    people: int = 3000
    organisations: int = 800
    registrations: int = 20000
    comments: int = 50000

    @classmethod
    def full(cls) -> Scale:
        return cls()

    def scaled(self, factor: float) -> Scale:
        """A smaller (or larger) data set of the same shape, for tests."""

        def part(value: int, minimum: int = 1) -> int:
            return max(minimum, round(value * factor))

        venues = part(self.venues)
        return replace(
            self,
            sessions=part(self.sessions),
            venues=venues,
            rooms=max(venues, part(self.rooms)),
            people=part(self.people, 2),
            organisations=part(self.organisations, 2),
            registrations=part(self.registrations, 0),
            comments=part(self.comments, 0),
        )


@dataclass
class Context:
    """What the conference part created; capability steps build on it."""

    seed: int
    scale: Scale
    edition: Edition
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def rng(self, step: str) -> random.Random:
        # One generator per step: adding or skipping a step never changes another's data.
        return random.Random(f"{self.seed}:{step}")  # noqa: S311 - test data, not secrets


@dataclass(frozen=True)
class Step:
    """A capability's part of the data set.

    The step runs when `datacon.<app>.large_dataset` exists and defines
    `generate(*, context: Context, count: int, rng: random.Random) -> int`
    (returning how many records it created). It may also define
    `remove(*, edition: Edition) -> None`, called by --replace before the
    edition is deleted, and `fingerprint_rows(*, edition: Edition)` yielding
    the rows (natural keys, no ids) that `dataset_fingerprint()` digests.
    Until then the step is skipped with a message.
    """

    name: str
    app: str
    count: Callable[[Scale], int]
    description: str

    @property
    def module_name(self) -> str:
        return f"datacon.{self.app}.large_dataset"

    def module(self) -> Any | None:
        try:
            found = importlib.util.find_spec(self.module_name)
        except ModuleNotFoundError:  # the app itself is not there
            return None
        return importlib.import_module(self.module_name) if found else None


STEPS: list[Step] = [
    Step(
        name="registrations",
        app="registration",
        count=lambda scale: scale.registrations,
        description="inscripciones a la edición",
    ),
    Step(
        name="consultation",
        app="consultation",
        count=lambda scale: scale.comments,
        description="una consulta pública con sus comentarios",
    ),
]


# --- Vocabulary: generic, clearly fictional, never a real person's name ---------------------

TOPICS = [
    "datos abiertos", "contrataciones abiertas", "presupuesto público", "salud pública",
    "seguridad ciudadana", "movilidad urbana", "cambio climático", "educación básica",
    "agua y saneamiento", "igualdad de género", "infraestructura", "obra pública",
    "transparencia municipal", "padrones de beneficiarios", "datos geoespaciales",
    "inteligencia artificial", "protección de datos personales", "periodismo de datos",
    "archivos históricos", "participación ciudadana", "justicia abierta", "gasto en salud",
]  # fmt: skip
OPENERS = [
    "Datos abiertos para", "Lecciones aprendidas sobre", "Cómo abrir datos de",
    "Estándares y calidad en", "Retos de la publicación de", "Herramientas para analizar",
    "Reutilización de datos de", "Una agenda común sobre", "Visualizar",
    "Del dato a la decisión:", "Indicadores abiertos de", "Colaboración pública en",
]  # fmt: skip
CONTEXTS = [
    "en los gobiernos locales", "desde la sociedad civil", "en la academia",
    "para periodistas", "en el ámbito estatal", "con perspectiva de género",
    "en comunidades indígenas", "para la rendición de cuentas", "a escala nacional",
    "en la región sur-sureste", "en el norte del país", "con enfoque de derechos",
]  # fmt: skip
SENTENCES = [
    "La sesión revisa experiencias recientes y propone pasos concretos.",
    "Se comparten herramientas libres que cualquier institución puede adoptar.",
    "Participantes de distintos sectores discuten qué datos hacen falta y para qué.",
    "Se presentan casos de reutilización con resultados medibles.",
    "El objetivo es acordar prioridades de publicación para el próximo año.",
    "Se analizan los obstáculos técnicos, legales y de presupuesto.",
    "La conversación parte de solicitudes de acceso a la información reales.",
    "Se muestran **estándares abiertos** y formatos que facilitan la reutilización.",
    "Habrá tiempo para preguntas del público presente y en línea.",
    "Los materiales se publican con licencia CC BY 4.0 al terminar.",
]  # fmt: skip
POSITIONS = [
    "Coordinación de datos abiertos", "Dirección de transparencia", "Investigación",
    "Análisis de datos", "Periodismo", "Dirección de tecnologías de la información",
    "Coordinación de proyectos", "Docencia", "Consultoría independiente",
    "Desarrollo de software", "Dirección ejecutiva", "Estudiante de posgrado",
]  # fmt: skip
ORGANISATION_FORMS: dict[str, list[str]] = {
    OrganisationKind.PUBLIC_BODY: ["Instituto ficticio de", "Secretaría ficticia de"],
    OrganisationKind.CIVIL_SOCIETY: ["Colectivo ficticio por", "Observatorio ficticio de"],
    OrganisationKind.ACADEMIA: ["Centro ficticio de estudios sobre", "Laboratorio ficticio de"],
    OrganisationKind.PRIVATE_SECTOR: ["Consultora ficticia en", "Empresa ficticia de"],
    OrganisationKind.INTERNATIONAL: ["Red internacional ficticia de"],
    OrganisationKind.MEDIA: ["Medio ficticio de"],
}
STATES = [
    ("09", "Ciudad de México"), ("14", "Guadalajara"), ("19", "Monterrey"), ("21", "Puebla"),
    ("31", "Mérida"), ("20", "Oaxaca de Juárez"), ("02", "Tijuana"), ("11", "León"),
    ("22", "Querétaro"), ("30", "Xalapa"), ("08", "Chihuahua"), ("07", "Tuxtla Gutiérrez"),
]  # fmt: skip
SLOT_STARTS = [(9, 0), (10, 30), (12, 0), (13, 30), (16, 0), (17, 30), (19, 0), (8, 0), (20, 30)]
ROLE_PLANS: dict[str, list[tuple[str, int, int]]] = {
    # session type slug -> [(role, fewest, most)]
    "ceremonia": [(ParticipationRole.SPEAKER, 1, 3)],
    "conferencia": [(ParticipationRole.SPEAKER, 1, 1), (ParticipationRole.MODERATOR, 1, 1)],
    "conversatorio": [(ParticipationRole.PANELIST, 2, 3), (ParticipationRole.MODERATOR, 1, 1)],
    "presentacion": [(ParticipationRole.SPEAKER, 2, 3)],
    "taller": [(ParticipationRole.WORKSHOP_LEADER, 1, 3)],
    "panel": [(ParticipationRole.PANELIST, 3, 4), (ParticipationRole.MODERATOR, 1, 1)],
    "mesa-de-dialogo": [
        (ParticipationRole.PANELIST, 2, 4),
        (ParticipationRole.MODERATOR, 1, 1),
        (ParticipationRole.RAPPORTEUR, 0, 1),
    ],
}
TYPE_WEIGHTS = {
    "ceremonia": 1,
    "conferencia": 8,
    "conversatorio": 14,
    "presentacion": 30,
    "taller": 15,
    "panel": 20,
    "mesa-de-dialogo": 12,
}


def _bulk(model: type[models.Model], objects: list) -> list:
    """bulk_create in batches; ids come back on PostgreSQL and on SQLite >= 3.35."""
    created: list = []
    for start in range(0, len(objects), BATCH_SIZE):
        created.extend(model._default_manager.bulk_create(objects[start : start + BATCH_SIZE]))
    return created


def _search_document(*parts: str) -> str:
    return search_normalise(" ".join(part for part in parts if part))


def _abstract(rng: random.Random, topic: str) -> str:
    sentences = rng.sample(SENTENCES, rng.randint(2, 4))
    return (
        f"Una conversación sobre **{topic}**. "
        + " ".join(sentences)
        + "\n\n*Sesión ficticia de la edición sintética para pruebas de carga.*"
    )


def _cycle(items: list, rng: random.Random) -> Iterator:
    """Every item once in a shuffled order, then again in another, forever."""
    while True:
        order = list(items)
        rng.shuffle(order)
        yield from order


def edition_remove() -> bool:
    """Delete the generated edition and its people and organisations (for --replace)."""
    edition = Edition.objects.filter(slug=EDITION_SLUG).first()
    with transaction.atomic():
        if edition is not None:
            for step in STEPS:
                module = step.module()
                if module is not None and hasattr(module, "remove"):
                    module.remove(edition=edition)
            # Sessions first: their types are protected while a session uses them.
            Session.objects.filter(edition=edition).delete()  # participations, materials too
            edition.delete()  # venues, rooms, types and organisation roles cascade
        Person.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        if edition is not None:
            public_version_bump(CONFERENCE)
    return edition is not None


def generate(
    *,
    seed: int = 2030,
    scale: Scale | None = None,
    steps: list[Step] | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> Context:
    """Create the large edition. Fails if it exists: call `edition_remove()` first."""
    scale = scale or Scale.full()
    if Edition.objects.filter(slug=EDITION_SLUG).exists():
        raise ValueError(
            f"La edición «{EDITION_SLUG}» ya existe; use --replace para generarla de nuevo."
        )
    with transaction.atomic():
        context = _conference(seed=seed, scale=scale, say=say)
        for step in STEPS if steps is None else steps:
            module = step.module()
            if module is None:
                say(
                    f"Se omite «{step.name}» ({step.description}): la aplicación "
                    f"{step.app} aún no ofrece {step.module_name}.generate()."
                )
                continue
            count = step.count(scale)
            created = module.generate(context=context, count=count, rng=context.rng(step.name))
            context.counts[step.name] = created
            say(f"{step.name}: {created}")
        context.counts["memoria_sections"] = _memoria(context)
        audit_record(
            actor=None,
            action="large_dataset.generate",
            instance=context.edition,
            changes={"seed": seed, "counts": context.counts},
        )
        # The bulk writes above skip the services, so nothing has bumped the
        # public versions yet: bump them now, in the same transaction, so every
        # cached page and ETag of every app server moves on with the new data.
        public_version_bump(CONFERENCE)
    # Tens of thousands of rows arrived at once: refresh the planner's
    # statistics now, or PostgreSQL plans the first pages for tables it still
    # believes empty (autovacuum catches up only minutes later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return context


def _conference(*, seed: int, scale: Scale, say: Callable[[str], None]) -> Context:
    tz = zoneinfo.ZoneInfo(TIMEZONE)
    start = dt.date(EDITION_YEAR, 5, 14)

    organisations = _organisations(random.Random(f"{seed}:organisations"), scale)  # noqa: S311
    say(f"organizaciones: {len(organisations)}")
    edition = Edition.objects.create(
        number=EDITION_NUMBER,
        year=EDITION_YEAR,
        slug=EDITION_SLUG,
        title=f"DATACON {EDITION_YEAR} · edición sintética para pruebas de carga (ficticia)",
        theme="Edición ficticia a escala nacional, generada para medir el rendimiento",
        summary=(
            "**Esta edición no existe.** Sus sesiones, personas y organizaciones se "
            "generaron al azar (con semilla fija) para medir el rendimiento de la plataforma."
        ),
        start_date=start,
        end_date=start + dt.timedelta(days=scale.days - 1),
        timezone=TIMEZONE,
        mode=EditionMode.HYBRID,
        status=EditionStatus.PUBLISHED,
        is_demo=True,
        organiser=organisations[0],
        privacy_contact_email="privacidad@carga.example",
        hashtag="#DATACON2030carga",
    )
    context = Context(seed=seed, scale=scale, edition=edition, organisations=organisations)
    context.counts["organisations"] = len(organisations)

    types = _bulk(
        SessionType,
        [
            SessionType(
                edition=edition, name=name, slug=slug, default_duration_minutes=minutes, order=order
            )
            for order, (name, slug, minutes) in enumerate(DEFAULT_SESSION_TYPES, start=1)
        ],
    )
    rng = context.rng("venues")
    venues = _bulk(
        Venue,
        [
            Venue(
                edition=edition,
                name=f"Sede ficticia {number:02d} · {STATES[(number - 1) % len(STATES)][1]}",
                state=STATES[(number - 1) % len(STATES)][0],
                city=STATES[(number - 1) % len(STATES)][1],
                address=f"Avenida Ficticia {rng.randint(1, 999)}, colonia Centro",
                capacity=rng.choice([300, 500, 800, 1200]),
                streaming_url=f"https://video.example.org/datacon-{EDITION_YEAR}/sede-{number:02d}",
                order=number,
            )
            for number in range(1, scale.venues + 1)
        ],
    )
    rooms = _bulk(
        Room,
        [
            Room(
                venue=venues[index % len(venues)],
                name=f"Sala {index // len(venues) + 1}",
                capacity=rng.choice([40, 60, 80, 120, 200]),
                order=index // len(venues) + 1,
            )
            for index in range(scale.rooms)
        ],
    )
    rooms.sort(key=lambda room: (room.venue.order, room.order))
    context.counts.update(venues=len(venues), rooms=len(rooms))

    _edition_roles(context, context.rng("roles"))
    context.people = _people(context, context.rng("people"))
    context.counts["people"] = len(context.people)
    say(f"personas: {len(context.people)}")
    context.sessions = _sessions(context, context.rng("sessions"), types, rooms, tz)
    context.counts["sessions"] = len(context.sessions)
    say(f"sesiones: {len(context.sessions)}")
    context.counts["participations"] = _participations(context, context.rng("participations"))
    context.counts["materials"] = _materials(context, context.rng("materials"))
    say(
        f"participaciones: {context.counts['participations']}, "
        f"materiales: {context.counts['materials']}"
    )
    return context


MEMORIA_SECTIONS = {
    "background": "La edición sintética se generó para medir el rendimiento de la plataforma.",
    "development": (
        "Durante tres días ficticios, diez sedes y sesenta salas recibieron mil sesiones. "
        "Nada de esto ocurrió: son datos de prueba."
    ),
    "conclusions": "Las páginas públicas deben responder igual de rápido con datos de este tamaño.",
}


def _memoria(context: Context) -> int:
    """A published memoria, as a real edition has once it is over: its page and exports show
    the narrative, the figures computed from the program and every capability's blocks."""
    from datacon.common.actor import Actor
    from datacon.memoria.services import memoria_ensure, memoria_publish, memoria_sections_save

    memoria = memoria_ensure(edition=context.edition, actor=Actor.system("large data set"))
    memoria.subtitle = "Memoria ficticia de la edición sintética para pruebas de carga"
    memoria_sections_save(
        memoria=memoria,
        sections={kind: ("", body) for kind, body in MEMORIA_SECTIONS.items()},
        actor=Actor.system("large data set"),
    )
    memoria_publish(
        memoria=memoria, actor=Actor.system("large data set"), on=dt.date(EDITION_YEAR, 6, 30)
    )
    return len(MEMORIA_SECTIONS)


def _organisations(rng: random.Random, scale: Scale) -> list[Organisation]:
    kinds = list(ORGANISATION_FORMS)
    objects = []
    for number in range(1, scale.organisations + 1):
        topic = rng.choice(TOPICS)
        if number == 1:
            name, kind = "Comité organizador ficticio de la edición de carga", "civil_society"
        else:
            kind = rng.choices(kinds, weights=[30, 30, 20, 10, 4, 6])[0]
            name = f"{rng.choice(ORGANISATION_FORMS[kind])} {topic} {number:03d}"
        acronym = "".join(word[0] for word in name.split() if word[0].isalpha()).upper()[:6]
        description = f"Organización ficticia generada para pruebas de carga. Tema: {topic}."
        objects.append(
            Organisation(
                name=name,
                acronym=acronym if number % 3 else "",
                slug=f"{SLUG_PREFIX}org-{number:04d}",
                kind=kind,
                website=f"https://org{number:04d}.example.org" if number % 2 else "",
                description=description,
                search_document=_search_document(name, acronym, description),
            )
        )
    return _bulk(Organisation, objects)


def _edition_roles(context: Context, rng: random.Random) -> None:
    others = context.organisations[1:]
    chosen = rng.sample(others, min(len(others), max(1, len(context.organisations) // 5)))
    links = [
        EditionOrganisation(
            edition=context.edition,
            organisation=context.organisations[0],
            role=OrganisationRole.ORGANISER,
            order=1,
        )
    ]
    for order, organisation in enumerate(chosen, start=1):
        role = (
            OrganisationRole.COMMITTEE
            if order <= len(chosen) // 16 + 1
            else OrganisationRole.CO_CONVENER
            if order <= len(chosen) // 4 + 1
            else OrganisationRole.ALLY
        )
        links.append(
            EditionOrganisation(
                edition=context.edition, organisation=organisation, role=role, order=order
            )
        )
    context.counts["edition_organisations"] = len(_bulk(EditionOrganisation, links))


def _people(context: Context, rng: random.Random) -> list[Person]:
    objects = []
    for number in range(1, context.scale.people + 1):
        word = rng.choice(["Ponente", "Persona", "Participante", "Especialista"])
        name = f"{word} ficticia {number:04d}"
        organisation = rng.choice(context.organisations) if rng.random() < 0.9 else None
        position = rng.choice(POSITIONS)
        bio = f"Perfil ficticio generado para pruebas de carga. Trabaja en {rng.choice(TOPICS)}."
        objects.append(
            Person(
                public_name=name,
                slug=f"{SLUG_PREFIX}persona-{number:04d}",
                position=position,
                organisation=organisation,
                bio=bio,
                # Private fields get values so privacy checks on large pages mean something.
                email=f"persona{number:04d}@privado.example",
                gender=rng.choice(["woman", "man", "non_binary", ""]),
                search_document=_search_document(name, position, bio),
            )
        )
    return _bulk(Person, objects)


def _sessions(
    context: Context,
    rng: random.Random,
    types: list[SessionType],
    rooms: list[Room],
    tz: zoneinfo.ZoneInfo,
) -> list[Session]:
    edition = context.edition
    total = context.scale.sessions
    days = edition.days
    type_slugs = [t.slug for t in types]
    weights = [TYPE_WEIGHTS.get(slug, 1) for slug in type_slugs]
    by_slug = {t.slug: t for t in types}
    objects = []
    for day_index, day in enumerate(days):
        count = total // len(days) + (1 if day_index < total % len(days) else 0)
        slots = SLOT_STARTS[: max(6, math.ceil(count / len(rooms)))]
        if len(slots) * len(rooms) < count:
            raise ValueError("Demasiadas sesiones para las salas y horarios disponibles.")
        cells = rng.sample([(slot, room) for slot in slots for room in rooms], count)
        cells.sort(key=lambda cell: (cell[0], cell[1].venue.order, cell[1].order))
        for order, ((hour, minute), room) in enumerate(cells, start=1):
            slug = rng.choices(type_slugs, weights=weights)[0]
            session_type = by_slug[slug]
            starts_at = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
            minutes = min(session_type.default_duration_minutes, 90)
            topic = rng.choice(TOPICS)
            title = f"{rng.choice(OPENERS)} {topic} {rng.choice(CONTEXTS)}"
            code = f"S{day_index + 1:02d}{order:03d}"
            abstract = _abstract(rng, topic)
            objects.append(
                Session(
                    edition=edition,
                    code=code,
                    title=title,
                    session_type=session_type,
                    day=day,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(minutes=minutes),
                    order_in_day=order,
                    venue=room.venue,
                    room=room,
                    abstract=abstract,
                    language="en" if rng.random() < 0.05 else "es",
                    status=SessionStatus.CANCELLED
                    if rng.random() < 0.02
                    else SessionStatus.CONFIRMED,
                    expected_audience=rng.choice([30, 50, 80, 120, 300]),
                    search_document=_search_document(code, title, abstract),
                )
            )
    return _bulk(Session, objects)


# The fictional people of the large data set stand for speakers who confirmed.
CONSENTED = {"status": ParticipationStatus.CONFIRMED, "consent_basis": ConsentBasis.ORGANISER}


def _participations(context: Context, rng: random.Random) -> int:
    people = _cycle(context.people, rng)
    objects = []
    for session in context.sessions:
        seen: set[tuple[int, str]] = set()
        order = 0
        for role, fewest, most in ROLE_PLANS.get(
            session.session_type.slug, [(ParticipationRole.SPEAKER, 1, 2)]
        ):
            for _ in range(rng.randint(fewest, most)):
                person = next(people)
                if (person.pk, role) in seen:
                    continue
                seen.add((person.pk, role))
                order += 1
                objects.append(
                    Participation(
                        session=session, person=person, role=role, order=order, **CONSENTED
                    )
                )
    # Everyone takes part somewhere, so every generated person has a public page
    # (at small scales the random plan may leave a few out).
    used = {participation.person.pk for participation in objects}
    last_order: dict[int, int] = {}
    for participation in objects:
        last_order[participation.session.pk] = participation.order
    sessions = _cycle(context.sessions, rng)
    for person in context.people:
        if person.pk in used:
            continue
        session = next(sessions)
        last_order[session.pk] = last_order.get(session.pk, 0) + 1
        objects.append(
            Participation(
                session=session,
                person=person,
                role=ParticipationRole.SPEAKER,
                order=last_order[session.pk],
                **CONSENTED,
            )
        )
    return len(_bulk(Participation, objects))


def _materials(context: Context, rng: random.Random) -> int:
    objects = []
    for session in context.sessions:
        base = f"https://video.example.org/datacon-{EDITION_YEAR}/{session.code}"
        if rng.random() < 0.6:
            paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(2, 4))]
            objects.append(
                Material(
                    session=session,
                    kind=MaterialKind.REPORT,
                    title="Relatoría",
                    body="\n\n".join(paragraphs),
                    order=1,
                )
            )
        if rng.random() < 0.4:
            objects.append(
                Material(
                    session=session, kind=MaterialKind.VIDEO, title="Grabación", url=base, order=2
                )
            )
        if rng.random() < 0.2:
            objects.append(
                Material(
                    session=session,
                    kind=MaterialKind.SLIDES,
                    title="Presentación",
                    url=f"{base}/diapositivas.pdf",
                    order=3,
                )
            )
    return len(_bulk(Material, objects))


def dataset_fingerprint() -> str:
    """A digest of the generated records by their natural keys (no ids, no timestamps).

    Two runs with the same seed and scale give the same fingerprint.
    """
    digest = hashlib.sha256()

    def plain(value: Any) -> Any:
        # The same text whatever time zone object the database driver attaches.
        if isinstance(value, dt.datetime):
            return value.astimezone(dt.UTC).isoformat()
        return value

    def feed(rows: Any) -> None:
        for row in rows:
            digest.update(repr(tuple(plain(value) for value in row)).encode())
            digest.update(b"\n")

    edition = Edition.objects.get(slug=EDITION_SLUG)
    feed([(edition.title, edition.start_date, edition.end_date, edition.organiser.slug)])  # type: ignore[union-attr]
    feed(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("slug", "name", "acronym", "kind", "website", "description")
    )
    feed(
        Person.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("slug", "public_name", "position", "organisation__slug", "bio", "email")
    )
    feed(
        EditionOrganisation.objects.filter(edition=edition)
        .order_by("organisation__slug", "role")
        .values_list("organisation__slug", "role", "order")
    )
    feed(
        Room.objects.filter(venue__edition=edition)
        .order_by("venue__name", "name")
        .values_list("venue__name", "venue__city", "name", "capacity")
    )
    feed(
        Session.objects.filter(edition=edition)
        .order_by("code")
        .values_list(
            "code",
            "title",
            "session_type__slug",
            "starts_at",
            "ends_at",
            "room__name",
            "venue__name",
            "status",
            "language",
            "abstract",
        )
    )
    feed(
        Participation.objects.filter(session__edition=edition)
        .order_by("session__code", "order", "person__slug")
        .values_list("session__code", "person__slug", "role", "order")
    )
    feed(
        Material.objects.filter(session__edition=edition)
        .order_by("session__code", "order")
        .values_list("session__code", "kind", "title", "body", "url")
    )
    from datacon.memoria.models import Memoria, MemoriaSection

    feed(Memoria.objects.filter(edition=edition).values_list("status", "published_on", "subtitle"))
    feed(
        MemoriaSection.objects.filter(memoria__edition=edition)
        .order_by("kind")
        .values_list("kind", "title", "body")
    )
    for step in STEPS:
        module = step.module()
        if module is not None and hasattr(module, "fingerprint_rows"):
            digest.update(f"[{step.name}]\n".encode())
            feed(module.fingerprint_rows(edition=edition))
    return digest.hexdigest()
