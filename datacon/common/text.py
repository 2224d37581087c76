"""Rich text: organisers write Markdown; pages show sanitised HTML.

Markdown keeps the stored text readable in open-data exports; nh3 (a Rust
HTML sanitiser) removes anything that could run in a reader's browser.
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from decimal import Decimal

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


def markdown_to_text(text: str) -> str:
    """Markdown as plain text (for metadata such as schema.org descriptions): the
    rendered words without markup, paragraphs kept apart by a blank line."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    html = re.sub(r"</(p|li|h[1-6]|blockquote|tr)>", "\n\n", html)
    words = htmllib.unescape(nh3.clean(html, tags=set()))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", words))
    return "\n\n".join(p for p in paragraphs if p)


def plain_paragraphs(text: str) -> SafeString:
    """Plain text with line breaks, escaped, for fields that are not Markdown."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return mark_safe("".join(f"<p>{escape(p)}</p>" for p in paragraphs))


def search_normalise(text: str) -> str:
    """Lower-case text without accents, so "politica" finds "Política" on any database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def plain_number(number: Decimal) -> str:
    """12, 12.5, 0: a decimal as a person writes it (no "12.00", no "1E+1")."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
