"""Topics of the request texts: TF-IDF and non-negative matrix factorisation (scikit-learn).

1. Term counts per request from the corpus tokens (a sparse matrix); terms kept
   only if they appear in at least `min_df` requests and in at most `max_df` of
   them, at most `max_features` terms (the most frequent).
2. TF-IDF weights (`TfidfTransformer`, sublinear term frequency, smoothed idf,
   rows normalised to unit length).
3. NMF with `n_topics` components, "nndsvda" initialisation and a fixed
   `random_state`: `NMF` for up to 20,000 requests, `MiniBatchNMF` beyond
   (same model, fitted on batches so a million requests fit in memory and
   time). Each request belongs to the topic with the largest weight; a request
   with no kept term has no topic.
4. Topics are numbered by size (1 = most requests); each keeps its ten
   heaviest terms and its most typical requests as examples.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from datacon.demand.analysis.corpus import Corpus

FULL_NMF_LIMIT = 20_000


@dataclass
class TopicModel:
    matrix: sparse.csr_matrix  # requests x kept terms, TF-IDF (float32)
    terms: np.ndarray  # kept column -> corpus token id
    assignment: np.ndarray  # topic index per request (-1: none), numbered by size (0 = largest)
    strength: np.ndarray  # weight of the assigned topic per request
    components: np.ndarray  # topics x kept terms
    sizes: np.ndarray  # requests per topic


BATCH_DOCS = 100_000


def _batches(corpus: Corpus, size: int = BATCH_DOCS) -> list[tuple[int, int]]:
    return [(start, min(start + size, corpus.size)) for start in range(0, corpus.size, size)]


def _counts(corpus: Corpus, start: int, stop: int, vocabulary: int) -> sparse.csr_matrix:
    """Term counts of requests [start, stop), duplicates summed (a fresh matrix each time)."""
    first, last = corpus.offsets[start], corpus.offsets[stop]
    counts = sparse.csr_matrix(
        (
            np.ones(last - first, dtype=np.float32),
            corpus.tokens[first:last].copy(),
            corpus.offsets[start : stop + 1] - first,
        ),
        shape=(stop - start, vocabulary),
    )
    counts.sum_duplicates()
    return counts


def tfidf_matrix(
    corpus: Corpus, *, min_df: int, max_df: float, max_features: int
) -> tuple[sparse.csr_matrix, np.ndarray]:
    """TF-IDF of the kept terms; returns the matrix and the token id of each column.

    The weights are scikit-learn's `TfidfTransformer(sublinear_tf=True)`:
    tf = 1 + ln(count), idf = 1 + ln((1 + n) / (1 + df)), rows scaled to unit
    length (a test checks the equality). They are computed here in batches of
    requests so memory holds the final matrix and one batch, never the
    intermediate copies a million requests would need.
    """
    n_docs = corpus.size
    vocabulary = len(corpus.vocabulary)
    if n_docs == 0 or vocabulary == 0:
        return sparse.csr_matrix((n_docs, 0), dtype=np.float32), np.empty(0, dtype=np.int64)
    batches = _batches(corpus)
    document_frequency = np.zeros(vocabulary, dtype=np.int64)
    for start, stop in batches:
        document_frequency += np.bincount(
            _counts(corpus, start, stop, vocabulary).indices, minlength=vocabulary
        )
    keep = (document_frequency >= min_df) & (document_frequency <= max_df * n_docs)
    kept = np.flatnonzero(keep)
    if len(kept) > max_features:
        # The most frequent terms; ties broken by token id so the choice is reproducible.
        order = np.lexsort((kept, -document_frequency[kept]))
        kept = np.sort(kept[order[:max_features]])
    column = np.full(vocabulary, -1, dtype=np.int64)
    column[kept] = np.arange(len(kept))
    idf = (1.0 + np.log((1.0 + n_docs) / (1.0 + document_frequency[kept]))).astype(np.float32)
    parts = []
    for start, stop in batches:
        counts = _counts(corpus, start, stop, vocabulary)
        mapped = column[counts.indices]
        mask = mapped >= 0
        rows = np.repeat(np.arange(stop - start, dtype=np.int32), np.diff(counts.indptr))[mask]
        columns = mapped[mask].astype(np.int32)
        values = (1.0 + np.log(counts.data[mask])) * idf[columns]
        norms = np.sqrt(
            np.bincount(rows, weights=values.astype(np.float64) ** 2, minlength=stop - start)
        )
        norms[norms == 0] = 1.0
        values = (values / norms[rows]).astype(np.float32)
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=stop - start))])
        parts.append(sparse.csr_matrix((values, columns, indptr), shape=(stop - start, len(kept))))
    return sparse.vstack(parts, format="csr", dtype=np.float32), kept


def topics_fit(
    corpus: Corpus,
    *,
    n_topics: int,
    min_df: int,
    max_df: float,
    max_features: int,
    seed: int,
) -> TopicModel:
    matrix, terms = tfidf_matrix(corpus, min_df=min_df, max_df=max_df, max_features=max_features)
    n_docs, n_terms = matrix.shape
    components_wanted = min(n_topics, n_terms, max(n_docs - 1, 0))
    if components_wanted < 1 or matrix.nnz == 0:
        empty = np.full(n_docs, -1, dtype=np.int64)
        return TopicModel(
            matrix, terms, empty, np.zeros(n_docs), np.zeros((0, n_terms)), np.zeros(0, int)
        )
    # scikit-learn (with SciPy's statistics and pandas behind it) takes three seconds to
    # import: imported here, only the analysis pays it, not every process that loads the
    # URLs (each app server worker, each management command) because a view imports this.
    from sklearn.decomposition import NMF, MiniBatchNMF
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        # Few iterations on large data are deliberate (see docs/demand.md); the loss
        # reported for float32 data can round below zero (a harmless sqrt warning).
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        if n_docs <= FULL_NMF_LIMIT:
            model = NMF(
                n_components=components_wanted,
                init="nndsvda",
                random_state=seed,
                max_iter=400,
            )
        else:
            model = MiniBatchNMF(
                n_components=components_wanted,
                init="nndsvda",
                random_state=seed,
                batch_size=8192,
                max_iter=3,
                tol=1e-3,
            )
        weights = model.fit_transform(matrix)
    components = model.components_
    best = np.asarray(weights.argmax(axis=1)).ravel()
    strength = weights[np.arange(n_docs), best]
    best[strength <= 0] = -1
    sizes = np.bincount(best[best >= 0], minlength=components_wanted)
    # Number topics by size, largest first; ties by their heaviest term, for stable numbering.
    heaviest = components.argmax(axis=1)
    order = np.lexsort((heaviest, -sizes))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    assignment = np.where(best >= 0, rank[np.maximum(best, 0)], -1)
    return TopicModel(
        matrix=matrix,
        terms=terms,
        assignment=assignment,
        strength=strength,
        components=components[order],
        sizes=sizes[order],
    )


def top_terms(
    model: TopicModel, corpus: Corpus, topic: int, count: int = 10
) -> list[tuple[str, float]]:
    row = model.components[topic]
    order = np.lexsort((np.arange(len(row)), -row))[:count]
    total = float(row.sum()) or 1.0
    return [
        (corpus.word(int(model.terms[column])), round(float(row[column]) / total, 4))
        for column in order
        if row[column] > 0
    ]


def typical_requests(model: TopicModel, topic: int, count: int) -> list[int]:
    """Positions of the requests most strongly in a topic (strongest first)."""
    members = np.flatnonzero(model.assignment == topic)
    if not len(members):
        return []
    order = np.lexsort((members, -model.strength[members]))
    strongest: list[int] = members[order[:count]].tolist()
    return strongest
