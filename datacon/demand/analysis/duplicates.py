"""Repeated questions: near-duplicate requests sent to the same institution, by MinHash and LSH.

Method (reproducible; parameters in `DuplicateParameters`):

1. **Shingles.** Each request is the set of its consecutive content-word pairs
   (word bigrams of the corpus tokens: no stop words, no request formulas, no
   numbers). "Contratos de obra pública de 2019" and "… de 2020" share every
   shingle: asking the same thing for another year is the same question. A
   request with a single content word uses that word; one with none is left out.
2. **Hashing.** A shingle (a, b) of token ids becomes one 32-bit value by a
   fixed integer mix (`shingle_hashes`).
3. **MinHash.** `num_perm` permutations with datasketch's "affine32" scheme:
   the value is pre-mixed with the MurmurHash3 finalizer, then
   h → a·h + b (mod 2³²), with datasketch's own (a, b) for the seed. The
   signature is the minimum per permutation. Computed for all requests at
   once with numpy; equal, value for value, to `datasketch.MinHash(num_perm,
   seed, hashfunc=int).update_batch(shingles)` (a test checks it).
4. **LSH.** The signature is cut in `b` bands of `r` rows, the split
   datasketch's `MinHashLSH` chooses for the Jaccard `threshold`. Requests
   whose band and institution are equal are candidates; a candidate pair is
   kept if its signatures agree on at least `threshold` of the permutations
   (the MinHash estimate of their Jaccard similarity) and the institution is
   the same.
5. **Groups.** Kept pairs are the edges of a graph; its connected components
   of at least `min_group_size` requests are the repeated questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from datacon.demand.analysis.corpus import Corpus

_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class DuplicateParameters:
    num_perm: int = 64
    threshold: float = 0.6
    min_group_size: int = 3
    seed: int = 1


@cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a, b) for this seed."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) as datasketch's MinHashLSH chooses them for the threshold."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch applies it before the permutations)."""
    h = values.astype(np.uint32, copy=True)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _mix(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    x = first.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    x ^= second.astype(np.uint64) + np.uint64(0x632BE59BD9B4E019)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(31)
    return (x & _MASK32).astype(np.uint32)


# Stands for "no second word" in the shingle of a one-word request (token ids are < 2**31).
_NO_WORD = np.uint64(1 << 40)


def shingle_hashes(
    corpus: Corpus, start: int = 0, stop: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """32-bit shingle hashes of requests [start, stop), grouped by request.

    Returns (hashes, segment starts, positions of the requests that have
    shingles): the shingles of the k-th such request are
    hashes[starts[k]:starts[k + 1]] (the last one runs to the end).
    """
    stop = corpus.size if stop is None else stop
    first, last = int(corpus.offsets[start]), int(corpus.offsets[stop])
    tokens = corpus.tokens[first:last].astype(np.uint64)
    offsets = corpus.offsets[start : stop + 1] - first
    lengths = np.diff(offsets)
    # len - 1 word pairs per request, or a single word for a one-word request.
    counts = np.where(lengths >= 2, lengths - 1, lengths)
    begins = np.cumsum(counts) - counts
    owner = np.repeat(np.arange(len(lengths)), counts)
    positions = offsets[:-1][owner] + (np.arange(int(counts.sum())) - begins[owner])
    single = lengths[owner] == 1
    following = tokens[np.minimum(positions + 1, max(len(tokens) - 1, 0))]
    hashes = _mix(tokens[positions], np.where(single, _NO_WORD, following))
    present = np.flatnonzero(counts > 0)
    return hashes, begins[present], present + start


def signatures(
    hashes: np.ndarray, segment_starts: np.ndarray, *, num_perm: int, seed: int
) -> np.ndarray:
    """MinHash signatures (requests x num_perm, uint32) of the shingle segments."""
    a, b = permutations(num_perm, seed)
    mixed = fmix32(hashes)
    result = np.empty((len(segment_starts), num_perm), dtype=np.uint32)
    if not len(segment_starts):
        return result
    buffer = np.empty_like(mixed)
    for k in range(num_perm):
        np.multiply(mixed, a[k], out=buffer)
        buffer += b[k]
        result[:, k] = np.minimum.reduceat(buffer, segment_starts)
    return result


def agreement(
    sig: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 100_000
) -> np.ndarray:
    """Share of equal signature values per pair: the MinHash estimate of Jaccard similarity."""
    out = np.empty(len(left), dtype=np.float32)
    for start in range(0, len(left), chunk):
        stop = start + chunk
        out[start:stop] = (sig[left[start:stop]] == sig[right[start:stop]]).mean(axis=1)
    return out


@dataclass
class DuplicateGroups:
    labels: np.ndarray  # group label per request position (-1: not in a kept group)
    groups: list[np.ndarray]  # request positions of each kept group, largest first
    signatures: np.ndarray  # per request with shingles (low 16 bits of each minimum)
    present: np.ndarray  # request positions that have a signature


BATCH_DOCS = 100_000


def duplicate_groups(corpus: Corpus, parameters: DuplicateParameters) -> DuplicateGroups:
    n_docs = corpus.size
    band_count, rows = bands(parameters.threshold, parameters.num_perm)
    present_parts: list[np.ndarray] = []
    signature_parts: list[np.ndarray] = []
    key_parts: list[list[np.ndarray]] = [[] for _ in range(band_count)]
    # Requests in batches, so memory holds one batch's shingles, not a million requests'.
    for start in range(0, n_docs, BATCH_DOCS):
        hashes, segment_starts, present = shingle_hashes(
            corpus, start, min(start + BATCH_DOCS, n_docs)
        )
        if not len(present):
            continue
        full = signatures(
            hashes, segment_starts, num_perm=parameters.num_perm, seed=parameters.seed
        )
        institutions = corpus.institutions[present].astype(np.uint64)
        for band in range(band_count):
            key = institutions * np.uint64(0x100000001B3)
            for column in range(band * rows, (band + 1) * rows):
                key = (key ^ full[:, column].astype(np.uint64)) * np.uint64(0x100000001B3)
            key_parts[band].append(key)
        # Band keys use the full 32-bit minima; the verification keeps their low 16
        # bits only (two different minima agree by chance once in 65,536), which
        # halves the memory a million signatures take.
        signature_parts.append(full.astype(np.uint16))
        present_parts.append(present)
    present = np.concatenate(present_parts) if present_parts else np.empty(0, dtype=np.int64)
    sig = (
        np.concatenate(signature_parts)
        if signature_parts
        else np.empty((0, parameters.num_perm), dtype=np.uint16)
    )
    del signature_parts
    count = len(present)
    institutions = corpus.institutions[present].astype(np.uint64)
    # Connected components, merged band after band: each band only adds the edges
    # between components not yet joined, so the graph never holds every pair.
    components = np.arange(count, dtype=np.int64)
    for band in range(band_count):
        if not key_parts[band]:
            continue
        key = np.concatenate(key_parts[band])
        key_parts[band] = []
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        del key
        same = np.flatnonzero(ordered[1:] == ordered[:-1])
        del ordered
        if not len(same):
            continue
        left, right = order[same], order[same + 1]
        del order, same
        left_component, right_component = components[left], components[right]
        new = left_component != right_component
        left, right = left[new], right[new]
        keep = (institutions[left] == institutions[right]) & (
            agreement(sig, left, right) >= parameters.threshold
        )
        if not keep.any():
            continue
        components = _merge(components, components[left[keep]], components[right[keep]])
    labels = np.full(n_docs, -1, dtype=np.int64)
    groups: list[np.ndarray] = []
    if count:
        sizes = np.bincount(components, minlength=count)
        big = np.flatnonzero(sizes >= parameters.min_group_size)
        # Largest first; ties by the first request, so numbering is reproducible.
        members_by_component = _members(components, big)
        ordered_components = sorted(
            big.tolist(), key=lambda c: (-sizes[c], int(members_by_component[c][0]))
        )
        for label, component in enumerate(ordered_components):
            positions = present[members_by_component[component]]
            labels[positions] = label
            groups.append(positions)
    return DuplicateGroups(labels=labels, groups=groups, signatures=sig, present=present)


def _merge(components: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Join the components linked by the edges; every member gets its new component's label.

    Labels stay the smallest member index of each component, so the result
    does not depend on the order in which edges arrive.
    """
    nodes, inverse = np.unique(np.concatenate([left, right]), return_inverse=True)
    half = len(left)
    graph = sparse.coo_matrix(
        (np.ones(half, dtype=np.int8), (inverse[:half], inverse[half:])),
        shape=(len(nodes), len(nodes)),
    )
    # Imported here: SciPy's graph module (and the linear algebra under it) is a third of a
    # second that every process loading the URLs would pay (see topics_fit).
    from scipy.sparse.csgraph import connected_components

    _n, joined = connected_components(graph, directed=False)
    # The new label of each joined component: its smallest old label.
    smallest = np.full(joined.max() + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, joined, nodes)
    relabel = np.arange(len(components), dtype=np.int64)
    relabel[nodes] = smallest[joined]
    labels: np.ndarray = relabel[components]
    return labels


def _members(components: np.ndarray, wanted: np.ndarray) -> dict[int, np.ndarray]:
    """Members of many components at once (sorting beats one scan per component)."""
    mask = np.isin(components, wanted)
    positions = np.flatnonzero(mask)
    order = np.argsort(components[positions], kind="stable")
    positions = positions[order]
    labels = components[positions]
    cuts = np.flatnonzero(np.diff(labels)) + 1
    return {
        int(chunk_labels[0]): chunk
        for chunk, chunk_labels in zip(
            np.split(positions, cuts), np.split(labels, cuts), strict=True
        )
        if len(chunk)
    }


def representative(
    group_positions: np.ndarray, duplicates: DuplicateGroups, sample: int = 50
) -> int:
    """The member most similar to the others (within a sample of the group)."""
    index = np.searchsorted(duplicates.present, group_positions[:sample])
    sig = duplicates.signatures[index]
    scores = (sig[:, None, :] == sig[None, :, :]).mean(axis=2).sum(axis=1)
    return int(group_positions[int(np.argmax(scores))])
