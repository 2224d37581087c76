"""The requests as arrays: one pass over the database, nothing kept but integers.

For a million requests the texts alone weigh hundreds of megabytes, so they are
tokenised as they stream from the database and only token ids are kept (a flat
int32 array plus per-request offsets). Both the topic model and the
near-duplicate search read these arrays.

Tokens are the words of the *scrubbed* text (`display_text`), lower-cased,
without accents (the ñ stays), of three letters or more, minus the Spanish
stop words and request formulas of `datacon/demand/text.py`. Using the
scrubbed text means a requester's e-mail or name can never become a topic term.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from datacon.demand.text import ACCENTS, SURFACE_TOKEN, stop_words

MIN_TOKEN_LENGTH = 3


@dataclass
class Corpus:
    ids: np.ndarray  # request primary keys, ascending
    institutions: np.ndarray  # institution id per request
    days: np.ndarray  # date ordinal per request
    old_topics: np.ndarray  # stored topic number per request (-1: none)
    tokens: np.ndarray  # flat content-token ids of every request, in text order
    offsets: np.ndarray  # request i's tokens are tokens[offsets[i]:offsets[i + 1]]
    vocabulary: list[str]  # token id -> folded word
    display: dict[int, str] = field(default_factory=dict)  # token id -> usual accented spelling

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def months(self) -> np.ndarray:
        """Month index (year * 12 + month - 1) per request."""
        return _month_index(self.days)

    def word(self, token_id: int) -> str:
        return self.display.get(token_id, self.vocabulary[token_id])


def _month_index(days: np.ndarray) -> np.ndarray:
    unique_days, inverse = np.unique(days, return_inverse=True)
    months = np.array(
        [
            (date.year * 12 + date.month - 1)
            for date in map(dt.date.fromordinal, unique_days.tolist())
        ],
        dtype=np.int32,
    )
    return months[inverse] if len(days) else np.empty(0, dtype=np.int32)


class _Tokeniser:
    def __init__(self) -> None:
        self.stop = stop_words()
        self.vocabulary: list[str] = []
        self.word_ids: dict[str, int] = {}  # folded word -> id
        self.surface_ids: dict[str, int] = {}  # lower-case spelling -> id, or -1 to drop
        self.display: dict[int, str] = {}

    def _add(self, surface: str) -> int:
        folded = surface.translate(ACCENTS)
        if len(folded) < MIN_TOKEN_LENGTH or folded in self.stop:
            token_id = -1
        else:
            found = self.word_ids.get(folded)
            if found is None:
                found = len(self.vocabulary)
                self.vocabulary.append(folded)
                self.word_ids[folded] = found
            token_id = found
            if surface != folded and token_id not in self.display:
                self.display[token_id] = surface
        self.surface_ids[surface] = token_id
        return token_id

    def __call__(self, text: str) -> list[int]:
        lookup = self.surface_ids.get
        found = [lookup(word, -2) for word in SURFACE_TOKEN.findall(text.lower())]
        if -2 in found:
            words = SURFACE_TOKEN.findall(text.lower())
            found = [
                token_id if token_id != -2 else self._add(words[position])
                for position, token_id in enumerate(found)
            ]
        return [token_id for token_id in found if token_id >= 0]


def corpus_build(rows: Iterable[tuple[int, int, dt.date, int | None, str]]) -> Corpus:
    """Tokenise (id, institution id, date, stored topic, display text) rows, in id order."""
    tokenise = _Tokeniser()
    ids = array("q")
    institutions = array("q")
    days = array("i")
    old_topics = array("h")
    tokens = array("i")
    offsets = array("q", [0])
    for pk, institution_id, filed_on, topic_number, text in rows:
        ids.append(pk)
        institutions.append(institution_id)
        days.append(filed_on.toordinal())
        old_topics.append(-1 if topic_number is None else topic_number)
        tokens.extend(tokenise(text))
        offsets.append(len(tokens))
    return Corpus(
        ids=np.frombuffer(ids, dtype=np.int64).copy(),
        institutions=np.frombuffer(institutions, dtype=np.int64).copy(),
        days=np.frombuffer(days, dtype=np.int32).copy(),
        old_topics=np.frombuffer(old_topics, dtype=np.int16).copy(),
        tokens=np.frombuffer(tokens, dtype=np.int32).copy(),
        offsets=np.frombuffer(offsets, dtype=np.int64).copy(),
        vocabulary=tokenise.vocabulary,
        display=tokenise.display,
    )
