"""Writes for editions, venues, rooms, organisation roles and session types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.editions.models import (
    DEFAULT_SESSION_TYPES,
    CoConvenerApplication,
    CoConvenerStatus,
    Edition,
    EditionAction,
    EditionOrganisation,
    EditionStatus,
    OrganisationRole,
    Room,
    SessionType,
    Venue,
    VenueCandidate,
    VenueCandidateScore,
    VenueCandidateStatus,
    VenueCriterion,
)
from datacon.people.models import Organisation
from datacon.people.services import organisation_save

ORGANISE = "editions.organise"


def edition_save(*, edition: Edition, actor: Actor) -> Edition:
    with unit_of_work(actor) as work:
        require(
            actor, ORGANISE if edition.pk else "editions.create", edition if edition.pk else None
        )
        if not edition.slug:
            edition.slug = str(edition.year)
        return work.save(edition)


def edition_create(
    *,
    number: int,
    year: int,
    title: str,
    mode: str,
    theme: str = "",
    summary: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    timezone: str = "America/Mexico_City",
    status: str = EditionStatus.DRAFT,
    organiser: Organisation | None = None,
    privacy_contact_email: str = "",
    website: str = "",
    actor: Actor,
    with_default_session_types: bool = True,
) -> Edition:
    with unit_of_work(actor):
        edition = edition_save(
            edition=Edition(
                number=number,
                year=year,
                title=title,
                mode=mode,
                theme=theme,
                summary=summary,
                start_date=start_date,
                end_date=end_date,
                timezone=timezone,
                status=status,
                organiser=organiser,
                privacy_contact_email=privacy_contact_email,
                website=website,
            ),
            actor=actor,
        )
        if with_default_session_types:
            session_types_seed(edition=edition, actor=actor)
    return edition


def session_types_seed(*, edition: Edition, actor: Actor) -> list[SessionType]:
    """Give an edition the session kinds the seed documents use, keeping any it has."""
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, edition)
        existing = set(edition.session_types.values_list("slug", flat=True))
        return [
            work.save(
                SessionType(
                    edition=edition,
                    name=name,
                    slug=slug,
                    default_duration_minutes=minutes,
                    order=order,
                )
            )
            for order, (name, slug, minutes) in enumerate(DEFAULT_SESSION_TYPES, start=1)
            if slug not in existing
        ]


VENUE_STATUS_ACTIONS = {
    VenueCandidateStatus.SELECTED: EditionAction.VENUE_CANDIDATE_SELECT,
    VenueCandidateStatus.CANDIDATE: EditionAction.VENUE_CANDIDATE_CANDIDATE,
    VenueCandidateStatus.DISCARDED: EditionAction.VENUE_CANDIDATE_DISCARD,
}
STATUS_ACTIONS = {
    EditionStatus.DRAFT: EditionAction.UNPUBLISH,
    EditionStatus.PUBLISHED: EditionAction.PUBLISH,
    EditionStatus.ARCHIVED: EditionAction.ARCHIVE,
}


def edition_status_set(*, edition: Edition, status: str, actor: Actor) -> Edition:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, edition)
        edition.status = status
        return work.save(edition, action=STATUS_ACTIONS[EditionStatus(status)])


def venue_save(*, venue: Venue, actor: Actor) -> Venue:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, venue)
        return work.save(venue)


def room_save(*, room: Room, actor: Actor) -> Room:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, room.venue)
        return work.save(room)


def edition_organisation_add(
    *, edition: Edition, organisation: Organisation, role: str, order: int = 0, actor: Actor
) -> EditionOrganisation:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, edition)
        link = EditionOrganisation.objects.filter(
            edition=edition, organisation=organisation, role=role
        ).first()
        if link is not None:
            return link
        return work.save(
            EditionOrganisation(edition=edition, organisation=organisation, role=role, order=order)
        )


# --- Co-convening organisations -------------------------------------------------


def co_convener_accepts(*, edition: Edition, today: dt.date | None = None) -> bool:
    """A published edition that has not ended takes co-convener requests."""
    today = today or timezone.localdate()
    return edition.status == EditionStatus.PUBLISHED and (
        edition.end_date is None or edition.end_date >= today
    )


def co_convener_apply(*, application: CoConvenerApplication, actor: Actor) -> CoConvenerApplication:
    """Receive an organisation's request to co-convene an edition (private until approved)."""
    if not co_convener_accepts(edition=application.edition):
        raise ValidationError(_("Esta edición no recibe solicitudes de co-convocatoria."))
    with unit_of_work(actor) as work:
        require(actor, "editions.co_convener_apply", application.edition)
        if CoConvenerApplication.objects.filter(
            edition_id=application.edition_id,
            organisation_name__iexact=application.organisation_name.strip(),
            status__in=(CoConvenerStatus.PENDING, CoConvenerStatus.APPROVED),
        ).exists():
            raise ValidationError(
                {
                    "organisation_name": _(
                        "Ya hay una solicitud de esa organización para esta edición."
                    )
                }
            )
        application.organisation_name = application.organisation_name.strip()
        application.status = CoConvenerStatus.PENDING
        application.applicant = work.actor.account
        return work.save(application, action=EditionAction.CO_CONVENER_APPLY)


def co_convener_decide(
    *, application: CoConvenerApplication, approve: bool, actor: Actor, note: str = ""
) -> CoConvenerApplication:
    """Approve (the organisation appears on the edition page as co-convener) or reject.

    Approval reuses an organisation with the same name or acronym, or creates it
    from the application (with its logo); the contact person stays private.
    """
    with unit_of_work(actor) as work:
        application = CoConvenerApplication.objects.select_for_update().get(pk=application.pk)
        require(actor, ORGANISE, application)
        if application.status != CoConvenerStatus.PENDING:
            raise ValidationError(_("Esta solicitud ya fue decidida."))
        application.status = CoConvenerStatus.APPROVED if approve else CoConvenerStatus.REJECTED
        application.decided_by = work.actor.account
        application.decided_at = timezone.now()
        application.decision_note = note.strip()[:500]
        if approve:
            organisation = Organisation.objects.filter(
                name__iexact=application.organisation_name
            ).first()
            if organisation is None and application.acronym:
                organisation = Organisation.objects.filter(
                    acronym__iexact=application.acronym
                ).first()
            if organisation is None:
                organisation = Organisation(
                    name=application.organisation_name,
                    acronym=application.acronym,
                    kind=application.kind,
                    website=application.website,
                    description=application.description,
                )
            if application.logo and not organisation.logo:
                organisation.logo = application.logo
            organisation = organisation_save(organisation=organisation, actor=actor)
            application.organisation = organisation
            order = (
                EditionOrganisation.objects.filter(
                    edition_id=application.edition_id, role=OrganisationRole.CO_CONVENER
                ).count()
                + 1
            )
            edition_organisation_add(
                edition=application.edition,
                organisation=organisation,
                role=OrganisationRole.CO_CONVENER,
                order=order,
                actor=actor,
            )
        work.save(
            application,
            action=EditionAction.CO_CONVENER_APPROVE
            if approve
            else EditionAction.CO_CONVENER_REJECT,
        )
    return application


# --- Venue candidates (the memoria's three criteria) ----------------------------


def venue_candidate_save(*, candidate: VenueCandidate, actor: Actor) -> VenueCandidate:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, candidate)
        creating = candidate.pk is None
        work.save(candidate)
        if creating:
            existing = set(candidate.scores.values_list("criterion", flat=True))
            for criterion in VenueCriterion.values:
                if criterion not in existing:
                    work.save(VenueCandidateScore(candidate=candidate, criterion=criterion))
    return candidate


def venue_candidate_scores_save(
    *, candidate: VenueCandidate, scores: dict[str, dict[str, Any]], actor: Actor
) -> VenueCandidate:
    """Scores and evidence for each criterion: {criterion: {score, evidence, evidence_url}}."""
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, candidate)
        errors: dict[str, list[str]] = {}
        rows = []
        stored = {row.criterion: row for row in candidate.scores.all()}
        for criterion in VenueCriterion.values:
            data = scores.get(criterion, {})
            row = stored.get(criterion) or VenueCandidateScore(
                candidate=candidate, criterion=criterion
            )
            row.score = data.get("score")
            row.evidence = (data.get("evidence") or "").strip()
            row.evidence_url = (data.get("evidence_url") or "").strip()
            try:
                row.full_clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(f"{criterion}-{field}", []).extend(messages)
            rows.append(row)
        if errors:
            raise ValidationError(errors)
        for row in rows:
            work.save(row)
    return candidate


def venue_candidate_status_set(
    *, candidate: VenueCandidate, status: str, actor: Actor
) -> VenueCandidate:
    with unit_of_work(actor) as work:
        require(actor, ORGANISE, candidate)
        if status == VenueCandidateStatus.SELECTED:
            # One state hosts an edition: choosing one sets the others aside.
            for other in VenueCandidate.objects.filter(
                edition_id=candidate.edition_id, status=VenueCandidateStatus.SELECTED
            ).exclude(pk=candidate.pk):
                other.status = VenueCandidateStatus.CANDIDATE
                work.save(other, action=EditionAction.VENUE_CANDIDATE_UNSELECT)
        candidate.status = status
        return work.save(candidate, action=VENUE_STATUS_ACTIONS[VenueCandidateStatus(status)])
