"""Writes for editions, venues, rooms, organisation roles and session types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datacon.common.services import record_save
from datacon.editions.models import (
    DEFAULT_SESSION_TYPES,
    CoConvenerApplication,
    CoConvenerStatus,
    Edition,
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


def edition_save(*, edition: Edition, actor: Any) -> Edition:
    if not edition.slug:
        edition.slug = str(edition.year)
    return record_save(instance=edition, actor=actor)


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
    actor: Any = None,
    with_default_session_types: bool = True,
) -> Edition:
    with transaction.atomic():
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


def session_types_seed(*, edition: Edition, actor: Any) -> list[SessionType]:
    """Give an edition the session kinds the seed documents use, keeping any it has."""
    existing = set(edition.session_types.values_list("slug", flat=True))
    created = []
    for order, (name, slug, minutes) in enumerate(DEFAULT_SESSION_TYPES, start=1):
        if slug in existing:
            continue
        created.append(
            record_save(
                instance=SessionType(
                    edition=edition,
                    name=name,
                    slug=slug,
                    default_duration_minutes=minutes,
                    order=order,
                ),
                actor=actor,
            )
        )
    return created


def edition_status_set(*, edition: Edition, status: str, actor: Any) -> Edition:
    edition.status = status
    return record_save(instance=edition, actor=actor, action=f"edition.status.{status}")


def venue_save(*, venue: Venue, actor: Any) -> Venue:
    return record_save(instance=venue, actor=actor)


def room_save(*, room: Room, actor: Any) -> Room:
    return record_save(instance=room, actor=actor)


def edition_organisation_add(
    *, edition: Edition, organisation: Organisation, role: str, order: int = 0, actor: Any = None
) -> EditionOrganisation:
    link = EditionOrganisation.objects.filter(
        edition=edition, organisation=organisation, role=role
    ).first()
    if link is not None:
        return link
    return record_save(
        instance=EditionOrganisation(
            edition=edition, organisation=organisation, role=role, order=order
        ),
        actor=actor,
    )


# --- Co-convening organisations -------------------------------------------------


def co_convener_accepts(*, edition: Edition, today: dt.date | None = None) -> bool:
    """A published edition that has not ended takes co-convener requests."""
    today = today or timezone.localdate()
    return edition.status == EditionStatus.PUBLISHED and (
        edition.end_date is None or edition.end_date >= today
    )


def co_convener_apply(*, application: CoConvenerApplication, actor: Any) -> CoConvenerApplication:
    """Receive an organisation's request to co-convene an edition (private until approved)."""
    if not co_convener_accepts(edition=application.edition):
        raise ValidationError(_("Esta edición no recibe solicitudes de co-convocatoria."))
    if CoConvenerApplication.objects.filter(
        edition_id=application.edition_id,
        organisation_name__iexact=application.organisation_name.strip(),
        status__in=(CoConvenerStatus.PENDING, CoConvenerStatus.APPROVED),
    ).exists():
        raise ValidationError(
            {"organisation_name": _("Ya hay una solicitud de esa organización para esta edición.")}
        )
    application.organisation_name = application.organisation_name.strip()
    application.status = CoConvenerStatus.PENDING
    application.applicant = actor if getattr(actor, "is_authenticated", False) else None
    return record_save(instance=application, actor=actor, action="coconvener.apply")


def co_convener_decide(
    *, application: CoConvenerApplication, approve: bool, actor: Any, note: str = ""
) -> CoConvenerApplication:
    """Approve (the organisation appears on the edition page as co-convener) or reject.

    Approval reuses an organisation with the same name or acronym, or creates it
    from the application (with its logo); the contact person stays private.
    """
    with transaction.atomic():
        application = CoConvenerApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != CoConvenerStatus.PENDING:
            raise ValidationError(_("Esta solicitud ya fue decidida."))
        application.status = CoConvenerStatus.APPROVED if approve else CoConvenerStatus.REJECTED
        application.decided_by = actor if getattr(actor, "is_authenticated", False) else None
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
        record_save(
            instance=application,
            actor=actor,
            action="coconvener.approve" if approve else "coconvener.reject",
        )
    return application


# --- Venue candidates (the memoria's three criteria) ----------------------------


def venue_candidate_save(*, candidate: VenueCandidate, actor: Any) -> VenueCandidate:
    with transaction.atomic():
        creating = candidate.pk is None
        candidate = record_save(instance=candidate, actor=actor)
        if creating:
            for criterion in VenueCriterion.values:
                VenueCandidateScore.objects.get_or_create(candidate=candidate, criterion=criterion)
    return candidate


def venue_candidate_scores_save(
    *, candidate: VenueCandidate, scores: dict[str, dict[str, Any]], actor: Any
) -> VenueCandidate:
    """Scores and evidence for each criterion: {criterion: {score, evidence, evidence_url}}."""
    with transaction.atomic():
        errors: dict[str, list[str]] = {}
        rows = []
        for criterion in VenueCriterion.values:
            data = scores.get(criterion, {})
            row, _created = VenueCandidateScore.objects.get_or_create(
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
            record_save(instance=row, actor=actor)
    return candidate


def venue_candidate_status_set(
    *, candidate: VenueCandidate, status: str, actor: Any
) -> VenueCandidate:
    with transaction.atomic():
        if status == VenueCandidateStatus.SELECTED:
            # One state hosts an edition: choosing one sets the others aside.
            for other in VenueCandidate.objects.filter(
                edition_id=candidate.edition_id, status=VenueCandidateStatus.SELECTED
            ).exclude(pk=candidate.pk):
                other.status = VenueCandidateStatus.CANDIDATE
                record_save(instance=other, actor=actor, action="venuecandidate.unselect")
        candidate.status = status
        return record_save(instance=candidate, actor=actor, action=f"venuecandidate.{status}")


# --- A new edition from the last one ----------------------------------------------


def edition_copy(
    *,
    source: Edition,
    number: int,
    year: int,
    title: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    actor: Any = None,
) -> Edition:
    """A draft edition with the source's settings and session types (not its venues,
    sessions or people: each edition moves to a different state)."""
    with transaction.atomic():
        edition = edition_create(
            number=number,
            year=year,
            title=title,
            mode=source.mode,
            theme="",
            start_date=start_date,
            end_date=end_date,
            timezone=source.timezone,
            status=EditionStatus.DRAFT,
            organiser=source.organiser,
            privacy_contact_email=source.privacy_contact_email,
            website="",
            actor=actor,
            with_default_session_types=False,
        )
        edition.privacy_notice_url = source.privacy_notice_url
        edition.hashtag = source.hashtag
        edition_save(edition=edition, actor=actor)
        for session_type in source.session_types.all():
            record_save(
                instance=SessionType(
                    edition=edition,
                    name=session_type.name,
                    slug=session_type.slug,
                    default_duration_minutes=session_type.default_duration_minutes,
                    description=session_type.description,
                    order=session_type.order,
                ),
                actor=actor,
            )
    return edition
