"""The kinds of an edition's records organisers configure in the back office.

Each kind is one line of configuration for the screens of
datacon/backoffice/views/edition_records.py (see datacon/backoffice/records.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from datacon.backoffice import record_forms as f
from datacon.backoffice.records import RecordKind, record_save_plain
from datacon.common.actor import Actor
from datacon.editions.models import Edition, EditionOrganisation, Room, SessionType, Venue
from datacon.editions.services import edition_save, edition_status_set, room_save, venue_save
from datacon.program.models import Participation, Session
from datacon.program.services import participation_add, session_save
from datacon.proposals.models import (
    Call,
    CallSessionType,
    EmailTemplate,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.services import (
    call_session_type_save,
    email_template_save,
    question_save,
    review_team_save,
    track_save,
)
from datacon.registration.models import RegistrationSettings, SessionSeats
from datacon.registration.services import registration_settings_save, session_seats_save

ORGANISE = "editions.organise"
CONFIGURE = "proposals.configure"
MANAGE_REGISTRATION = "registration.manage"


def _no_attach(record: Model, edition: Edition) -> None:
    """A room belongs to the venue chosen on the form."""


def _attach_call(record: Any, edition: Edition) -> None:
    """The call's records: an edition without a call opens one first (its settings screen)."""
    call = Call.objects.filter(edition=edition).first()
    if call is None:
        raise Http404("La edición aún no tiene convocatoria")
    record.call = call


def _call_session_type_save(record: Any, actor: Actor) -> Model:
    return call_session_type_save(item=record, actor=actor)


def _question_save(record: Any, actor: Actor) -> Model:
    return question_save(question=record, actor=actor)


def _registration_save(record: Any, actor: Actor) -> Model:
    return registration_settings_save(config=record, actor=actor)


def _seats_save(record: Any, actor: Actor) -> Model:
    return session_seats_save(seats=record, actor=actor)


def _participation_save(record: Any, actor: Actor) -> Model:
    if record.pk is None:
        return participation_add(
            session=record.session,
            person=record.person,
            role=record.role,
            order=record.order,
            actor=actor,
        )
    return record_save_plain(record, actor)


def _edition_save(record: Any, actor: Actor) -> Model:
    """Save the edition's data, then its status through its own service (publish,
    archive or back to draft: an audit action of its own)."""
    status = record.status
    record.status = Edition.objects.values_list("status", flat=True).get(pk=record.pk)
    saved = edition_save(edition=record, actor=actor)
    if status != saved.status:
        saved = edition_status_set(edition=saved, status=status, actor=actor)
    return saved


def _venue_save(record: Any, actor: Actor) -> Model:
    return venue_save(venue=record, actor=actor)


def _room_save(record: Any, actor: Actor) -> Model:
    return room_save(room=record, actor=actor)


def _session_save(record: Any, actor: Actor) -> Model:
    return session_save(session=record, actor=actor)


def _track_save(record: Any, actor: Actor) -> Model:
    return track_save(track=record, actor=actor)


def _team_save(record: Any, actor: Actor) -> Model:
    return review_team_save(team=record, actor=actor)


def _template_save(record: Any, actor: Actor) -> Model:
    return email_template_save(template=record, actor=actor)


# The edition itself: one record, edited on its settings screen.
EDITION_SETTINGS = RecordKind(
    slug="edicion",
    form=f.EditionSettingsForm,
    plural=_("Datos de la edición"),
    new_title=None,
    rule=ORGANISE,
    records=lambda edition: Edition.objects.filter(pk=edition.pk),
    service=_edition_save,
    columns=("title",),
    deletable=False,
)

KINDS: dict[str, RecordKind] = {
    kind.slug: kind
    for kind in (
        RecordKind(
            slug="sedes",
            form=f.VenueForm,
            plural=_("Sedes"),
            new_title=_("Nueva sede"),
            rule=ORGANISE,
            records=lambda edition: Venue.objects.filter(edition=edition).order_by("order", "name"),
            service=_venue_save,
            columns=("name", "city", "capacity", "is_virtual"),
        ),
        RecordKind(
            slug="organizaciones",
            form=f.EditionOrganisationForm,
            plural=_("Organizaciones participantes"),
            new_title=_("Añadir una organización"),
            rule=ORGANISE,
            records=lambda edition: (
                EditionOrganisation.objects.filter(edition=edition)
                .select_related("organisation")
                .order_by("role", "order", "organisation__name")
            ),
            service=record_save_plain,
            columns=("organisation", "role", "order"),
        ),
        RecordKind(
            slug="salas",
            form=f.RoomForm,
            plural=_("Salas"),
            new_title=_("Nueva sala"),
            rule=ORGANISE,
            records=lambda edition: (
                Room.objects.filter(venue__edition=edition)
                .select_related("venue")
                .order_by("venue__order", "venue__name", "order", "name")
            ),
            service=_room_save,
            columns=("name", "venue", "capacity", "is_channel"),
            attach=_no_attach,
        ),
        RecordKind(
            slug="tipos-de-sesion",
            form=f.SessionTypeForm,
            plural=_("Tipos de sesión"),
            new_title=_("Nuevo tipo de sesión"),
            rule=ORGANISE,
            records=lambda edition: SessionType.objects.filter(edition=edition).order_by(
                "order", "name"
            ),
            service=record_save_plain,
            columns=("name", "slug", "default_duration_minutes"),
        ),
        RecordKind(
            slug="sesiones",
            form=f.SessionContentForm,
            plural=_("Contenido de las sesiones"),
            new_title=None,  # sessions come from accepted proposals or the program import
            rule=ORGANISE,
            records=lambda edition: (
                Session.objects.filter(edition=edition)
                .select_related("session_type")
                .order_by("code", "title")
            ),
            service=_session_save,
            columns=("code", "title", "session_type", "language"),
            deletable=False,  # a session leaves the program through the builder
            help_text=_(
                "Aquí se cambia lo que dice cada sesión, en español y en inglés. El día, "
                "la hora, la sala y el estado se cambian en el constructor del programa."
            ),
        ),
        RecordKind(
            slug="participaciones",
            form=f.ParticipationForm,
            plural=_("Participaciones en las sesiones"),
            new_title=_("Añadir a alguien a una sesión"),
            rule=ORGANISE,
            records=lambda edition: (
                Participation.objects.filter(session__edition=edition)
                .select_related("session", "person")
                .order_by("session__code", "session__title", "order", "pk")
            ),
            service=_participation_save,
            columns=("person", "session", "role", "status"),
            deletable=False,  # people withdraw themselves; their consent is theirs
            attach=_no_attach,
            help_text=_(
                "Quien se añade aquí queda pendiente de confirmar y no aparece en el sitio "
                "hasta que confirma su participación."
            ),
        ),
        RecordKind(
            slug="tipos-aceptados",
            form=f.CallSessionTypeForm,
            plural=_("Tipos de sesión de la convocatoria"),
            new_title=_("Aceptar otro tipo de sesión"),
            rule=CONFIGURE,
            records=lambda edition: (
                CallSessionType.objects.filter(call__edition=edition)
                .select_related("session_type")
                .order_by("order", "session_type__order", "session_type__name")
            ),
            service=_call_session_type_save,
            columns=("session_type", "duration_minutes", "order"),
            attach=_attach_call,
        ),
        RecordKind(
            slug="preguntas",
            form=f.QuestionForm,
            plural=_("Preguntas adicionales de la convocatoria"),
            new_title=_("Nueva pregunta"),
            rule=CONFIGURE,
            records=lambda edition: Question.objects.filter(call__edition=edition).order_by(
                "order", "id"
            ),
            service=_question_save,
            columns=("text", "kind", "required"),
            attach=_attach_call,
        ),
        RecordKind(
            slug="ejes",
            form=f.TrackForm,
            plural=_("Ejes temáticos"),
            new_title=_("Nuevo eje temático"),
            rule=CONFIGURE,
            records=lambda edition: Track.objects.filter(edition=edition).order_by("order", "name"),
            service=_track_save,
            columns=("name", "description", "order"),
        ),
        RecordKind(
            slug="criterios",
            form=f.ReviewCriterionForm,
            plural=_("Criterios de evaluación"),
            new_title=_("Nuevo criterio"),
            rule=CONFIGURE,
            records=lambda edition: ReviewCriterion.objects.filter(edition=edition).order_by(
                "order", "id"
            ),
            service=record_save_plain,
            columns=("name", "weight", "scale_min", "scale_max"),
        ),
        RecordKind(
            slug="equipos",
            form=f.ReviewTeamForm,
            plural=_("Equipos de revisión"),
            new_title=_("Nuevo equipo de revisión"),
            rule=CONFIGURE,
            records=lambda edition: ReviewTeam.objects.filter(edition=edition).order_by("name"),
            service=_team_save,
            columns=("name",),
        ),
        RecordKind(
            slug="plantillas",
            form=f.EmailTemplateForm,
            plural=_("Plantillas de correo"),
            new_title=_("Nueva plantilla de correo"),
            rule=CONFIGURE,
            records=lambda edition: EmailTemplate.objects.filter(edition=edition).order_by("kind"),
            service=_template_save,
            columns=("kind", "subject"),
        ),
        RecordKind(
            slug="registro",
            form=f.RegistrationSettingsForm,
            plural=_("Configuración del registro"),
            new_title=_("Configurar el registro"),
            rule=MANAGE_REGISTRATION,
            records=lambda edition: RegistrationSettings.objects.filter(edition=edition).order_by(
                "pk"
            ),
            service=_registration_save,
            columns=("edition", "is_open", "opens_at", "closes_at"),
            deletable=False,  # closing registration keeps who registered
        ),
        RecordKind(
            slug="cupos",
            form=f.SessionSeatsForm,
            plural=_("Cupos de talleres"),
            new_title=_("Nuevo cupo de sesión"),
            rule=MANAGE_REGISTRATION,
            records=lambda edition: (
                SessionSeats.objects.filter(session__edition=edition)
                .select_related("session")
                .order_by("session__day", "session__starts_at", "session__code")
            ),
            service=_seats_save,
            columns=("session", "capacity", "signups_open"),
            attach=_no_attach,
        ),
    )
}
