"""Rich text: organisers write Markdown; pages show sanitised HTML.

Markdown keeps the stored text readable in open-data exports; nh3 (a Rust
HTML sanitiser) removes anything that could run in a reader's browser.
"""

from __future__ import annotations

import unicodedata

import markdown as markdown_lib
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "a", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "h5", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def markdown_to_html(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)


def plain_paragraphs(text: str) -> SafeString:
    """Plain text with line breaks, escaped, for fields that are not Markdown."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return mark_safe("".join(f"<p>{escape(p)}</p>" for p in paragraphs))


def search_normalise(text: str) -> str:
    """Lower-case text without accents, so "politica" finds "Política" on any database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
