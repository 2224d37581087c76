"""Pages that show sourced facts run a fixed number of queries, whatever the number of facts."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from datacon.sources.models import SourcedFact
from tests import factories as core
from tests.sources import factories

pytestmark = pytest.mark.django_db


def _archived_edition():
    return core.EditionFactory(status="archived")


@pytest.mark.parametrize("page", ["", "programa/"])
def test_edition_pages_queries_do_not_grow_with_facts(client, count_queries, page):
    edition = _archived_edition()
    factories.fact(edition=edition)
    url = f"/ediciones/{edition.slug}/{page}"
    client.get(url)  # warms what every first request loads once per process
    cache.clear()
    first = count_queries(lambda: client.get(url))
    for _ in range(6):
        factories.fact(edition=edition, uncertain=True, uncertain_why="La fuente no da la fecha.")
    cache.clear()
    response = client.get(url)
    assert response.content.decode().count("dato no confirmado") == (6 if not page else 0)
    cache.clear()
    assert count_queries(lambda: client.get(url)) == first


def test_an_uncertain_fact_needs_a_reason():
    with pytest.raises(ValidationError) as refused:
        factories.fact(uncertain=True, uncertain_why="")
    assert "uncertain_why" in refused.value.message_dict
    assert SourcedFact.objects.count() == 0


def test_a_fact_without_a_source_says_it_comes_from_the_seeds(client):
    edition = _archived_edition()
    factories.source(key="semilla-x", kind="seed", title="Documento semilla X", url="")
    factories.fact(edition=edition, source=None, text="Un dato sin fuente propia.")
    html = client.get(f"/ediciones/{edition.slug}/").content.decode()
    assert "Un dato sin fuente propia." in html
    assert "Fuente: documentos semilla de la plataforma" in html


def test_the_fictional_edition_shows_no_sourced_record(client):
    edition = core.EditionFactory(status="published", is_demo=True)
    factories.fact(edition=edition, text="Nunca se muestra.")
    html = client.get(f"/ediciones/{edition.slug}/").content.decode()
    assert "Nunca se muestra." not in html
    assert "Lo que se sabe de esta edición" not in html


def test_partial_dates_keep_the_precision_of_the_source():
    from django.utils import translation

    from datacon.sources.templatetags.sources_public import partial_date

    assert [partial_date(v) for v in ("2021", "2021-05", "2021-05-15", "")] == [
        "2021",
        "mayo de 2021",
        "15 de mayo de 2021",
        "",
    ]
    with translation.override("en"):
        assert partial_date("2021-05-15") == "May 15, 2021"
