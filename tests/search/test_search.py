"""The one search (datacon/search): every public kind, accents, case and plurals ignored,
never what is not public, a fixed number of queries; the same answers on SQLite and
PostgreSQL (the suite runs on both)."""

from __future__ import annotations

import pytest
from django.test import Client

from datacon.consultation import answers, moderation
from datacon.demand.models_requests import AnalysisRun, RequestTopic
from datacon.search.index import index_rebuild_all, index_refresh
from datacon.search.selectors import search_everything
from datacon.search.words import words_of
from tests import factories
from tests.consultation.factories import ConsultationFactory, comment, participant
from tests.demand.factories import NeedFactory
from tests.memoria.factories import MemoriaFactory, MemoriaSectionFactory
from tests.policy.factories import DocumentFactory, MeetingFactory, ProcessFactory, publish

pytestmark = pytest.mark.django_db

CONSULTED = """# Alcance

Primer párrafo sobre el agua de los ríos y su información pública.

Segundo párrafo sin la palabra buscada.
"""


def _world() -> dict[str, object]:
    edition = factories.EditionFactory(theme="Datos del agua para todas las personas")
    session = factories.SessionFactory(edition=edition, title="Mapas del agua subterránea")
    person = factories.PersonFactory(public_name="Ana Acuífera", bio="Hidróloga del agua.")
    factories.ParticipationFactory(session=session, person=person)
    hidden_person = factories.PersonFactory(public_name="Beto Borrador", bio="Agua y más agua.")
    factories.ParticipationFactory(session=session, person=hidden_person, status="invited")
    organisation = factories.OrganisationFactory(name="Comisión del Agua")
    factories.EditionOrganisationFactory(edition=edition, organisation=organisation)
    MemoriaSectionFactory(memoria=MemoriaFactory(edition=edition), body="Se habló del agua.")
    NeedFactory(title="Calidad del agua potable")
    NeedFactory(title="Agua escondida", is_hidden=True)
    run = AnalysisRun.objects.create(is_current=True, status="done")
    RequestTopic.objects.create(run=run, number=1, label="Agua y saneamiento", terms=["pozo"])
    process = ProcessFactory()
    publish(DocumentFactory(process=process, title="Política hídrica"), body="El agua es vida.")
    MeetingFactory(process=process, title="Mesa sobre agua")
    consultation = ConsultationFactory(
        process=process,
        version=publish(DocumentFactory(process=process, title="Consultado"), body=CONSULTED),
    )
    answered = comment(consultation, body="Un comentario sobre los pozos de la comunidad.")
    answers.answer_save(
        comment=answered,
        status="accepted",
        reason="Se incluye la medición del agua en el párrafo 3.",
        actor=factories.SYSTEM,
        notify_author=False,
    )
    hidden = comment(consultation, participant(consultation, name="Cora").user, body="x" * 40)
    answers.answer_save(
        comment=hidden,
        status="accepted",
        reason="Respuesta al agua oculta.",
        actor=factories.SYSTEM,
        notify_author=False,
    )
    moderation.comment_hide(
        comment=hidden, reason="Motivo público.", actor=factories.SYSTEM, notify_author=False
    )
    index_rebuild_all()  # factories bypass the write path (services keep it fresh)
    return {"hidden_person": hidden_person}


def _paragraph_title() -> str:
    consultation = ConsultationFactory._meta.model.objects.get()
    return f"Párrafo 1 · {consultation.title}"


def _titles(query: str) -> dict[str, list[str]]:
    results = search_everything(query=query)
    return {g.kind: sorted(r.title for r in g.results) for g in results.groups}


def test_words_are_folded_and_stemmed_the_same_for_documents_and_queries():
    assert words_of("AGUA") == words_of("agüa") == words_of("agua") == ["agua"]
    assert words_of("información") == words_of("INFORMACION") == ["informacion"]
    assert words_of("datos") == words_of("dato") == ["dato"]
    assert words_of("los datos de la ciudad") == ["dato", "ciudad"]


def test_agua_finds_every_public_kind():
    _world()
    found = _titles("agua")
    assert sorted(found) == [
        "answer", "document", "edition", "meeting", "memoria", "need", "organisation",
        "paragraph", "person", "session", "topic",
    ]  # fmt: skip
    assert found["need"] == ["Calidad del agua potable"]
    assert found["document"] == ["Consultado", "Política hídrica"]
    assert found["paragraph"] == [_paragraph_title()]


@pytest.mark.parametrize("query", ["AGUA", "agüa", "Agua"])
def test_accents_and_case_are_ignored(query):
    _world()
    assert _titles(query) == _titles("agua")


def test_information_without_accent_finds_informacion_and_plural_finds_singular():
    _world()
    assert _titles("informacion") == {"document": ["Consultado"], "paragraph": [_paragraph_title()]}
    assert _titles("información") == _titles("informacion")
    assert _titles("pozos")["topic"] == ["Agua y saneamiento"]  # the topic's term is "pozo"


def test_what_is_not_public_is_never_found():
    _world()
    found = _titles("agua")
    assert found["person"] == ["Ana Acuífera"]  # not the unconfirmed person
    assert found["need"] == ["Calidad del agua potable"]  # not the hidden need
    assert len(found["answer"]) == 1  # not the answer to the hidden comment
    assert _titles("Beto Borrador") == {}
    assert _titles("escondida") == {}
    assert _titles("oculta") == {}
    assert _titles("Cora") == {}  # comment authors are never indexed


def test_counts_group_and_pages():
    _world()
    for index in range(25):
        NeedFactory(title=f"Agua de la cuenca {index}")
    index_rebuild_all()
    summary = search_everything(query="agua")
    need = next(g for g in summary.groups if g.kind == "need")
    assert need.count == 26
    assert len(need.results) == 5
    first = search_everything(query="agua", kind="need")
    second = search_everything(query="agua", kind="need", page=2)
    assert [g.kind for g in first.groups] == ["need"]
    assert (first.pages, len(first.groups[0].results), len(second.groups[0].results)) == (2, 20, 6)
    titles = {r.title for r in first.groups[0].results} | {
        r.title for r in second.groups[0].results
    }
    assert len(titles) == 26


def test_a_write_through_the_services_reaches_the_index_on_the_next_search():
    from datacon.demand.models import InformationNeed
    from datacon.search.models import SearchIndexState

    _world()
    assert index_refresh() == []
    need = InformationNeed.objects.get(title="Calidad del agua potable")
    from datacon.common.write import unit_of_work

    with unit_of_work(factories.SYSTEM) as work:
        need.title = "Calidad del agua de lluvia"
        work.save(need)
    assert SearchIndexState.objects.count() == 11
    assert _titles("lluvia") == {"need": ["Calidad del agua de lluvia"]}


def test_the_page_shows_groups_with_counts_and_runs_a_fixed_number_of_queries(
    count_queries,
):
    _world()
    client = Client()
    html = client.get("/buscar/?q=agua").content.decode()
    assert "Calidad del agua potable" in html
    assert "Necesidades de datos" in html
    small = count_queries(lambda: client.get("/buscar/?q=agua&tipo=need"))
    for index in range(30):
        NeedFactory(title=f"Agua de la cuenca {index}")
    index_rebuild_all()
    large = count_queries(lambda: client.get("/buscar/?q=agua&tipo=need&pagina=2"))
    assert small == large


def test_a_new_comment_rebuilds_no_kind_but_hiding_an_answered_one_rebuilds_answers():
    from datacon.consultation.models import Answer, Consultation

    _world()
    consultation = Consultation.objects.get()
    comment(consultation, body="Otro comentario más, que no cambia nada buscable.")
    assert index_refresh() == []
    answered = Answer.objects.get(reason__startswith="Se incluye").comment
    moderation.comment_hide(
        comment=answered, reason="Motivo público.", actor=factories.SYSTEM, notify_author=False
    )
    assert index_refresh() == ["answer"]
    assert "answer" not in _titles("agua")


def test_the_english_version_is_found_and_shown_on_the_english_site():
    """Organisers' English titles and texts are indexed too: "water" finds the session on
    both sites; the English site shows the English title, and the Spanish text of a record
    nobody translated is marked lang="es-MX" (a Spanish voice in screen readers)."""
    edition = factories.EditionFactory(title="Edición bilingüe", title_en="Bilingual edition")
    factories.SessionFactory(
        edition=edition,
        code="S0101",
        title="Calidad del agua potable",
        title_en="Drinking water quality",
        abstract_en="Measuring drinking water in rivers.",
    )
    factories.SessionFactory(edition=edition, code="S0102", title="Mapas del agua subterránea")
    client = Client()
    english = client.get("/en/buscar/", {"q": "water"}).content.decode()
    spanish = client.get("/buscar/", {"q": "water"}).content.decode()
    assert ">S0101 · Drinking water quality</a>" in english
    assert ">S0101 · Calidad del agua potable</a>" in spanish
    untranslated = client.get("/en/buscar/", {"q": "subterránea"}).content.decode()
    assert 'lang="es-MX">S0102 · Mapas del agua subterránea</a>' in untranslated
    assert [group.kind for group in search_everything(query="rivers").groups] == ["session"]


def test_a_request_topic_is_found_by_its_words_never_shown_with_their_weights():
    """The analysis stores [term, weight] pairs: the result read «'agua', 0.0835 , …»."""
    run = AnalysisRun.objects.create(is_current=True, status="done")
    RequestTopic.objects.create(
        run=run, number=1, label="Tema hídrico", terms=[["acuífero", 0.0835], ["pozo", 0.0815]]
    )
    index_rebuild_all()
    html = Client().get("/buscar/", {"q": "acuifero"}).content.decode()
    assert ("Tema hídrico" in html, "acuífero, pozo" in html, "0.08" in html) == (True, True, False)


def test_the_english_site_says_what_to_try_when_nothing_is_found():
    html = Client().get("/en/buscar/", {"q": "water"}).content.decode()
    assert "try the Spanish words too" in html
