"""Writes for people and organisations (the program's public profiles).

The edition's organisers (of any edition: people are shared by every edition)
edit them; so does the platform through loaders and the decisions that put a
proposal's people in the program.
"""

from __future__ import annotations

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import unit_of_work
from datacon.people.models import Organisation, Person

EDIT = "people.edit"


def organisation_save(*, organisation: Organisation, actor: Actor) -> Organisation:
    with unit_of_work(actor) as work:
        require(actor, EDIT)
        if not organisation.slug:
            organisation.slug = unique_slug_for(
                organisation, organisation.acronym or organisation.name
            )
        return work.save(organisation)


def organisation_create(
    *,
    name: str,
    kind: str,
    acronym: str = "",
    website: str = "",
    description: str = "",
    actor: Actor,
) -> Organisation:
    organisation = Organisation(
        name=name, kind=kind, acronym=acronym, website=website, description=description
    )
    return organisation_save(organisation=organisation, actor=actor)


def person_save(*, person: Person, actor: Actor) -> Person:
    with unit_of_work(actor) as work:
        require(actor, EDIT)
        if not person.slug:
            person.slug = unique_slug_for(person, person.public_name)
        return work.save(person)


def person_create(
    *,
    public_name: str,
    organisation: Organisation | None = None,
    position: str = "",
    bio: str = "",
    email: str = "",
    gender: str = "",
    actor: Actor,
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
