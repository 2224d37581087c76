"""Candidate datasets per institution, ranked from the requests it receives.

Candidate ranking (documented in docs/demand.md). For a candidate with `n`
requests, `r` of them in repeated-question groups, filed in `m` distinct months
out of the `M` months the data cover:

    score = log2(1 + n) × (1 + r / n) × (0.5 + 0.5 × m / M)

so volume counts with diminishing returns, repetition doubles the score at
most (a repeated question always has r = n: the strongest signal that a
dataset should be published proactively), and demand sustained over time
counts more than a burst. Candidates come from every repeated-question group
and from every (institution, topic) pair with at least
`min_candidate_requests` requests; each institution keeps its best
`candidates_per_institution`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from datacon.demand.analysis.corpus import Corpus
from datacon.demand.analysis.duplicates import DuplicateGroups
from datacon.demand.analysis.topics import TopicModel, top_terms
from datacon.demand.models import CandidateKind


@dataclass(frozen=True)
class AnalysisParameters:
    n_topics: int = 12
    min_df: int = 3
    max_df: float = 0.5
    max_features: int = 20_000
    seed: int = 20210512  # the day of the 2021 workshop on demand (S0202)
    num_perm: int = 64
    threshold: float = 0.6
    min_group_size: int = 3
    min_candidate_requests: int = 5
    candidates_per_institution: int = 10
    examples: int = 3


@dataclass
class CandidateSpec:
    kind: str
    institution_id: int
    key: str
    score: float
    title: str
    terms: list[str]
    requests: int
    repeated: int
    months: int
    topic_number: int | None
    group_index: int | None = None
    examples: list[int] = field(default_factory=list)  # corpus positions
    rank: int = 0


def candidate_score(*, requests: int, repeated: int, months: int, span: int) -> float:
    if requests <= 0:
        return 0.0
    persistence = 0.5 + 0.5 * (months / span if span else 1.0)
    return round(math.log2(1 + requests) * (1 + repeated / requests) * persistence, 4)


def _row_top_terms(
    matrix: Any, row: int, corpus: Corpus, terms: np.ndarray, count: int
) -> list[str]:
    start, stop = matrix.indptr[row], matrix.indptr[row + 1]
    values = matrix.data[start:stop]
    columns = matrix.indices[start:stop]
    order = np.lexsort((columns, -values))[:count]
    return [corpus.word(int(terms[columns[i]])) for i in order]


def _title(words: list[str]) -> str:
    text = ", ".join(words)
    return (text[:1].upper() + text[1:])[:200] if text else ""


def _key(kind: str, institution_id: int, corpus: Corpus, words: list[str]) -> str:
    from datacon.demand.text import fold

    return f"{kind}:{institution_id}:{'-'.join(sorted(fold(w) for w in words[:3]))}"[:120]


def _group_sum(labels: np.ndarray, positions: np.ndarray, count: int, matrix: Any) -> Any:
    """Sum of the TF-IDF rows of each group (groups x terms)."""
    from scipy import sparse

    indicator = sparse.csr_matrix(
        (np.ones(len(positions), dtype=np.float32), (labels, positions)),
        shape=(count, matrix.shape[0]),
    )
    return (indicator @ matrix).tocsr()


def candidates_rank(
    corpus: Corpus,
    model: TopicModel,
    duplicates: DuplicateGroups,
    parameters: AnalysisParameters,
) -> list[CandidateSpec]:
    if corpus.size == 0:
        return []
    months = corpus.months
    span = int(months.max() - months.min() + 1)
    specs = _repeated_candidates(corpus, model, duplicates, span)
    specs += _topic_candidates(corpus, model, duplicates, parameters, span)
    return _best_per_institution(specs, parameters)


def _repeated_candidates(
    corpus: Corpus, model: TopicModel, duplicates: DuplicateGroups, span: int
) -> list[CandidateSpec]:
    """One candidate per repeated-question group."""
    if not duplicates.groups:
        return []
    months = corpus.months
    specs: list[CandidateSpec] = []
    labels = np.concatenate(
        [np.full(len(g), i, dtype=np.int64) for i, g in enumerate(duplicates.groups)]
    )
    positions = np.concatenate(duplicates.groups)
    sums = _group_sum(labels, positions, len(duplicates.groups), model.matrix)
    for index, members in enumerate(duplicates.groups):
        institution_id = int(corpus.institutions[members[0]])
        words = _row_top_terms(sums, index, corpus, model.terms, 4)
        member_topics = model.assignment[members]
        member_topics = member_topics[member_topics >= 0]
        topic = int(np.bincount(member_topics).argmax()) + 1 if len(member_topics) else None
        group_months = len(np.unique(months[members]))
        specs.append(
            CandidateSpec(
                kind=CandidateKind.REPEATED,
                institution_id=institution_id,
                key=_key("r", institution_id, corpus, words),
                score=candidate_score(
                    requests=len(members),
                    repeated=len(members),
                    months=group_months,
                    span=span,
                ),
                title=_title(words) or f"#{index + 1}",
                terms=words,
                requests=len(members),
                repeated=len(members),
                months=group_months,
                topic_number=topic,
                group_index=index,
            )
        )
    return specs


def _topic_candidates(
    corpus: Corpus,
    model: TopicModel,
    duplicates: DuplicateGroups,
    parameters: AnalysisParameters,
    span: int,
) -> list[CandidateSpec]:
    """One candidate per topic concentrated in an institution."""
    valid = np.flatnonzero(model.assignment >= 0)
    if not len(valid):
        return []
    months = corpus.months
    in_group = duplicates.labels >= 0
    n_topics = int(model.assignment.max()) + 1
    pair = corpus.institutions[valid] * (n_topics + 1) + model.assignment[valid]
    unique_pairs, inverse = np.unique(pair, return_inverse=True)
    counts = np.bincount(inverse)
    repeated = np.bincount(inverse, weights=in_group[valid]).astype(np.int64)
    month_pairs = np.unique(inverse.astype(np.int64) * 100_000 + months[valid])
    distinct_months = np.bincount(month_pairs // 100_000, minlength=len(unique_pairs))
    # The largest repeated-question group inside each pair: a topic candidate that is
    # mostly one repeated question would only repeat that candidate.
    largest = np.zeros(len(unique_pairs), dtype=np.int64)
    grouped = np.flatnonzero(in_group[valid])
    if len(grouped):
        group_count = int(duplicates.labels.max()) + 1
        combo = inverse[grouped].astype(np.int64) * group_count + duplicates.labels[valid[grouped]]
        combos, combo_sizes = np.unique(combo, return_counts=True)
        np.maximum.at(largest, combos // group_count, combo_sizes)
    eligible = np.flatnonzero(
        (counts >= parameters.min_candidate_requests) & (largest < 0.8 * counts)
    )
    if not len(eligible):
        return []
    specs: list[CandidateSpec] = []
    sums = _group_sum(inverse, valid, len(unique_pairs), model.matrix)
    # Members of every pair from one sort, instead of one scan of all requests per pair.
    by_pair = valid[np.argsort(inverse, kind="stable")]
    bounds = np.concatenate([[0], np.cumsum(counts)])
    for index in eligible.tolist():
        institution_id = int(unique_pairs[index] // (n_topics + 1))
        topic_index = int(unique_pairs[index] % (n_topics + 1))
        words = _row_top_terms(sums, index, corpus, model.terms, 4)
        topic_words = [w for w, _weight in top_terms(model, corpus, topic_index, 3)]
        pair_members = by_pair[bounds[index] : bounds[index + 1]]
        specs.append(
            CandidateSpec(
                kind=CandidateKind.TOPIC,
                institution_id=institution_id,
                key=_key("t", institution_id, corpus, topic_words),
                score=candidate_score(
                    requests=int(counts[index]),
                    repeated=int(repeated[index]),
                    months=int(distinct_months[index]),
                    span=span,
                ),
                title=_title(words) or f"#{index + 1}",
                terms=words,
                requests=int(counts[index]),
                repeated=int(repeated[index]),
                months=int(distinct_months[index]),
                topic_number=topic_index + 1,
                examples=_strongest(model, pair_members, 6),
            )
        )
    return specs


def _best_per_institution(
    specs: list[CandidateSpec], parameters: AnalysisParameters
) -> list[CandidateSpec]:
    by_institution: dict[int, list[CandidateSpec]] = {}
    for spec in specs:
        by_institution.setdefault(spec.institution_id, []).append(spec)
    kept: list[CandidateSpec] = []
    for institution_specs in by_institution.values():
        institution_specs.sort(key=lambda s: (-s.score, -s.requests, s.key))
        seen_keys: set[str] = set()
        for spec in institution_specs:
            if spec.key in seen_keys:
                continue
            seen_keys.add(spec.key)
            spec.rank = len(seen_keys)
            kept.append(spec)
            if spec.rank >= parameters.candidates_per_institution:
                break
    kept.sort(key=lambda s: (-s.score, s.institution_id, s.rank))
    return kept


def _strongest(model: TopicModel, members: np.ndarray, count: int) -> list[int]:
    """The members most strongly in their topic (strongest first)."""
    order = np.lexsort((members, -model.strength[members]))
    strongest: list[int] = members[order[:count]].tolist()
    return strongest
