"""Bilingual content (common/bilingual.py): the English version organisers write, the
Spanish fallback marked with lang="es-MX", the English log-in and the hreflang links."""

import lxml.html
import pytest
from django.apps import apps
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from datacon.common import bilingual
from datacon.common.bilingual import Localized, localized
from datacon.editions.models import Edition
from datacon.opendata.registry import datasets_all
from datacon.program.models import Session
from tests import factories

pytestmark = pytest.mark.django_db


# --- the mechanism ---------------------------------------------------------------------


def test_localized_gives_english_when_filled_on_the_english_site():
    session = Session(title="Datos del agua", title_en="Water data")
    with translation.override("en"):
        assert localized(session, "title") == Localized("Water data", "en", fallback=False)
    with translation.override("es-mx"):
        assert localized(session, "title") == Localized("Datos del agua", "es-MX", fallback=False)


def test_localized_falls_back_to_spanish_and_says_so():
    session = Session(title="Datos del agua", title_en="  ")
    with translation.override("en"):
        value = localized(session, "title")
    assert value == Localized("Datos del agua", "es-MX", fallback=True)
    with translation.override("en"):
        assert value.foreign is True


def test_a_session_given_in_english_is_english_on_both_sites():
    session = Session(title="Open by default", language="en")
    with translation.override("en"):
        assert localized(session, "title") == Localized("Open by default", "en", fallback=False)
    with translation.override("es-mx"):
        value = localized(session, "title")
        assert value == Localized("Open by default", "en", fallback=False)
        assert value.foreign is True


def test_a_field_without_companion_is_the_original():
    edition = Edition(hashtag="#DATACON")
    with translation.override("en"):
        assert localized(edition, "hashtag") == Localized("#DATACON", "es-MX", fallback=False)


def _render(source: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load datacon %}" + source).render(Context(context))


def test_tag_marks_the_spanish_fallback_inline_and_escapes():
    session = Session(title="Agua <potable>")
    assert (
        _render('{% tr s "title" %}', "en", s=session)
        == '<span lang="es-MX">Agua &lt;potable&gt;</span>'
    )
    assert _render('{% tr s "title" %}', "es-mx", s=session) == "Agua &lt;potable&gt;"


def test_tag_shows_english_without_marking():
    session = Session(title="Agua", title_en="Water")
    assert _render('{% tr s "title" %}', "en", s=session) == "Water"


def test_block_fallback_has_a_visible_note_and_lang():
    session = Session(abstract="Un **resumen**.")
    assert _render('{% tr s "abstract" markdown=True %}', "en", s=session) == (
        '<p class="lang-note">Only available in Spanish</p>'
        '<div class="lang-block" lang="es-MX"><p>Un <strong>resumen</strong>.</p></div>'
    )
    session.abstract_en = "An **abstract**."
    assert _render('{% tr s "abstract" markdown=True %}', "en", s=session) == (
        "<p>An <strong>abstract</strong>.</p>"
    )
    assert _render('{% tr s "abstract" markdown=True %}', "es-mx", s=session) == (
        "<p>Un <strong>resumen</strong>.</p>"
    )


def test_filter_gives_plain_text():
    session = Session(title="Agua", title_en="Water & sanitation")
    assert _render('{{ s|tr:"title" }}', "en", s=session) == "Water &amp; sanitation"
    assert _render('{{ s|tr:"title" }}', "es-mx", s=session) == "Agua"


def test_every_translated_field_has_an_optional_english_companion():
    declared = [m for m in apps.get_models() if bilingual.translated_fields(m)]
    assert len(declared) >= 2
    for model in declared:
        for name in bilingual.translated_fields(model):
            original = model._meta.get_field(name)
            companion = model._meta.get_field(bilingual.english_name(name))
            assert (type(companion), companion.blank) == (type(original), True), companion
            assert getattr(companion, "max_length", None) == getattr(original, "max_length", None)


def test_english_form_fields_puts_each_companion_after_its_original():
    assert bilingual.english_form_fields(Session, "code", "title", "abstract") == [
        "code",
        "title",
        "title_en",
        "abstract",
        "abstract_en",
    ]


def test_every_catalogue_dataset_has_english_metadata():
    missing = [d.slug for d in datasets_all() if not (d.title_en and d.description_en)]
    assert missing == []


# --- pages ------------------------------------------------------------------------------


def test_english_session_page_shows_english_title_and_marks_spanish_abstract(client: Client):
    session = factories.SessionFactory(
        title="Datos del agua", title_en="Water data", abstract="Calidad del agua potable."
    )
    html = client.get(f"/en/ediciones/{session.edition.slug}/sesiones/{session.code}/")
    tree = lxml.html.fromstring(html.content)
    assert tree.cssselect("h1")[0].text_content() == "Water data"
    assert tree.cssselect("h1 span[lang]") == []
    block = tree.cssselect(".prose .lang-block")[0]
    assert (block.get("lang"), block.text_content()) == ("es-MX", "Calidad del agua potable.")
    assert tree.cssselect(".prose .lang-note")[0].text_content() == "Only available in Spanish"


def test_spanish_session_page_is_unchanged(client: Client):
    session = factories.SessionFactory(
        title="Datos del agua", title_en="Water data", abstract="Calidad."
    )
    html = client.get(f"/ediciones/{session.edition.slug}/sesiones/{session.code}/")
    tree = lxml.html.fromstring(html.content)
    assert tree.cssselect("h1")[0].text_content() == "Datos del agua"
    assert tree.cssselect("[lang='es-MX']") == [tree]
    assert tree.cssselect(".lang-note") == []


def test_english_program_marks_untranslated_session_titles(client: Client):
    edition = factories.EditionFactory(title="DATACON 2040", title_en="DATACON 2040")
    factories.SessionFactory(edition=edition, title="Agua", title_en="Water")
    factories.SessionFactory(edition=edition, title="Salud")
    tree = lxml.html.fromstring(client.get(f"/en/ediciones/{edition.slug}/programa/").content)
    titles = {
        a.text_content(): [s.get("lang") for s in a.cssselect("span")]
        for a in tree.cssselect(".session-title a")
    }
    assert titles == {"Water": [], "Salud": ["es-MX"]}


def test_english_edition_page_shows_english_theme_and_summary(client: Client):
    edition = factories.EditionFactory(
        theme="Datos para todas", theme_en="Data for everyone", summary="Resumen.", summary_en=""
    )
    tree = lxml.html.fromstring(client.get(f"/en/ediciones/{edition.slug}/").content)
    assert tree.cssselect(".lead")[0].text_content() == "Data for everyone"
    assert tree.cssselect("#summary-title + .lang-note")[0].text_content() == (
        "Only available in Spanish"
    )


def test_english_catalogue_shows_english_dataset_titles(client: Client):
    tree = lxml.html.fromstring(client.get("/en/datos/").content)
    titles = [a.text_content() for a in tree.cssselect("th[scope=row] a")]
    assert "Sessions" in titles
    assert "Sesiones" not in titles
    assert [h.text_content() for h in tree.cssselect("h3")][:1] == [
        "Conference (editions, venues, sessions, participations)"
    ]
    tree = lxml.html.fromstring(client.get("/en/datos/conjuntos/sesiones/").content)
    assert tree.cssselect("h1")[0].text_content() == "Sessions"


def test_dcat_gives_dataset_titles_in_both_languages(client: Client):
    turtle = client.get("/datos/catalogo.ttl").content.decode()
    assert '"Sesiones"@es' in turtle
    assert '"Sessions"@en' in turtle
    assert '"Public consultation (paragraphs, comments, answers)"@en' in turtle


# --- log-in, account and hreflang ----------------------------------------------------------


def test_protected_english_page_sends_to_the_english_log_in(client: Client):
    response = client.get("/en/cuenta/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/cuentas/login/?next=/en/cuenta/",
    )
    response = client.get("/cuenta/")
    assert (response.status_code, response["Location"]) == (
        302,
        "/cuentas/login/?next=/cuenta/",
    )


def test_english_log_in_page_is_in_english(client: Client):
    response = client.get("/en/cuentas/login/")
    tree = lxml.html.fromstring(response.content)
    assert (response.status_code, tree.get("lang")) == (200, "en")


def test_english_account_pages_work_signed_in():
    client = Client()
    client.force_login(factories.UserFactory())
    response = client.get("/en/cuenta/")
    tree = lxml.html.fromstring(response.content)
    assert (response.status_code, tree.get("lang")) == (200, "en")


def test_hreflang_links_point_to_both_versions_with_absolute_addresses(client: Client, settings):
    settings.DATACON_PUBLIC_URL = "https://datos.example.mx"
    edition = factories.EditionFactory()
    for path in (f"/ediciones/{edition.slug}/", f"/en/ediciones/{edition.slug}/"):
        tree = lxml.html.fromstring(client.get(path).content)
        links = {
            link.get("hreflang"): link.get("href")
            for link in tree.cssselect("head link[rel=alternate][hreflang]")
        }
        assert links == {
            "es-MX": f"https://datos.example.mx/ediciones/{edition.slug}/",
            "en": f"https://datos.example.mx/en/ediciones/{edition.slug}/",
            "x-default": f"https://datos.example.mx/ediciones/{edition.slug}/",
        }
