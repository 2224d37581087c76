"""What the program makes searchable: public sessions, and the people and organisations
it makes public (datacon/search/registry.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.program.people_selectors import organisations_public, persons_public
from datacon.program.selectors import sessions_public
from datacon.search.registry import (
    SearchItem,
    SearchSource,
    path_maker,
    search_source_register,
)


def session_documents() -> Iterator[SearchItem]:
    session_path = path_maker("public:session", "x-edicion", "X-CODIGO")
    sessions = sessions_public().select_related("edition", "session_type").order_by("id")
    for session in sessions.iterator(chunk_size=1000):
        yield SearchItem(
            key=str(session.pk),
            title=f"{session.code} · {session.title}",
            url=session_path(session.edition.slug, session.code),
            body=session.abstract,
            context=f"{session.edition.title} · {session.session_type.name}",
            title_en=f"{session.code} · {session.title_en}" if session.title_en else "",
            body_en=session.abstract_en,
        )


def person_documents() -> Iterator[SearchItem]:
    person_path = path_maker("public:person", "x-persona")
    for person in persons_public().order_by("id").iterator(chunk_size=1000):
        organisation = person.organisation.name if person.organisation else ""
        yield SearchItem(
            key=str(person.pk),
            title=person.public_name,
            url=person_path(person.slug),
            body=" ".join(part for part in (person.position, organisation, person.bio) if part),
            context=" · ".join(part for part in (person.position, organisation) if part),
        )


def organisation_documents() -> Iterator[SearchItem]:
    organisation_path = path_maker("public:organisation", "x-organizacion")
    for organisation in organisations_public().order_by("id").iterator(chunk_size=1000):
        title = organisation.name
        if organisation.acronym:
            title = f"{title} ({organisation.acronym})"
        yield SearchItem(
            key=str(organisation.pk),
            title=title,
            url=organisation_path(organisation.slug),
            body=organisation.description,
        )


def register() -> None:
    scopes = (versions.CONFERENCE,)
    search_source_register(
        SearchSource("session", _("Sesiones"), scopes, session_documents, order=20)
    )
    search_source_register(SearchSource("person", _("Personas"), scopes, person_documents, 30))
    search_source_register(
        SearchSource("organisation", _("Organizaciones"), scopes, organisation_documents, 40)
    )
