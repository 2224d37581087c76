"""Bilingual content: the English version organisers write of what they publish.

The interface is translated through gettext; the CONTENT (a session's title,
an edition's summary, a memoria section...) is written by people, in Spanish
first. A model that publishes text declares which fields have an English
companion, and declares the companions with `english_of`:

    class Session(TimeStampedModel):
        title = models.CharField(_("título"), max_length=300)
        abstract = models.TextField(_("resumen"), blank=True)
        title_en = english_of(title)
        abstract_en = english_of(abstract)

        TRANSLATED_FIELDS = ("title", "abstract")

The same works for any object with `<field>_en` attributes (the open-data
catalogue's datasets are dataclasses registered in code).

`localized(obj, "title")` is the one place that chooses what a visitor reads:
on the English site the English text when it is filled, otherwise the
original; on the Spanish site the original. It says in which language the
text is, so templates mark text that is not in the page's language
(`lang="es-MX"` on the English site, for a Spanish voice in screen readers):
`{% tr session "title" %}`, `{% tr session "abstract" markdown=True %}` (a
block, with a visible "Only available in Spanish" note when it falls back),
and `{{ session|tr:"title" }}` for plain text (attributes, <title>).

No query is added: the companions live on the same row.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from datacon.common.text import markdown_to_html

SPANISH = "es-MX"
ENGLISH = "en"
SUFFIX = "_en"

_F = TypeVar("_F", bound="models.Field[Any, Any]")

# A model's `language` values (common.choices.Language) as BCP 47 tags for `lang`.
_LANGUAGE_TAGS = {"es": SPANISH, "en": ENGLISH}


def english_name(field: str) -> str:
    """The name of a field's English companion: "title" -> "title_en"."""
    return field + SUFFIX


def english_of(field: _F) -> _F:
    """The English companion of a model field, declared in the model's body.

    Same kind, length, validators and help text; always optional (the
    English version is never required, the original is shown instead).
    """
    companion: Any = copy.deepcopy(field)
    companion.blank = True
    companion.null = False
    companion.default = ""
    companion.primary_key = False
    companion.unique = False
    companion.db_index = False
    label = format_lazy("{} ({})", getattr(field, "_verbose_name", ""), gettext_lazy("en inglés"))
    companion.verbose_name = companion._verbose_name = label
    # A deep copy keeps creation_counter: give the companion its own place after the original.
    companion.creation_counter = models.Field.creation_counter
    models.Field.creation_counter += 1
    return companion  # type: ignore[no-any-return]


def translated_fields(obj: Any) -> tuple[str, ...]:
    """The fields of a model (class or instance) that have an English companion."""
    return tuple(getattr(obj, "TRANSLATED_FIELDS", ()))


def english_form_fields(model: Any, *fields: str) -> list[str]:
    """Each form field followed by its English companion when it has one.

    For a ModelForm's `Meta.fields`: ["title", "title_en", "abstract", ...].
    """
    translated = translated_fields(model)
    result: list[str] = []
    for name in fields:
        result.append(name)
        if name in translated:
            result.append(english_name(name))
    return result


def page_language() -> str:
    """The BCP 47 tag of the language the visitor is reading: "en" or "es-MX"."""
    return ENGLISH if (get_language() or "").startswith("en") else SPANISH


def source_language(obj: Any) -> str:
    """The language the original (non-English-companion) fields are written in.

    Spanish, unless the object says otherwise through the field named in
    `SOURCE_LANGUAGE_FIELD` (a session given in English); "" when unknown.
    """
    field = getattr(obj, "SOURCE_LANGUAGE_FIELD", None)
    if not field:
        return SPANISH
    return _LANGUAGE_TAGS.get(str(getattr(obj, field, "") or ""), "")


@dataclass(frozen=True)
class Localized:
    """A text as a visitor reads it, with the language it is written in."""

    text: str
    lang: str  # BCP 47 tag of `text`; "" when unknown
    fallback: bool  # the English site shows the original because no English version exists

    def __str__(self) -> str:
        return self.text

    @property
    def foreign(self) -> bool:
        """The text is in another language than the page's (it needs `lang`)."""
        return bool(self.text) and self.lang != page_language()


def localized(obj: Any, field: str) -> Localized:
    """What a visitor reads of `obj.field`, in the active language when it exists."""
    original = str(getattr(obj, field, "") or "")
    original_lang = source_language(obj)
    if page_language() == ENGLISH and field in translated_fields(obj):
        english = str(getattr(obj, english_name(field), "") or "")
        if english.strip():
            return Localized(english, ENGLISH, fallback=False)
        return Localized(original, original_lang, fallback=original_lang != ENGLISH)
    return Localized(original, original_lang, fallback=False)


def localized_text(obj: Any, field: str) -> str:
    return localized(obj, field).text


def fallback_note(lang: str) -> str:
    """The visible note on a block shown in its original language."""
    if lang == SPANISH:
        return _("Disponible solo en español")
    return _("Disponible solo en el idioma original")


def render(value: Localized, *, markdown: bool = False) -> SafeString:
    """HTML of a localized text: marked with `lang` when it is not the page's language.

    Inline text becomes `<span lang>`; a Markdown block becomes
    `<div lang>` preceded, when the English site falls back, by a note.
    """
    if markdown:
        html = markdown_to_html(value.text)
        if not value.foreign:
            return html
        lang_attr = format_html(' lang="{}"', value.lang) if value.lang else ""
        note = (
            format_html('<p class="lang-note">{}</p>', fallback_note(value.lang))
            if value.fallback
            else ""
        )
        return mark_safe(f'{note}<div class="lang-block"{lang_attr}>{html}</div>')
    text = conditional_escape(value.text)
    if not value.foreign or not value.lang:
        return mark_safe(text)
    return format_html('<span lang="{}">{}</span>', value.lang, text)
