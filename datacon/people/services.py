"""Writes for people and organisations."""

from __future__ import annotations

from typing import Any

from datacon.common.services import record_save
from datacon.common.slugs import unique_slug_for
from datacon.people.models import Organisation, Person


def organisation_save(*, organisation: Organisation, actor: Any) -> Organisation:
    if not organisation.slug:
        organisation.slug = unique_slug_for(organisation, organisation.acronym or organisation.name)
    return record_save(instance=organisation, actor=actor)


def organisation_create(
    *,
    name: str,
    kind: str,
    acronym: str = "",
    website: str = "",
    description: str = "",
    actor: Any = None,
) -> Organisation:
    organisation = Organisation(
        name=name, kind=kind, acronym=acronym, website=website, description=description
    )
    return organisation_save(organisation=organisation, actor=actor)


def person_save(*, person: Person, actor: Any) -> Person:
    if not person.slug:
        person.slug = unique_slug_for(person, person.public_name)
    return record_save(instance=person, actor=actor)


def person_create(
    *,
    public_name: str,
    organisation: Organisation | None = None,
    position: str = "",
    bio: str = "",
    email: str = "",
    gender: str = "",
    actor: Any = None,
) -> Person:
    person = Person(
        public_name=public_name,
        organisation=organisation,
        position=position,
        bio=bio,
        email=email,
        gender=gender,
    )
    return person_save(person=person, actor=actor)
