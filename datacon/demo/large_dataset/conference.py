"""The conference part of the large data set: organisations, the edition, its venues
and rooms, people, sessions, participations, materials and the published memoria."""

from __future__ import annotations

import datetime as dt
import math
import random
import zoneinfo
from collections.abc import Callable

from datacon.demo.large_dataset.base import (
    EDITION_NUMBER,
    EDITION_SLUG,
    EDITION_YEAR,
    SLUG_PREFIX,
    TIMEZONE,
    Context,
    Scale,
    _bulk,
    _cycle,
    _search_document,
)
from datacon.demo.large_dataset.vocabulary import (
    CONTEXTS,
    MEMORIA_SECTIONS,
    OPENERS,
    ORGANISATION_FORMS,
    POSITIONS,
    ROLE_PLANS,
    SENTENCES,
    SLOT_STARTS,
    STATES,
    TOPICS,
    TYPE_WEIGHTS,
)
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
from datacon.people.models import Organisation, Person
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


def _abstract(rng: random.Random, topic: str) -> str:
    sentences = rng.sample(SENTENCES, rng.randint(2, 4))
    return (
        f"Una conversación sobre **{topic}**. "
        + " ".join(sentences)
        + "\n\n*Sesión ficticia de la edición sintética para pruebas de carga.*"
    )


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
                    # The national-scale program is a published one (bulk, no versions).
                    published=True,
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
