"""Text normalisation shared by the importer (names, states) and the analysis (tokens).

Accents are removed except the ñ (so "año" and "ano" stay different words, and
"Secretaría" matches "SECRETARIA"); everything is lower-cased. Spanish stop
words come from two lists written for this project (no NLTK data is
downloaded): `stopwords_es.txt` (function words) and `stopwords_solicitudes.txt`
(formulas every request repeats: "solicito", "copia", "información"...).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from datacon.common.choices import MexicanState

_HERE = Path(__file__).resolve().parent

_FROM = "áéíóúüàèìòùâêîôûäëïöÁÉÍÓÚÜÀÈÌÒÙÂÊÎÔÛÄËÏÖ"
_TO = "aeiouuaeiouaeiouaeioaeiouuaeiouaeiouaeio"
ACCENTS = str.maketrans(_FROM, _TO.lower())

TOKEN = re.compile(r"[a-zñ]+")
# Lower-cased words before removing accents, so the analysis can remember how a
# word is usually written ("pública") while it counts its plain form ("publica").
SURFACE_TOKEN = re.compile(r"[a-zñáéíóúüàèìòùâêîôûäëïö]+")
_NOT_WORD = re.compile(r"[^0-9a-zñ]+")


def fold(text: str) -> str:
    """Lower case without accents (the ñ stays)."""
    return text.lower().translate(ACCENTS)


def name_key(text: str) -> str:
    """The key two spellings of one name share: "SECRETARÍA DE SALUD." → "secretaria de salud"."""
    return _NOT_WORD.sub(" ", fold(text)).strip()[:300]


_LOWER_WORDS = {"de", "del", "la", "las", "los", "el", "y", "e", "en", "para", "a", "por", "al"}


def tidy_name(text: str) -> str:
    """Readable name from an export's spelling: collapse spaces, title-case ALL-CAPS names.

    "SECRETARIA DE SALUD (SSA)" → "Secretaria de Salud (SSA)". Mixed-case names,
    and one-word names such as "IMSS" (an acronym), are kept as written;
    organisers can rename an institution at any time.
    """
    name = " ".join(text.split())
    if not name.isupper() or " " not in name:
        return name
    words = []
    for position, word in enumerate(name.split(" ")):
        if word.startswith("("):
            words.append(word)  # "(SSA)": an acronym in brackets stays upper case
        elif position > 0 and word.lower() in _LOWER_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)


def _read_words(name: str) -> frozenset[str]:
    words = set()
    for line in (_HERE / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(fold(line))
    return frozenset(words)


@cache
def stop_words() -> frozenset[str]:
    """Function words plus request formulas, folded like the tokens."""
    return _read_words("stopwords_es.txt") | _read_words("stopwords_solicitudes.txt")


# --- Mexican states as they are written in exports ----------------------------------------------

_STATE_ALIASES = {
    "cdmx": "09",
    "ciudad de mexico": "09",
    "distrito federal": "09",
    "df": "09",
    "d f": "09",
    "mexico": "15",
    "estado de mexico": "15",
    "edomex": "15",
    "edo mex": "15",
    "coahuila": "05",
    "michoacan": "16",
    "veracruz": "30",
    "queretaro de arteaga": "22",
    "baja california norte": "02",
    "nl": "19",
}
# Values that say "no state" on purpose (a federal body, a request from abroad).
NO_STATE_VALUES = frozenset(
    {
        "",
        "federal",
        "federacion",
        "nacional",
        "no aplica",
        "n a",
        "na",
        "extranjero",
        "otro",
        "sin dato",
        "sin datos",
        "no especificado",
        "no disponible",
        "ninguno",
    }
)


@cache
def _state_lookup() -> dict[str, str]:
    lookup = {name_key(label): code for code, label in MexicanState.choices}
    for code, _label in MexicanState.choices:
        lookup[code] = code
        lookup[str(int(code))] = code
    lookup.update(_STATE_ALIASES)
    return lookup


def state_code(value: str) -> str | None:
    """INEGI code of a state written any usual way; "" for a deliberate "no state"; None if unknown."""
    key = name_key(value)
    if key in NO_STATE_VALUES:
        return ""
    return _state_lookup().get(key)
