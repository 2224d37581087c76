"""Publishing a schedule version with notices to the people whose sessions changed.

Everyone who was or is on a changed session hears about it once, with all their
changes in one message (people taken off a session included). The text is the
edition's own when a capability provides one (the call for proposals keeps an
editable template per edition and registers it here from its `ready()`),
otherwise the default below. The program never imports those capabilities.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from datacon.common import urls
from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.mail import email_enqueue
from datacon.common.placeholders import render_placeholders
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition
from datacon.people.models import Person
from datacon.program.models import (
    Participation,
    ParticipationStatus,
    ScheduleChange,
    ScheduleVersion,
)
from datacon.program.publication import schedule_publish
from datacon.program.schedule_text import change_summary

PURPOSE_SCHEDULE = "schedule.change"
PURPOSE_REMINDER = "participation.reminder"
# Data, not interface text, like the notice above.
REMINDER_TEMPLATE = (
    "{edicion}: confirme su participación",
    "Hola, {nombre}:\n\n"
    "Le esperamos en {edicion} como {papel} en la sesión {sesion}. "
    "Aún no confirma su participación: hasta que lo haga, su nombre no aparece en el "
    "programa.\n\n"
    "Confirme o decline, y revise su semblanza, en:\n{enlace}\n\n"
    "Saludos,\n{organizador}",
)

SCHEDULE_CHANGE_PLACEHOLDERS = ("nombre", "edicion", "enlace", "organizador", "cambios", "version")
# Data, not interface text: an edition's copy is what organisers edit.
SCHEDULE_CHANGE_TEMPLATE = (
    "{edicion}: cambios en el programa que le afectan",
    "Hola, {nombre}:\n\n"
    "Publicamos la versión {version} del programa de {edicion}. "
    "Estos cambios afectan a sesiones en las que participa:\n\n"
    "{cambios}\n\n"
    "Programa completo y lista de cambios:\n{enlace}\n\n"
    "Saludos,\n{organizador}",
)

TemplateSource = Callable[[Edition], tuple[str, str] | None]
_template_sources: list[TemplateSource] = []


def notice_template_source_register(source: TemplateSource) -> None:
    """A capability offers the edition's own (subject, body) of the notice, or None."""
    if source not in _template_sources:
        _template_sources.append(source)


def _template(edition: Edition) -> tuple[str, str]:
    for source in _template_sources:
        found = source(edition)
        if found is not None:
            return found
    return SCHEDULE_CHANGE_TEMPLATE


def _changelog_link(edition: Edition) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("public:proposals_changelog", kwargs={"edition": edition.slug})
    return urls.absolute_url(path)


def _change_line(change: ScheduleChange) -> str:
    """One line of the notice, in plain text: code, title, and before → after."""
    return f"- {change.code} «{change.title}»: {change_summary(change)}"


def _people_of(snapshot: dict[str, dict[str, Any]]) -> dict[int, list[int]]:
    return {int(key): value.get("person_ids", []) for key, value in snapshot.items()}


def _notify(work: Work, version: ScheduleVersion, needs_review: bool) -> int:
    edition = version.edition
    changes = list(ScheduleChange.objects.filter(version=version).order_by("code", "id"))
    if not changes:
        return 0
    previous_people: dict[int, list[int]] = {}
    if version.number > 1:
        before = ScheduleVersion.objects.filter(edition=edition, number=version.number - 1).first()
        if before is not None:
            previous_people = _people_of(before.snapshot)
    current_people = _people_of(version.snapshot)
    by_person: dict[int, list[ScheduleChange]] = {}
    for change in changes:
        if change.session_id is None:
            continue
        for person_id in {
            *previous_people.get(change.session_id, []),
            *current_people.get(change.session_id, []),
        }:
            by_person.setdefault(person_id, []).append(change)
    people = {p.pk: p for p in Person.objects.filter(pk__in=list(by_person)).exclude(email="")}
    subject, body = _template(edition)
    link = _changelog_link(edition)
    organiser = (
        edition.organiser.name if edition.organiser_id and edition.organiser else edition.title
    )
    sent = 0
    for person_id, person_changes in by_person.items():
        person = people.get(person_id)
        if person is None:
            continue
        values = {
            "nombre": person.public_name,
            "edicion": edition.title,
            "enlace": link,
            "organizador": organiser,
            "version": str(version.number),
            "cambios": "\n".join(_change_line(c) for c in person_changes),
        }
        # common.mail still stores the account itself as `created_by`.
        email_enqueue(
            to=person.email,
            subject=render_placeholders(subject, values).strip(),
            body_text=render_placeholders(body, values),
            purpose=PURPOSE_SCHEDULE,
            related=version,
            needs_review=needs_review,
            actor=work.actor,
        )
        sent += 1
    return sent


def schedule_changes_notify(
    *, version: ScheduleVersion, actor: Actor, needs_review: bool = True
) -> int:
    """E-mail each person whose sessions changed in this version; returns how many messages."""
    with unit_of_work(actor) as work:
        require(actor, "program.schedule", version.edition)
        return _notify(work, version, needs_review)


def schedule_publish_with_notices(
    *,
    edition: Edition,
    actor: Actor,
    note: str = "",
    renumber: bool | None = None,
    notify: bool = True,
    review_notices: bool = True,
) -> tuple[ScheduleVersion, int]:
    """Publish the next schedule version and queue the notices, in one transaction."""
    with unit_of_work(actor) as work:
        require(actor, "program.schedule", edition)
        version = schedule_publish(edition=edition, actor=actor, note=note, renumber=renumber)
        count = _notify(work, version, review_notices) if notify else 0
    return version, count


def participation_remind(*, participation: Participation, actor: Actor) -> None:
    """Queue (through the outbox) a reminder to a person who has not confirmed yet."""
    with unit_of_work(actor) as work:
        session = participation.session
        edition = session.edition
        require(actor, "program.schedule", edition)
        person = participation.person
        if participation.status != ParticipationStatus.PENDING:
            raise ValidationError(_("Esa persona ya respondió."))
        if not person.email:
            raise ValidationError(
                _("%(name)s no tiene correo registrado; no se le puede recordar.")
                % {"name": person.public_name}
            )
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse("public:account_participations")
        organiser = (
            edition.organiser.name if edition.organiser_id and edition.organiser else edition.title
        )
        label = f"{session.code} «{session.title}»" if session.code else f"«{session.title}»"
        values = {
            "nombre": person.public_name,
            "edicion": edition.title,
            "papel": participation.get_role_display().lower(),
            "sesion": label,
            "enlace": urls.absolute_url(path),
            "organizador": organiser,
        }
        subject, body = REMINDER_TEMPLATE
        email_enqueue(
            to=person.email,
            subject=render_placeholders(subject, values).strip(),
            body_text=render_placeholders(body, values),
            purpose=PURPOSE_REMINDER,
            related=participation,
            actor=work.actor,
        )
