"""One analysis run: topics, repeated questions and ranked candidate datasets, stored and published.

The computation reads the requests once (`corpus_build`), fits the topic model
(`topics.py`), finds repeated questions (`duplicates.py`) and ranks candidate
datasets per institution (`candidates_rank` below). Only then does it write, in
one transaction: the new topics, groups and candidates, the topic of each
request whose topic changed, the monthly counts per topic, and the run becomes
the current one. Readers never see half a run.

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
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from datacon.common.audit import audit_record
from datacon.common.versions import DEMAND, public_version_bump
from datacon.demand.analysis.corpus import Corpus, corpus_build
from datacon.demand.analysis.duplicates import (
    DuplicateGroups,
    DuplicateParameters,
    duplicate_groups,
    representative,
)
from datacon.demand.analysis.topics import TopicModel, top_terms, topics_fit, typical_requests
from datacon.demand.models import (
    AnalysisRun,
    AnalysisStatus,
    CandidateKind,
    DatasetCandidate,
    InformationNeed,
    InformationRequest,
    RepeatedQuestion,
    RequestTopic,
)
from datacon.demand.scrub import scrub


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
    in_group = duplicates.labels >= 0
    specs: list[CandidateSpec] = []
    # Repeated questions.
    if duplicates.groups:
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
    # Topics concentrated in an institution.
    valid = np.flatnonzero(model.assignment >= 0)
    if len(valid):
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
            combo = (
                inverse[grouped].astype(np.int64) * group_count + duplicates.labels[valid[grouped]]
            )
            combos, combo_sizes = np.unique(combo, return_counts=True)
            np.maximum.at(largest, combos // group_count, combo_sizes)
        eligible = np.flatnonzero(
            (counts >= parameters.min_candidate_requests) & (largest < 0.8 * counts)
        )
        if len(eligible):
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
    # Best per institution.
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
    return members[order[:count]].tolist()


# --- running and storing -------------------------------------------------------------------------------


def _texts(ids: list[int]) -> dict[int, tuple[str, str]]:
    """(folio, scrubbed text) of the given requests, in batches the database accepts."""
    found: dict[int, tuple[str, str]] = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 5000):
        for pk, folio, text in InformationRequest.objects.filter(
            id__in=unique[start : start + 5000]
        ).values_list("id", "folio", "display_text"):
            # Scrubbed again: examples are shown publicly, whatever the stored text.
            found[pk] = (folio, scrub(text))
    return found


def _examples(
    positions: list[int], corpus: Corpus, texts: dict[int, tuple[str, str]], count: int
) -> list[dict[str, str]]:
    """Distinct texts of the given requests, those without personal-data marks first."""
    from datacon.demand.scrub import MARKS

    candidates = [texts[int(corpus.ids[position])] for position in positions]
    candidates.sort(key=lambda item: any(mark in item[1] for mark in MARKS))  # stable
    examples: list[dict[str, str]] = []
    seen: set[str] = set()
    for folio, text in candidates:
        normalised = " ".join(text.lower().split())
        if normalised in seen:
            continue
        seen.add(normalised)
        examples.append({"folio": folio, "text": text})
        if len(examples) >= count:
            break
    return examples


def requests_analyse(
    *, parameters: AnalysisParameters | None = None, actor: Any = None
) -> AnalysisRun:
    """Run the whole analysis and publish it as the current one."""
    parameters = parameters or AnalysisParameters()
    run = AnalysisRun.objects.create(
        parameters=asdict(parameters),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    timings: dict[str, float] = {}
    clock = time.monotonic()
    try:
        rows = (
            InformationRequest.objects.order_by("id")
            .values_list("id", "institution_id", "filed_on", "topic_number", "display_text")
            .iterator(chunk_size=10_000)
        )
        corpus = corpus_build(rows)
        timings["lectura"] = round(time.monotonic() - clock, 2)
        clock = time.monotonic()
        model = topics_fit(
            corpus,
            n_topics=parameters.n_topics,
            min_df=parameters.min_df,
            max_df=parameters.max_df,
            max_features=parameters.max_features,
            seed=parameters.seed,
        )
        timings["temas"] = round(time.monotonic() - clock, 2)
        clock = time.monotonic()
        duplicates = duplicate_groups(
            corpus,
            DuplicateParameters(
                num_perm=parameters.num_perm,
                threshold=parameters.threshold,
                min_group_size=parameters.min_group_size,
                seed=parameters.seed,
            ),
        )
        timings["repetidas"] = round(time.monotonic() - clock, 2)
        clock = time.monotonic()
        candidates = candidates_rank(corpus, model, duplicates, parameters)
        timings["candidatos"] = round(time.monotonic() - clock, 2)
        clock = time.monotonic()
        _store(run, corpus, model, duplicates, candidates, parameters, actor)
        timings["escritura"] = round(time.monotonic() - clock, 2)
    except Exception as error:
        AnalysisRun.objects.filter(pk=run.pk).update(
            status=AnalysisStatus.FAILED, message=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    AnalysisRun.objects.filter(pk=run.pk).update(timings=timings)
    run.refresh_from_db()
    return run


def _store(
    run: AnalysisRun,
    corpus: Corpus,
    model: TopicModel,
    duplicates: DuplicateGroups,
    candidates: list[CandidateSpec],
    parameters: AnalysisParameters,
    actor: Any,
) -> None:
    from datacon.demand.figures import monthly_demand_refresh

    topic_count = len(model.sizes)
    topic_examples = {t: typical_requests(model, t, 20) for t in range(topic_count)}
    group_reps = [representative(g, duplicates) for g in duplicates.groups]
    group_samples = [
        [rep, *g[:10].tolist()] for rep, g in zip(group_reps, duplicates.groups, strict=True)
    ]
    positions = [p for ps in topic_examples.values() for p in ps]
    positions += [p for ps in group_samples for p in ps]
    positions += [p for c in candidates for p in c.examples]
    texts = _texts([int(corpus.ids[p]) for p in positions])
    months = corpus.months
    with transaction.atomic():
        topics = [
            RequestTopic(
                run=run,
                number=t + 1,
                label=" · ".join(w for w, _weight in top_terms(model, corpus, t, 3)) or f"#{t + 1}",
                terms=[[w, weight] for w, weight in top_terms(model, corpus, t, 10)],
                size=int(model.sizes[t]),
                examples=_examples(topic_examples[t], corpus, texts, parameters.examples),
            )
            for t in range(topic_count)
        ]
        RequestTopic.objects.bulk_create(topics)
        groups: list[RepeatedQuestion] = []
        for members, sample in zip(duplicates.groups, group_samples, strict=True):
            member_topics = model.assignment[members]
            member_topics = member_topics[member_topics >= 0]
            days = corpus.days[members]
            examples = _examples(sample, corpus, texts, parameters.examples + 1)
            groups.append(
                RepeatedQuestion(
                    run=run,
                    institution_id=int(corpus.institutions[members[0]]),
                    size=len(members),
                    months=len(np.unique(months[members])),
                    first_filed_on=_date(int(days.min())),
                    last_filed_on=_date(int(days.max())),
                    topic_number=(
                        int(np.bincount(member_topics).argmax()) + 1 if len(member_topics) else None
                    ),
                    text=examples[0]["text"] if examples else "",
                    examples=examples[1:],
                    folios=[
                        texts[int(corpus.ids[p])][0]
                        for p in sample[1:]
                        if int(corpus.ids[p]) in texts
                    ][:10],
                )
            )
        RepeatedQuestion.objects.bulk_create(groups, batch_size=1000)
        promoted = dict(
            InformationNeed.objects.filter(origin_key__in=[c.key for c in candidates])
            .order_by("created_at")
            .values_list("origin_key", "id")
        )
        rows = []
        for spec in candidates:
            group = groups[spec.group_index] if spec.group_index is not None else None
            rows.append(
                DatasetCandidate(
                    run=run,
                    institution_id=spec.institution_id,
                    kind=spec.kind,
                    key=spec.key,
                    rank=spec.rank,
                    score=spec.score,
                    title=spec.title,
                    terms=spec.terms,
                    requests=spec.requests,
                    repeated=spec.repeated,
                    months=spec.months,
                    topic_number=spec.topic_number,
                    repeated_question=group,
                    examples=(
                        [{"text": group.text}, *group.examples]
                        if group is not None
                        else _examples(spec.examples, corpus, texts, parameters.examples)
                    )[: parameters.examples],
                    promoted_need_id=promoted.get(spec.key),
                )
            )
        DatasetCandidate.objects.bulk_create(rows, batch_size=1000)
        _topics_update(corpus, model)
        AnalysisRun.objects.exclude(pk=run.pk).update(is_current=False)
        # Only the current run's results are kept; earlier runs remain as history rows.
        DatasetCandidate.objects.exclude(run=run).delete()
        RepeatedQuestion.objects.exclude(run=run).delete()
        RequestTopic.objects.exclude(run=run).delete()
        run.status = AnalysisStatus.DONE
        run.is_current = True
        run.finished_at = timezone.now()
        run.requests_analysed = corpus.size
        run.vocabulary_size = len(model.terms)
        run.topics_count = topic_count
        run.groups_count = len(groups)
        run.candidates_count = len(rows)
        run.save()
        monthly_demand_refresh(dimensions=("topic",))
        audit_record(
            actor=actor,
            action="informationrequest.analyse",
            instance=run,
            changes={"topics": topic_count, "groups": len(groups), "candidates": len(rows)},
        )
        public_version_bump(DEMAND)


def _date(ordinal: int) -> Any:
    import datetime as dt

    return dt.date.fromordinal(ordinal)


def _topics_update(corpus: Corpus, model: TopicModel) -> None:
    """Store each request's topic, writing only the requests whose topic changed."""
    new = np.where(model.assignment >= 0, model.assignment + 1, -1).astype(np.int64)
    changed = np.flatnonzero(new != corpus.old_topics.astype(np.int64))
    if not len(changed):
        return
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        with psycopg.Cursor(connection.connection) as cursor:
            for start in range(0, len(changed), 100_000):
                part = changed[start : start + 100_000]
                topics = new[part]
                cursor.execute(
                    "UPDATE demand_informationrequest AS r SET topic_number = v.topic "
                    "FROM unnest(%b::bigint[], %b::smallint[]) AS v(id, topic) WHERE r.id = v.id",
                    [
                        corpus.ids[part].tolist(),
                        [None if t < 0 else int(t) for t in topics.tolist()],
                    ],
                )
        return
    batch = 5000
    values = new[changed]
    for value in np.unique(values).tolist():
        ids = corpus.ids[changed[values == value]].tolist()
        topic = None if value < 0 else int(value)
        for start in range(0, len(ids), batch):
            InformationRequest.objects.filter(id__in=ids[start : start + batch]).update(
                topic_number=topic
            )
