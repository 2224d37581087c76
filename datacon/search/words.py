"""Words as the search index keeps them: lower case, no accents, light Spanish stemming.

The same function reads documents and queries, so "Información", "informacion"
and "INFORMACIONES" are one word, and "datos" finds "dato". The stemmer is
deliberately light (plurals and gender endings): it never merges words a
reader would not (it is not a full Snowball stemmer). PostgreSQL uses its own
Spanish dictionary instead (datacon/search/backends.py).
"""

from __future__ import annotations

import re

from datacon.common.text import search_normalise

# Words too common to tell documents apart (PostgreSQL's Spanish dictionary drops them too).
STOPWORDS = frozenset(
    [
        "a",
        "al",
        "algo",
        "como",
        "con",
        "contra",
        "cual",
        "de",
        "del",
        "desde",
        "donde",
        "e",
        "el",
        "ella",
        "ellas",
        "ellos",
        "en",
        "entre",
        "era",
        "es",
        "esa",
        "ese",
        "eso",
        "esta",
        "este",
        "esto",
        "fue",
        "ha",
        "hay",
        "la",
        "las",
        "le",
        "les",
        "lo",
        "los",
        "mas",
        "me",
        "mi",
        "muy",
        "ni",
        "no",
        "nos",
        "o",
        "os",
        "otra",
        "otro",
        "para",
        "pero",
        "por",
        "que",
        "se",
        "sea",
        "ser",
        "si",
        "sin",
        "sobre",
        "son",
        "su",
        "sus",
        "tambien",
        "te",
        "tu",
        "u",
        "un",
        "una",
        "uno",
        "y",
        "ya",
    ]
)

_WORD = re.compile(r"[0-9a-z]+")
MIN_STEM = 3


def stem(word: str) -> str:
    """Plural and gender endings removed: datos → dat, abiertas → abiert, funciones → funcion."""
    if len(word) <= MIN_STEM or word.isdigit():
        return word
    if word.endswith("ces") and len(word) > MIN_STEM + 3:
        word = word[:-3] + "z"  # luces → luz, veces → vez
    elif word.endswith("iones"):
        word = word[:-2]  # informaciones → informacion
    elif word.endswith("es") and len(word) > MIN_STEM + 2 and word[-3] in "lrndjy":
        word = word[:-2]  # ciudades → ciudad, reyes → rey
    elif word.endswith("s") and len(word) > MIN_STEM + 1 and not word.endswith("ss"):
        word = word[:-1]  # datos → dato
    if word[-1] in "aoe" and len(word) > MIN_STEM + 1:
        word = word[:-1]  # dato → dat, abierta → abiert
    return word


def words_of(text: str) -> list[str]:
    """The stemmed words of a text, stop words left out, in reading order."""
    plain = search_normalise(text)
    return [stem(word) for word in _WORD.findall(plain) if word not in STOPWORDS]


def index_text(*parts: str) -> str:
    """What the SQLite index reads for a document: its stemmed words, space-separated."""
    return " ".join(words_of(" ".join(part for part in parts if part)))
