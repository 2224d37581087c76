"""`program_import`: the dry run of a program file, or the import in one unit of work.

The dry run parses and plans (reads only). The import plans again inside the
transaction, with the edition row locked, and applies nothing unless every row
is free of errors; a refusal from a model at save time becomes an error of its
row and rolls everything back.

Consent: imported people never get an account, and every participation the
import creates is pending with no consent basis, whatever the source. The file
says a person was on a program, not that they agreed to appear on this one;
even when the source is this platform's own public export of a past edition
(where the person confirmed), the new edition is another program. An organiser
confirms each person afterwards, recording the basis then (ConsentBasis: the
person, the organisation's record or the public record of a past edition).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import Work, unit_of_work
from datacon.editions.models import Edition, Room, SessionType, Venue
from datacon.people.models import Person
from datacon.people.services import person_save
from datacon.program.importing.csv_template import parse_csv
from datacon.program.importing.frab import parse_json, parse_xml
from datacon.program.importing.planner import (
    Plan,
    PlannedRow,
    imported_slug,
    plan_import,
    validation_problems,
)
from datacon.program.importing.rows import ImportRefused, ParsedFile, Problem
from datacon.program.models import (
    Participation,
    ParticipationStatus,
    ProgramAction,
    Session,
    SessionStatus,
)
from datacon.program.services import schedule_changes_defer

IMPORT = "program.import"


@dataclass(slots=True)
class ImportResult:
    plan: Plan
    sha256: str
    applied: bool  # True: the plan was written (or there was nothing to write)


class _Abort(Exception):
    def __init__(self, plan: Plan) -> None:
        self.plan = plan


def file_format(content: bytes, filename: str = "") -> str:
    """ "xml", "json" or "csv": by the file's extension, else by its first character."""
    name = filename.lower()
    for extension in ("xml", "json", "csv"):
        if name.endswith("." + extension):
            return extension
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"<": "xml", b"{": "json"}.get(start, "csv")


def file_parse(content: bytes, edition: Edition, filename: str = "") -> ParsedFile:
    parser = {"xml": parse_xml, "json": parse_json, "csv": parse_csv}[
        file_format(content, filename)
    ]
    return parser(content, edition.tz)


def program_import(
    *,
    edition: Edition,
    content: bytes,
    actor: Actor,
    filename: str = "",
    dry_run: bool = True,
    venue_state: str = "",
    confirm_sessions: bool = False,
    expected_sha256: str = "",
) -> ImportResult:
    """Plan (dry run) or apply the import of a program file into an edition.

    Raises ImportRefused when the file cannot be read at all (malformed, too big,
    not a schedule); row errors come back in the plan and nothing is written.
    `expected_sha256`: the import must be of the very file of the dry run.
    """
    require(actor, IMPORT, edition)
    sha256 = hashlib.sha256(content).hexdigest()
    if expected_sha256 and expected_sha256 != sha256:
        raise ImportRefused(
            [
                Problem(
                    None,
                    "file",
                    _("El archivo no es el de la vista previa; súbalo de nuevo para revisarlo."),
                )
            ]
        )
    parsed = file_parse(content, edition, filename)
    if dry_run:
        plan = plan_import(edition=edition, parsed=parsed, venue_state=venue_state)
        return ImportResult(plan=plan, sha256=sha256, applied=False)
    try:
        with unit_of_work(actor) as work:
            locked = Edition.objects.select_for_update().get(pk=edition.pk)
            plan = plan_import(edition=locked, parsed=parsed, venue_state=venue_state)
            if not plan.ok:
                raise _Abort(plan)
            if plan.changes_anything:
                _apply(work, locked, plan, venue_state=venue_state, confirm=confirm_sessions)
                work.record(
                    ProgramAction.PROGRAM_IMPORT,
                    locked,
                    summary=f"{parsed.format}: {plan.count('create')} new, "
                    f"{plan.count('change')} changed, {plan.count('unchanged')} unchanged",
                    changes={
                        "sha256": sha256,
                        "format": parsed.format,
                        "created": plan.count("create"),
                        "changed": plan.count("change"),
                        "unchanged": plan.count("unchanged"),
                    },
                )
    except _Abort as abort:
        return ImportResult(plan=abort.plan, sha256=sha256, applied=False)
    return ImportResult(plan=plan, sha256=sha256, applied=True)


class _Places:
    """Venues, rooms and session types of the edition, created the first time a row needs them."""

    def __init__(self, work: Work, edition: Edition, venue_state: str) -> None:
        self.work, self.edition = work, edition
        self.venues = {v.name.lower(): v for v in Venue.objects.filter(edition=edition)}
        self.venue_state = venue_state or next(
            (v.state for v in self.venues.values() if v.state), ""
        )
        self.rooms = {
            (r.venue_id, r.name.lower()): r for r in Room.objects.filter(venue__edition=edition)
        }
        self.types: dict[str, SessionType] = {}
        for session_type in SessionType.objects.filter(edition=edition):
            self.types.setdefault(session_type.slug, session_type)
            self.types.setdefault(session_type.name.lower(), session_type)

    def venue(self, name: str) -> Venue | None:
        if not name:
            return None
        if name.lower() not in self.venues:
            venue = Venue(
                edition=self.edition,
                name=name[:200],
                state=self.venue_state,
                order=len(self.venues) + 1,
            )
            work = self.work
            self.venues[name.lower()] = work.save(venue, action=ProgramAction.PROGRAM_IMPORT)
        return self.venues[name.lower()]

    def room(self, venue: Venue | None, name: str) -> Room | None:
        if venue is None or not name:
            return None
        if (venue.pk, name.lower()) not in self.rooms:
            room = Room(venue=venue, name=name[:120], order=len(self.rooms) + 1)
            work = self.work
            self.rooms[(venue.pk, name.lower())] = work.save(
                room, action=ProgramAction.PROGRAM_IMPORT
            )
        return self.rooms[(venue.pk, name.lower())]

    def session_type(self, name: str) -> SessionType:
        found = self.types.get(name.lower()) or self.types.get(slugify(name))
        if found is None:
            session_type = SessionType(edition=self.edition, name=name, order=len(self.types))
            session_type.slug = unique_slug_for(
                session_type, name, scope={"edition": self.edition}
            )[:80]
            work = self.work
            found = work.save(session_type, action=ProgramAction.PROGRAM_IMPORT)
            self.types[found.slug] = self.types[name.lower()] = found
        return found


def _apply(work: Work, edition: Edition, plan: Plan, *, venue_state: str, confirm: bool) -> None:
    places = _Places(work, edition, venue_state)
    people: dict[tuple[str, str], Person] = {}
    for planned in plan.rows:
        if planned.action == "unchanged":
            continue
        try:
            session = _session_write(work, edition, planned, places, confirm)
            _people_write(work, session, planned, people)
        except ValidationError as error:
            plan.problems.extend(validation_problems(error, planned.row, plan.format))
            planned.action = "error"
            raise _Abort(plan) from None


def _session_write(
    work: Work, edition: Edition, planned: PlannedRow, places: _Places, confirm: bool
) -> Session:
    row, values = planned.row, planned.values
    session = planned.session
    if session is None:
        session = Session(
            edition=edition,
            code=row.code,
            status=(
                SessionStatus.CANCELLED
                if row.cancelled
                else SessionStatus.CONFIRMED
                if confirm
                else SessionStatus.DRAFT
            ),
        )
    if session.pk is None or row.type_name:
        session.session_type = places.session_type(str(values["type"]))
    venue = places.venue(str(values["venue"] or ""))
    if venue is not None:
        session.venue = venue
        session.room = places.room(venue, str(values["room"] or ""))
    for name in ("title", "day", "starts_at", "ends_at", "abstract", "language"):
        if name in values:
            setattr(session, name, values[name])
    if session.pk is None or planned.session_changed:
        # A published session's new time or room waits in the builder for the next version.
        schedule_changes_defer(work, session)
        work.save(session, action=ProgramAction.PROGRAM_IMPORT)
    return session


def _people_write(
    work: Work, session: Session, planned: PlannedRow, people: dict[tuple[str, str], Person]
) -> None:
    for order, target in enumerate(planned.people, start=1):
        person = target.person or people.get(target.key)
        if person is None:
            person = Person(public_name=target.name)
            if target.source_id:
                slug = imported_slug(target.name, target.source_id)
                taken = Person.objects.filter(slug=slug).exists()
                person.slug = unique_slug_for(person, slug) if taken else slug
            person = person_save(person=person, actor=work.actor)
            people[target.key] = person
        if not target.new_participation:
            continue
        if Participation.objects.filter(session=session, person=person, role=target.role).exists():
            continue  # the same person twice in the file with the same role
        participation = Participation(
            session=session,
            person=person,
            role=target.role,
            order=order,
            status=ParticipationStatus.PENDING,
            consent_basis="",
        )
        work.save(participation, action=ProgramAction.PROGRAM_IMPORT)
