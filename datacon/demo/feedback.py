"""Demo data for feedback, on the fictional DATACON 2027 edition only (slug 2027-demo).

* the edition's satisfaction survey, open, with one question of each kind;
* a fictional speaker (account «ponente.demo@datacon.demo») confirmed as the
  workshop leader of the demo workshop, who sees its feedback under
  «Mi cuenta › Opiniones sobre mis sesiones»;
* six ratings of that workshop and six survey responses from six fictional
  accounts, so the aggregates show (at least 5 answers) on the speaker's page,
  in the memoria and in the open data. The comments are fictional too.

The 2027 edition has not happened, so nobody could really rate it: these
records are written by the demo loader (the system actor), clearly fictional.
Idempotent: nothing is written twice.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import Edition
from datacon.feedback.models import (
    FeedbackAction,
    QuestionKind,
    SessionRating,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from datacon.feedback.services import survey_question_add, survey_save
from datacon.people.models import Person
from datacon.people.services import person_create
from datacon.program.models import ConsentBasis, ParticipationRole, ParticipationStatus, Session
from datacon.program.services import participation_add

DEMO_EDITION_SLUG = "2027-demo"
WORKSHOP_TITLE = "Taller de demostración: publicar un conjunto de datos abiertos (ficticio)"
DEMO = Actor.system("demo")
SPEAKER_EMAIL = "ponente.demo@datacon.demo"
SPEAKER_NAME = "Tallerista ficticia (demostración)"
SPEAKER_PASSWORD = "datacon-demo-2021"  # noqa: S105 - demo only, like the other demo accounts
RATERS = [f"opinion.demo{number}@datacon.demo" for number in range(1, 7)]
RATINGS = [
    (5, "Muy práctico: salí con mi primer conjunto publicado (comentario ficticio)."),
    (4, "Faltó tiempo para las preguntas (comentario ficticio)."),
    (5, ""),
    (4, "Buen material de apoyo (comentario ficticio)."),
    (3, "La sala era pequeña (comentario ficticio)."),
    (5, ""),
]
QUESTIONS = [
    ("¿Qué tan satisfecha o satisfecho quedó con la edición?", QuestionKind.SCALE, ""),
    ("¿Cómo se enteró de la DATACON?", QuestionKind.CHOICE, "Redes sociales\nCorreo\nColegas"),
    ("¿Qué mejoraría para la próxima edición?", QuestionKind.TEXT, ""),
]
ANSWERS = [
    ("5", "Redes sociales", "Más talleres (respuesta ficticia)."),
    ("4", "Correo", ""),
    ("5", "Colegas", "Transmisión con subtítulos (respuesta ficticia)."),
    ("4", "Redes sociales", ""),
    ("3", "Correo", "Horarios más cortos (respuesta ficticia)."),
    ("5", "Redes sociales", ""),
]


def _account(email: str, name: str, password: str | None = None):  # type: ignore[no-untyped-def]
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model(username=email, email=email, first_name=name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _speaker(workshop: Session) -> int:
    account = _account(SPEAKER_EMAIL, SPEAKER_NAME, SPEAKER_PASSWORD)
    person = Person.objects.filter(user=account).first()
    created = 0
    if person is None:
        person = person_create(public_name=SPEAKER_NAME, actor=DEMO)
        person.user = account
        with unit_of_work(DEMO) as work:
            work.save(person, fields=["user"])
        created += 1
    if workshop.participations.filter(person=person).exists():
        return created
    participation_add(
        session=workshop,
        person=person,
        role=ParticipationRole.WORKSHOP_LEADER,
        status=ParticipationStatus.CONFIRMED,
        consent_basis=ConsentBasis.ORGANISER,
        actor=DEMO,
    )
    return created + 1


def _survey(edition: Edition) -> Survey:
    survey = Survey.objects.filter(edition=edition).first()
    if survey is not None and survey.is_open:
        return survey
    if survey is None or not survey.questions.exists():
        for text, kind, options in QUESTIONS:
            survey_question_add(actor=DEMO, edition=edition, text=text, kind=kind, options=options)
    return survey_save(
        actor=DEMO,
        edition=edition,
        title="Encuesta de satisfacción (demostración)",
        intro="Encuesta ficticia de la edición de demostración: sus respuestas no cuentan.",
        is_open=True,
    )


def _ratings_and_answers(workshop: Session, survey: Survey) -> int:
    created = 0
    questions = list(survey.questions.order_by("order", "id"))
    with unit_of_work(DEMO) as work:
        for email, (rating, comment), answer in zip(RATERS, RATINGS, ANSWERS, strict=True):
            user = _account(email, "Asistente ficticia de la encuesta")
            if not SessionRating.objects.filter(session=workshop, user=user).exists():
                work.save(
                    SessionRating(session=workshop, user=user, rating=rating, comment=comment),
                    action=FeedbackAction.SESSION_RATE,
                )
                created += 1
            if not SurveyResponse.objects.filter(survey=survey, user=user).exists():
                response = work.save(
                    SurveyResponse(survey=survey, user=user), action=FeedbackAction.SURVEY_ANSWER
                )
                rows = []
                for question, value in zip(questions, answer, strict=False):
                    if not value:
                        continue
                    row = SurveyAnswer(response=response, question=question)
                    if question.kind == QuestionKind.SCALE:
                        row.scale = int(value)
                    elif question.kind == QuestionKind.CHOICE:
                        row.choice = value
                    else:
                        row.text = value
                    rows.append(row)
                work.create_many(rows, action=FeedbackAction.SURVEY_ANSWER)
                created += 1
    return created


def demo_load() -> dict[str, int]:
    edition = Edition.objects.filter(slug=DEMO_EDITION_SLUG).first()
    if edition is None:
        return {}
    workshop = Session.objects.filter(edition=edition, title=WORKSHOP_TITLE).first()
    if workshop is None:
        return {}
    with unit_of_work(DEMO):
        speaker = _speaker(workshop)
        if speaker:
            # As an organiser would: the program's next version records the new speaker.
            from datacon.program.publication import schedule_publish

            schedule_publish(
                edition=edition, actor=DEMO, note="Se confirma la tallerista del taller."
            )
        survey = _survey(edition)
        feedback = _ratings_and_answers(workshop, survey)
    return {"feedback_speaker": speaker, "feedback": feedback}
