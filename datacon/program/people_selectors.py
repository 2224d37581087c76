"""Reads for the public people and organisations pages: only those with a public role in
the program (a confirmed participation in a public session) are public.

They live with the program because the program decides who is public; the people app
holds the records and never imports the program."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from datacon.editions.models import PUBLIC_EDITION_STATUSES, EditionOrganisation
from datacon.people.models import Organisation, Person
from datacon.program.models import Material, Participation, Session, public_session_filter


def _public_participations() -> QuerySet[Participation]:
    return Participation.objects.public()


def persons_public() -> QuerySet[Person]:
    """People who take part in at least one public session.

    Anyone else (a proponent, an attendee, a person still in draft) is not shown.
    """
    return Person.objects.filter(
        Exists(_public_participations().filter(person=OuterRef("pk")))
    ).select_related("organisation")


def organisations_public() -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Exists(
            EditionOrganisation.objects.filter(
                organisation=OuterRef("pk"), edition__status__in=PUBLIC_EDITION_STATUSES
            )
        )
        | Exists(persons_public().filter(organisation=OuterRef("pk")))
        | Q(organised_editions__status__in=PUBLIC_EDITION_STATUSES)
    ).distinct()


def person_get_public(*, slug: str) -> Person:
    person = persons_public().filter(slug=slug).first()
    if person is None:
        raise Http404("Persona no encontrada")
    return person


def person_participations(*, person: Person) -> list[Participation]:
    return list(
        _public_participations()
        .filter(person=person)
        .select_related("session__edition", "session__session_type")
        .order_by("-session__edition__year", "session__day", "session__starts_at", "session__code")
    )


def organisation_get_public(*, slug: str) -> Organisation:
    organisation = organisations_public().filter(slug=slug).first()
    if organisation is None:
        raise Http404("Organización no encontrada")
    return organisation


def organisation_sessions(*, organisation: Organisation) -> list[Session]:
    """Public sessions in which someone from the organisation takes part."""
    return list(
        Session.objects.filter(public_session_filter())
        .filter(
            Exists(
                Participation.objects.public().filter(
                    session=OuterRef("pk"), person__organisation=organisation
                )
            )
        )
        .select_related("edition", "session_type")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.public()
                .filter(person__organisation=organisation)
                .select_related("person"),
                to_attr="organisation_participations",
            )
        )
        .distinct()
        .order_by("-edition__year", "day", "starts_at", "code")
    )


def organisation_edition_roles(*, organisation: Organisation) -> list[EditionOrganisation]:
    return list(
        EditionOrganisation.objects.filter(
            organisation=organisation, edition__status__in=PUBLIC_EDITION_STATUSES
        )
        .select_related("edition")
        .order_by("-edition__year", "role")
    )


def participations_of_account(*, user_id: int) -> list[Participation]:
    """Every participation of the person linked to an account, for their own page.

    One query, whatever their number: sessions, editions, venues and rooms are
    joined; the page's materials come from `materials_of_sessions`.
    """
    return list(
        Participation.objects.filter(person__user__pk=user_id)
        .select_related(
            "person", "session__edition", "session__venue", "session__room", "session__room__venue"
        )
        .order_by("-session__edition__start_date", "session__starts_at", "session__code", "pk")
    )


def session_from_pk(*, session: int, **_url: object) -> Session:
    """The session a participant's URL names, for `rule_route`; 404 when missing."""
    found = Session.objects.select_related("edition", "venue", "room").filter(pk=session).first()
    if found is None:
        raise Http404("Sesión no encontrada")
    return found


def materials_of_sessions(session_ids: list[int]) -> dict[int, list[Material]]:
    """The materials of some sessions, in one query, by session."""
    found: dict[int, list[Material]] = {}
    for material in Material.objects.filter(session_id__in=session_ids).order_by("order", "pk"):
        found.setdefault(material.session_id, []).append(material)
    return found
