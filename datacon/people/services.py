"""Writes for people and organisations (the program's public profiles).

The edition's organisers (of any edition: people are shared by every edition)
edit them; so does the platform through loaders and the decisions that put a
proposal's people in the program.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.slugs import unique_slug_for
from datacon.common.write import unit_of_work
from datacon.people.models import Organisation, PeopleAction, Person

EDIT = "people.edit"
DELETE = "people.delete"


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


def organisation_delete(*, organisation: Organisation, actor: Actor) -> None:
    """Delete an organisation entered by mistake (a referenced one raises ProtectedError)."""
    with unit_of_work(actor) as work:
        require(actor, DELETE)
        work.delete(organisation)


def person_delete(*, person: Person, actor: Actor) -> None:
    """Delete a profile entered by mistake (one in the program raises ProtectedError)."""
    with unit_of_work(actor) as work:
        require(actor, DELETE)
        work.delete(person)


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


def person_profile_update(
    *,
    person: Person,
    actor: Actor,
    public_name: str,
    position: str = "",
    organisation: Organisation | None = None,
    bio: str = "",
    website: str = "",
    private: Iterable[str] = (),
    photo: File[bytes] | None = None,
    photo_remove: bool = False,
    photo_consent: bool = False,
) -> Person:
    """The person edits their own public profile, field by field public or private.

    A private value is kept in `private_values` and its public column emptied,
    so no page, export or API response can show it. The photo is shown only
    with `photo_consent`. Every public page and export sees the change at once
    (the unit of work bumps the conference caches).
    """
    hidden = set(private)
    unknown = hidden - set(Person.MAY_BE_PRIVATE)
    if unknown:
        raise ValidationError(_("Esos campos no pueden ser privados: %s") % ", ".join(unknown))
    with unit_of_work(actor) as work:
        require(actor, "people.edit_own_profile", person)
        values: dict[str, Any] = {
            "position": position,
            "organisation": organisation.pk if organisation is not None else None,
            "bio": bio,
            "website": website,
        }
        person.public_name = public_name
        kept: dict[str, Any] = {}
        for field, value in values.items():
            if field in hidden:
                kept[field] = value
                value = "" if field != "organisation" else None
            if field == "organisation":
                person.organisation_id = value
            else:
                setattr(person, field, value)
        person.private_values = kept
        if photo_remove:
            person.photo = ""
        elif photo is not None:
            person.photo = photo
        person.photo_consent = bool(photo_consent and person.photo)
        if not person.slug:
            person.slug = unique_slug_for(person, person.public_name)
        return work.save(person, action=PeopleAction.PROFILE_SELF_UPDATE)


def person_profile_values(person: Person) -> dict[str, Any]:
    """What the person typed, public or private (for their own form)."""
    values: dict[str, Any] = {
        "public_name": person.public_name,
        "position": person.position,
        "organisation": person.organisation_id,
        "bio": person.bio,
        "website": person.website,
        "photo_consent": person.photo_consent,
    }
    values.update(person.private_values or {})
    values["private"] = sorted(person.private_values or {})
    return values
