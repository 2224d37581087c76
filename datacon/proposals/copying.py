"""The call's configuration travels to a new edition made from the last one.

A step of `datacon.editions.copying.edition_new_from`: tracks, review
criteria, e-mail templates, reviewer teams (members, session types and tracks
mapped to the new edition's), and the call with its session types and
questions, its dates moved by as many days as the edition. Every record is
copied whole by `record_copy`, so a field added to these models is copied too.
Proposals, reviews and the people on them stay behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from datacon.editions.copying import EditionCopy, record_copy
from datacon.editions.models import SessionType
from datacon.proposals.models import Call, Track
from datacon.proposals.services.calls import criteria_seed, email_templates_seed


def call_configuration_copy(copy: EditionCopy) -> None:
    work, source, edition = copy.work, copy.source, copy.edition
    tracks: dict[int, Track] = {
        track.pk: record_copy(work, track, changes={"edition": edition})
        for track in source.tracks.all()
    }

    def same_types(related: Sequence[models.Model]) -> list[SessionType]:
        return [
            copy.session_types[t.slug]
            for t in related
            if isinstance(t, SessionType) and t.slug in copy.session_types
        ]

    def same_tracks(related: Sequence[models.Model]) -> list[Track]:
        return [tracks[t.pk] for t in related if t.pk in tracks]

    for criterion in source.review_criteria.all():
        record_copy(work, criterion, changes={"edition": edition})
    for template in source.email_templates.all():
        record_copy(work, template, changes={"edition": edition})
    for team in source.review_teams.prefetch_related("members", "session_types", "tracks"):
        record_copy(
            work,
            team,
            changes={"edition": edition},
            m2m={"session_types": same_types, "tracks": same_tracks},
        )
    source_call = Call.objects.filter(edition=source).first()
    if source_call is not None:
        call = record_copy(
            work,
            source_call,
            changes={
                "edition": edition,
                "opens_at": source_call.opens_at + copy.shift,
                "closes_at": source_call.closes_at + copy.shift,
            },
        )
        for item in source_call.session_types.select_related("session_type"):
            if item.session_type.slug in copy.session_types:
                record_copy(
                    work,
                    item,
                    changes={
                        "call": call,
                        "session_type": copy.session_types[item.session_type.slug],
                    },
                )
        for question in source_call.questions.all():
            record_copy(work, question, changes={"call": call})
    if not source.review_criteria.exists():
        criteria_seed(edition=edition, actor=work.actor)
    email_templates_seed(edition=edition, actor=work.actor)
