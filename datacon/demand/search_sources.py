"""What the demand capability makes searchable: public data needs and the topics of the
current analysis of information requests (datacon/search/registry.py)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datacon.common import versions
from datacon.demand.selectors import needs_public, topics_current
from datacon.search.registry import SearchItem, SearchSource, search_source_register


def need_documents() -> Iterator[SearchItem]:
    for need in needs_public().order_by("id").iterator(chunk_size=1000):
        yield SearchItem(
            key=str(need.pk),
            title=need.title,
            url=need.get_absolute_url(),
            body=" ".join(
                part for part in (need.description, need.justification, need.rights) if part
            ),
            context=str(need.get_status_display()),
        )


def topic_documents() -> Iterator[SearchItem]:
    for topic in topics_current():
        # The analysis stores [term, weight] pairs; readers search the words only.
        terms = ", ".join(
            str(term[0] if isinstance(term, list | tuple) else term) for term in topic.terms or []
        )
        yield SearchItem(
            key=str(topic.pk),
            title=topic.label,
            url=topic.get_absolute_url(),
            body=terms,
            context=str(_("%(count)s solicitudes") % {"count": topic.size}),
        )


def register() -> None:
    scopes = (versions.DEMAND,)
    search_source_register(
        SearchSource("need", _("Necesidades de datos"), scopes, need_documents, order=60)
    )
    search_source_register(
        SearchSource("topic", _("Temas de las solicitudes"), scopes, topic_documents, order=70)
    )
