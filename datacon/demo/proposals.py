"""Demonstration data for the call for proposals, on the fictional DATACON 2027.

Everything here is fictional and says so: the accounts are "Revisora Demo 1",
"Revisor Demo 2" and "Proponente Demo" (addresses @datacon.demo), the proposals
end in "(demostración)". It lets anyone try the whole flow: the call is open,
a few proposals wait for review with anonymisation on, one accepted panel
waits to be placed (and its moderator is already on stage at 10:00 on day 1,
so placing it then shows the double-booking warning), and version 1 of the
program is published.

The call opens on 1 January 2026 and closes on 31 March 2027 or, when the demo
runs later than that, 30 days after the day it runs, so it is open whatever
the date. Idempotent: every record is looked up first and written only once.
Prints nothing: the main loader reports the counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from datacon.common.actor import Actor
from datacon.common.models import OutboundEmail, OutboundEmailStatus
from datacon.common.write import unit_of_work
from datacon.editions.models import (
    CoConvenerApplication,
    Edition,
    Room,
    Venue,
    VenueCandidate,
    VenueCandidateStatus,
)
from datacon.editions.services import (
    co_convener_apply,
    room_save,
    venue_candidate_save,
    venue_candidate_scores_save,
    venue_save,
)
from datacon.proposals.models import (
    Call,
    Proposal,
    ProposalStatus,
    Question,
    ReviewAssignment,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.roles import REVIEWERS
from datacon.proposals.services import (
    PersonInput,
    ProposalInput,
    assignments_from_teams,
    call_create,
    proposal_decide,
    proposal_respond,
    proposal_submit,
    question_save,
    review_save,
    review_team_save,
    track_save,
)

DEMO_SLUG = "2027-demo"
DEMO_PASSWORD = "datacon-demo-2021"  # noqa: S105 - the demo organiser's password, demo only
REVIEWER_1 = ("revisora1@datacon.demo", "Revisora", "Demo 1")
REVIEWER_2 = ("revisor2@datacon.demo", "Revisor", "Demo 2")
PROPONENT = ("proponente@datacon.demo", "Proponente", "Demo")
OTHER_SUBMITTERS = [
    ("ponente.c@datacon.demo", "Ponente Ficticia", "C"),
    ("ponente.d@datacon.demo", "Ponente Ficticio", "D"),
]
CALL_OPENS = dt.datetime(2026, 1, 1, 0, 0)
CALL_CLOSES = dt.datetime(2027, 3, 31, 23, 59)

CALL_TEXT = (
    "**Convocatoria de demostración: esta edición no existe.**\n\n"
    "La DATACON 2027 (ficticia) recibe propuestas de conferencias, paneles, talleres y "
    "presentaciones sobre la generación, publicación, uso y aprovechamiento de datos abiertos. "
    "Las propuestas se eligen por su mérito, su innovación y su contribución a la agenda de "
    "datos abiertos, y se privilegia la participación paritaria entre mujeres y hombres, como "
    "pide la memoria de la DATACON 2021."
)


def _user(report: Counter[str], email: str, first: str, last: str, *, staff: bool) -> Any:
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            username=email.split("@")[0],
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            is_staff=staff,
        )
        EmailAddress.objects.get_or_create(user=user, email=email, verified=True, primary=True)
        report["user"] += 1
    return user


def _venue_setup(report: Counter[str], edition: Edition) -> tuple[Venue, Room, Room]:
    venue = Venue.objects.filter(edition=edition, is_virtual=False).order_by("order").first()
    if venue is None:
        venue = venue_save(
            venue=Venue(
                edition=edition,
                name="Sede Ciudad de México (demostración)",
                state="09",
                city="Ciudad de México",
                capacity=300,
            ),
            actor=Actor.system("demo"),
        )
    if venue.opens_at is None or venue.closes_at is None:
        venue.opens_at, venue.closes_at = dt.time(9, 0), dt.time(19, 0)
        venue_save(venue=venue, actor=Actor.system("demo"))
    rooms = []
    for order, (name, capacity) in enumerate(
        [("Auditorio (demostración)", 200), ("Sala de talleres (demostración)", 40)], start=1
    ):
        room = Room.objects.filter(venue=venue, name=name).first()
        if room is None:
            room = room_save(
                room=Room(venue=venue, name=name, capacity=capacity, order=order),
                actor=Actor.system("demo"),
            )
            report["room"] += 1
        rooms.append(room)
    return venue, rooms[0], rooms[1]


def _call(report: Counter[str], edition: Edition) -> Call:
    call = Call.objects.filter(edition=edition).first()
    tz = edition.tz
    closes = CALL_CLOSES.replace(tzinfo=tz)
    # The demo must be usable on any day: a late run keeps the call open a month more.
    later = dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=30), dt.time(23, 59), tzinfo=tz
    )
    closes = max(closes, later)
    if call is None:
        call = call_create(
            edition=edition,
            opens_at=CALL_OPENS.replace(tzinfo=tz),
            closes_at=closes,
            text=CALL_TEXT,
            anonymous_review=True,
            max_people=5,
            contact_email="convocatoria@datacon.demo",
            actor=Actor.system("demo"),
        )
        report["call"] += 1
    elif call.closes_at < later:
        call.closes_at = later
        call.save(update_fields=["closes_at", "updated_at"])
    return call


def _questions(report: Counter[str], call: Call) -> None:
    wanted = [
        ("Nivel de la sesión", "choice", "Introductorio\nIntermedio\nAvanzado", True, True),
        ("¿Ha presentado esta propuesta en otro evento?", "yes_no", "", False, True),
        ("¿Cuántas personas espera en su sesión?", "number", "", False, True),
        (
            "¿Quién financia el proyecto que presenta?",
            "text",
            "",
            False,
            False,  # it could reveal who proposes
        ),
    ]
    existing = set(call.questions.values_list("text", flat=True))
    for order, (text, kind, choices, required, visible) in enumerate(wanted, start=1):
        if text in existing:
            continue
        question_save(
            question=Question(
                call=call,
                text=text,
                kind=kind,
                choices=choices,
                required=required,
                show_to_reviewers=visible,
                order=order,
            ),
            actor=Actor.system("demo"),
        )
        report["question"] += 1


def _tracks(report: Counter[str], edition: Edition) -> dict[str, Track]:
    tracks = {}
    for order, (name, description) in enumerate(
        [
            (
                "Rendición de cuentas",
                "Datos abiertos para vigilar el gasto y las decisiones públicas.",
            ),
            ("Uso comunitario", "Comunidades que usan datos abiertos para ejercer sus derechos."),
        ],
        start=1,
    ):
        track = Track.objects.filter(edition=edition, name=name).first()
        if track is None:
            track = track_save(
                track=Track(edition=edition, name=name, description=description, order=order),
                actor=Actor.system("demo"),
            )
            report["track"] += 1
        tracks[name] = track
    return tracks


def _quiet_outbox(since: int) -> None:
    """The demo's own e-mails (invitations, one decision) count as delivered, so
    loading the demo never prints or sends a message."""
    OutboundEmail.objects.filter(pk__gt=since, status=OutboundEmailStatus.QUEUED).update(
        status=OutboundEmailStatus.SENT, sent_at=timezone.now()
    )


def _proposal(
    report: Counter[str],
    *,
    call: Call,
    submitter: Any,
    title: str,
    type_slug: str,
    abstract: str,
    people: list[PersonInput],
    audiences: list[str],
    track: Track | None,
    answers: dict[str, str],
) -> Proposal:
    existing = Proposal.objects.filter(edition=call.edition, title=title).first()
    if existing is not None:
        return existing
    by_text = {q.text: q.pk for q in call.questions.all()}
    proposal = proposal_submit(
        call=call,
        actor=Actor.of(submitter),
        data=ProposalInput(
            title=title,
            abstract=abstract,
            session_type=call.edition.session_types.get(slug=type_slug),
            audiences=audiences,
            track=track,
        ),
        people=people,
        answers={by_text[text]: value for text, value in answers.items() if text in by_text},
    )
    report["proposal"] += 1
    return proposal


def demo_load() -> dict[str, int]:
    report: Counter[str] = Counter()
    edition = Edition.objects.filter(slug=DEMO_SLUG).first()
    if edition is None:
        return {}
    with unit_of_work(Actor.system("demo")):
        last_email = OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        venue, auditorium, _workshop_room = _venue_setup(report, edition)
        call = _call(report, edition)
        _questions(report, call)
        tracks = _tracks(report, edition)

        reviewers_group, _created = Group.objects.get_or_create(name=REVIEWERS)
        reviewer_1 = _user(report, *REVIEWER_1, staff=True)
        reviewer_2 = _user(report, *REVIEWER_2, staff=True)
        for reviewer in (reviewer_1, reviewer_2):
            reviewer.groups.add(reviewers_group)
        proponent = _user(report, *PROPONENT, staff=False)
        others = [_user(report, *data, staff=False) for data in OTHER_SUBMITTERS]

        team = ReviewTeam.objects.filter(edition=edition).first()
        if team is None:
            team = review_team_save(
                team=ReviewTeam(edition=edition, name="Equipo de revisión (demostración)"),
                actor=Actor.system("demo"),
            )
            team.members.set([reviewer_1, reviewer_2])
            report["reviewteam"] += 1

        me = PersonInput(
            name="Proponente Demo",
            email=PROPONENT[0],
            role="speaker",
            organisation="Colectivo de demostración (ficticio)",
        )
        talk = _proposal(
            report,
            call=call,
            submitter=proponent,
            title="Movilidad urbana con datos abiertos (demostración)",
            type_slug="presentacion",
            abstract="Cómo una ciudad ficticia publicó sus rutas de transporte como datos abiertos y "
            "qué hizo con ellos la gente. **Propuesta de demostración.**",
            people=[me],
            audiences=["government", "general"],
            track=tracks["Rendición de cuentas"],
            answers={
                "Nivel de la sesión": "Introductorio",
                "¿Ha presentado esta propuesta en otro evento?": "no",
            },
        )
        panel = _proposal(
            report,
            call=call,
            submitter=proponent,
            title="Datos abiertos para la atención de emergencias (demostración)",
            type_slug="panel",
            abstract="Un panel ficticio sobre protocolos de datos abiertos en sismos e inundaciones. "
            "**Propuesta de demostración.**",
            people=[
                PersonInput(
                    name="Proponente Demo",
                    email=PROPONENT[0],
                    role="moderator",
                    organisation="Colectivo de demostración (ficticio)",
                ),
                PersonInput(
                    name="Ponente Ficticia A",
                    email="ponente.a@datacon.demo",
                    role="speaker",
                    organisation="Protección civil de demostración",
                    gender="woman",
                ),
                PersonInput(
                    name="Ponente Ficticio B",
                    email="ponente.b@datacon.demo",
                    role="speaker",
                    organisation="Universidad de demostración",
                    gender="man",
                ),
            ],
            audiences=["government", "civil_society", "journalists"],
            track=tracks["Uso comunitario"],
            answers={
                "Nivel de la sesión": "Intermedio",
                "¿Cuántas personas espera en su sesión?": "80",
            },
        )
        _proposal(
            report,
            call=call,
            submitter=others[0],
            title="Taller: limpiar datos presupuestarios (demostración)",
            type_slug="taller",
            abstract="Un taller ficticio con hojas de cálculo y herramientas libres para limpiar "
            "datos de presupuesto. **Propuesta de demostración.**",
            people=[
                PersonInput(
                    name="Ponente Ficticia C",
                    email=OTHER_SUBMITTERS[0][0],
                    role="speaker",
                    organisation="Laboratorio de datos de demostración",
                    gender="woman",
                )
            ],
            audiences=["journalists", "civil_society"],
            track=tracks["Rendición de cuentas"],
            answers={
                "Nivel de la sesión": "Avanzado",
                "¿Quién financia el proyecto que presenta?": "Fondo ficticio de demostración",
            },
        )
        conversation = _proposal(
            report,
            call=call,
            submitter=others[1],
            title="Conversatorio: datos abiertos desde lo local (demostración)",
            type_slug="conversatorio",
            abstract="Un conversatorio ficticio sobre cómo los organismos garantes locales acompañan "
            "a sus comunidades de datos. **Propuesta de demostración.**",
            people=[
                PersonInput(
                    name="Ponente Ficticio D",
                    email=OTHER_SUBMITTERS[1][0],
                    role="speaker",
                    organisation="Organismo garante de demostración",
                    gender="man",
                ),
                PersonInput(
                    name="Ponente Ficticio E",
                    email="ponente.e@datacon.demo",
                    role="speaker",
                    organisation="Gobierno estatal de demostración",
                    gender="man",
                ),
                PersonInput(
                    name="Proponente Demo",
                    email=PROPONENT[0],
                    role="moderator",
                    organisation="Colectivo de demostración (ficticio)",
                ),
            ],
            audiences=["government", "civil_society"],
            track=tracks["Uso comunitario"],
            answers={"Nivel de la sesión": "Introductorio"},
        )
        report["reviewassignment"] += assignments_from_teams(
            edition=edition, actor=Actor.system("demo")
        )

        criteria = list(ReviewCriterion.objects.filter(edition=edition))
        assignment = ReviewAssignment.objects.filter(proposal=panel, reviewer=reviewer_1).first()
        if (
            assignment is not None
            and not hasattr(assignment, "review")
            and panel.status == "submitted"
        ):
            review_save(
                assignment=assignment,
                scores={c.pk: value for c, value in zip(criteria, [4, 5, 4, 4], strict=False)},
                comment="Tema pertinente y panel equilibrado. (Revisión de demostración.)",
                actor=Actor.of(reviewer_1),
            )
            report["review"] += 1

        if talk.status == ProposalStatus.SUBMITTED:
            proposal_decide(
                proposal=talk, decision="accepted", actor=Actor.system("demo"), without_reviews=True
            )
            from datacon.common.mail import email_approve

            for email in OutboundEmail.objects.filter(
                related_type="proposals.proposal", related_id=str(talk.pk), status="draft"
            ):
                email_approve(email=email, actor=Actor.system("demo"))
            _quiet_outbox(last_email)
            proposal_respond(proposal=talk, confirm=True, actor=Actor.of(proponent))
        if conversation.status == ProposalStatus.SUBMITTED:
            proposal_decide(
                proposal=conversation,
                decision="accepted",
                actor=Actor.system("demo"),
                without_reviews=True,
            )

        talk.refresh_from_db()
        from datacon.program.models import ScheduleVersion
        from datacon.program.publication import schedule_publish
        from datacon.program.schedule import placement_set

        if (
            talk.session is not None
            and not ScheduleVersion.objects.filter(edition=edition).exists()
        ):
            assert edition.start_date is not None
            starts = dt.datetime.combine(edition.start_date, dt.time(10, 0), tzinfo=edition.tz)
            placement_set(
                session=talk.session,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=30),
                venue=venue,
                room=auditorium,
                expected_audience=120,
                actor=Actor.system("demo"),
            )
            schedule_publish(
                edition=edition,
                actor=Actor.system("demo"),
                note="Primera versión del programa de demostración.",
            )
            report["scheduleversion"] += 1

        _co_conveners(report, edition)
        _venue_candidates(report, edition)
        _quiet_outbox(last_email)
    return dict(report)


def _co_conveners(report: Counter[str], edition: Edition) -> None:
    name = "Colectivo de Datos de Demostración (ficticio)"
    if CoConvenerApplication.objects.filter(edition=edition, organisation_name=name).exists():
        return
    co_convener_apply(
        application=CoConvenerApplication(
            edition=edition,
            organisation_name=name,
            kind="civil_society",
            description="Organización ficticia para probar las solicitudes de co-convocatoria.",
            motivation="Difundir la convocatoria entre comunidades de datos (demostración).",
            contact_name="Contacto Demo",
            contact_email="contacto@datacon.demo",
        ),
        actor=Actor.system("demo"),
    )
    report["coconvenerapplication"] += 1


# Fictional assessments: the states are real, the scores and evidence are not.
_CANDIDATES: list[tuple[str, dict[str, tuple[int | None, str]]]] = [
    (
        "14",
        {
            "willingness": (
                4,
                "Carta de interés ficticia del organismo garante local (demostración).",
            ),
            "advances": (
                4,
                "Portal estatal de datos abiertos con actualizaciones frecuentes (demostración).",
            ),
            "community": (5, "Varias comunidades de datos activas (demostración)."),
        },
    ),
    (
        "31",
        {
            "willingness": (5, "Reunión ficticia con el gobierno del estado (demostración)."),
            "advances": (3, "Programa de apertura en curso (demostración)."),
            "community": (3, "Comunidad universitaria en formación (demostración)."),
        },
    ),
    (
        "05",
        {
            "willingness": (3, "Sin respuesta formal todavía (demostración)."),
            "advances": (4, "Buenas prácticas en contrataciones abiertas (demostración)."),
            "community": (None, ""),
        },
    ),
]


def _venue_candidates(report: Counter[str], edition: Edition) -> None:
    for state, scores in _CANDIDATES:
        if VenueCandidate.objects.filter(edition=edition, state=state).exists():
            continue
        candidate = venue_candidate_save(
            candidate=VenueCandidate(
                edition=edition,
                state=state,
                notes="Evaluación de demostración: las puntuaciones y la evidencia son ficticias.",
                status=VenueCandidateStatus.CANDIDATE,
            ),
            actor=Actor.system("demo"),
        )
        venue_candidate_scores_save(
            candidate=candidate,
            scores={
                key: {"score": score, "evidence": evidence}
                for key, (score, evidence) in scores.items()
            },
            actor=Actor.system("demo"),
        )
        report["venuecandidate"] += 1
