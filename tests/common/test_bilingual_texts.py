"""Bilingual memoria, policy and consultation texts: the English version written in
/gestion/ shows on /en/; the Spanish fallback and Spanish-only content carry lang="es-MX"."""

import lxml.html
import pytest
from django.test import Client

from datacon.memoria.models import Memoria
from tests import factories as core
from tests.consultation.factories import ConsultationFactory
from tests.demand.factories import NeedFactory
from tests.memoria.factories import MemoriaFactory, MemoriaSectionFactory
from tests.policy.factories import DocumentFactory, ProcessFactory, publish

pytestmark = pytest.mark.django_db


def _tree(client: Client, path: str):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml.html.fromstring(response.content)


def test_memoria_sections_in_english_with_spanish_fallback(client: Client):
    memoria = MemoriaFactory(subtitle="Memoria del evento", subtitle_en="Event report")
    MemoriaSectionFactory(
        memoria=memoria,
        kind="background",
        title="Orígenes",
        title_en="Origins",
        body="Texto.",
        body_en="Text.",
    )
    MemoriaSectionFactory(memoria=memoria, kind="goals", title="", body="Objetivos **claros**.")
    tree = _tree(client, f"/en/ediciones/{memoria.edition.slug}/memoria/")
    background = tree.cssselect("#seccion-background")[0]
    assert (background.cssselect("h2")[0].text_content(), background.cssselect("p")[0].text) == (
        "Origins",
        "Text.",
    )
    goals = tree.cssselect("#seccion-goals")[0]
    assert goals.cssselect(".lang-note")[0].text_content() == "Only available in Spanish"
    block = goals.cssselect(".lang-block")[0]
    assert (block.get("lang"), block.text_content()) == ("es-MX", "Objetivos claros.")
    # An empty section title is the section's name, translated with the interface.
    assert goals.cssselect("h2")[0].text_content() == "Proposal and goals"
    assert "Event report" in tree.cssselect("h1")[0].text_content()


def test_memoria_editor_saves_the_english_version(organiser_client: Client):
    edition = core.EditionFactory()
    data = {
        "subtitle": "Memoria del evento",
        "subtitle_en": "Event report",
        "body_background": "Antecedentes.",
        "body_en_background": "Background.",
        "title_en_background": "Where it began",
        "cifras-TOTAL_FORMS": "0",
        "cifras-INITIAL_FORMS": "0",
    }
    response = organiser_client.post(f"/gestion/memorias/{edition.slug}/", data)
    assert response.status_code == 302
    memoria = Memoria.objects.get(edition=edition)
    assert memoria.subtitle_en == "Event report"
    assert [(s.kind, s.title_en, s.body_en) for s in memoria.sections.all()] == [
        ("background", "Where it began", "Background.")
    ]
    form = lxml.html.fromstring(organiser_client.get(f"/gestion/memorias/{edition.slug}/").content)
    assert form.cssselect("#id_body_en_background")[0].text_content().strip() == "Background."
    assert form.cssselect("#id_body_en_background")[0].get("lang") == "en"


def test_policy_document_title_in_english_and_paragraphs_marked_spanish(client: Client):
    process = ProcessFactory(title="Proceso", title_en="Process", summary="Resumen.")
    document = DocumentFactory(
        process=process, title="Borrador", title_en="Draft", description="Descripción."
    )
    publish(document)
    tree = _tree(client, f"/en/politica/{process.slug}/documentos/{document.slug}/")
    assert tree.cssselect("h1")[0].text_content() == "Draft"
    paragraphs = tree.cssselect(".document-body .para-text")
    assert paragraphs and {p.get("lang") for p in paragraphs} == {"es-MX"}
    assert tree.cssselect(".document-body > .lang-note")[0].text_content() == (
        "Only available in Spanish"
    )
    spanish = _tree(client, f"/politica/{process.slug}/documentos/{document.slug}/")
    assert spanish.cssselect(".para-text")[0].get("lang") is None
    assert spanish.cssselect(".lang-note") == []
    tree = _tree(client, f"/en/politica/{process.slug}/")
    assert tree.cssselect("h1")[0].text_content() == "Process"


def test_consultation_title_and_intro_in_english(client: Client):
    consultation = ConsultationFactory(
        title="Consulta",
        title_en="Consultation",
        description="Participe.",
        description_en="Have a say.",
    )
    tree = _tree(client, f"/en/consultas/{consultation.slug}/")
    assert tree.cssselect("h1")[0].text_content() == "Consultation"
    assert "Have a say." in tree.cssselect(".prose")[0].text_content()
    assert {p.get("lang") for p in tree.cssselect(".draft .para-text")} == {"es-MX"}
    listing = _tree(client, "/en/consultas/")
    titles = [a.text_content() for a in listing.cssselect("h2 a")]
    assert "Consultation" in titles


def test_process_record_form_in_gestion_saves_the_english_version(organiser_client: Client):
    process = ProcessFactory(title="Proceso", summary="Resumen.")
    url = f"/gestion/politica/registros/procesos/{process.pk}/"
    form = lxml.html.fromstring(organiser_client.get(url).content)
    assert [f.get("name") for f in form.cssselect("form.stacked [name$=_en]")] == [
        "title_en",
        "summary_en",
    ]
    data = {
        "title": "Proceso",
        "title_en": "Process",
        "short_title": process.short_title,
        "slug": process.slug,
        "status": process.status,
        "summary": "Resumen.",
        "summary_en": "Summary.",
        "timezone": process.timezone,
    }
    response = organiser_client.post(url, data)
    errors = response.context["form"].errors if response.status_code == 200 else {}
    assert (response.status_code, errors) == (302, {})
    process.refresh_from_db()
    assert (process.title_en, process.summary_en) == ("Process", "Summary.")


def test_data_need_exists_only_in_spanish_and_says_so_on_the_english_site(client: Client):
    need = NeedFactory(title="Calidad del agua potable")
    tree = _tree(client, f"/en/demanda/necesidades/{need.slug}/")
    assert tree.cssselect("h1")[0].get("lang") == "es-MX"
    section = tree.cssselect("section[aria-labelledby=what-title]")[0]
    assert section.cssselect(".lang-note")[0].text_content() == "Only available in Spanish"
    assert section.cssselect("div[lang=es-MX]")[0].text_content().strip() == (
        "Datos por municipio y por mes."
    )
    spanish = _tree(client, f"/demanda/necesidades/{need.slug}/")
    assert spanish.cssselect("h1")[0].get("lang") is None
