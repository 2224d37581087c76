"""Storing an analysis run: its topics, repeated questions and candidates replace the last run's.

Everything is written in one unit of work, so readers never see half a run:
the new rows, the topic of each request whose topic changed, the monthly
counts per topic, and the run becoming the current one (whose public scopes
say the demand pages changed).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.db import connection
from django.utils import timezone

from datacon.common.write import Work
from datacon.demand.analysis.candidates import AnalysisParameters, CandidateSpec
from datacon.demand.analysis.corpus import Corpus
from datacon.demand.analysis.duplicates import DuplicateGroups, representative
from datacon.demand.analysis.topics import TopicModel, top_terms, typical_requests
from datacon.demand.models import (
    AnalysisRun,
    AnalysisStatus,
    DatasetCandidate,
    DemandAction,
    InformationNeed,
    InformationRequest,
    RepeatedQuestion,
    RequestTopic,
)
from datacon.demand.scrub import scrub

Texts = dict[int, tuple[str, str]]


def _texts(ids: list[int]) -> Texts:
    """(folio, scrubbed text) of the given requests, in batches the database accepts."""
    found: Texts = {}
    unique = sorted(set(ids))
    for start in range(0, len(unique), 5000):
        for pk, folio, text in InformationRequest.objects.filter(
            id__in=unique[start : start + 5000]
        ).values_list("id", "folio", "display_text"):
            # Scrubbed again: examples are shown publicly, whatever the stored text.
            found[pk] = (folio, scrub(text))
    return found


def _examples(
    positions: list[int], corpus: Corpus, texts: Texts, count: int
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


def _date(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _topic_rows(
    run: AnalysisRun,
    corpus: Corpus,
    model: TopicModel,
    examples: dict[int, list[int]],
    texts: Texts,
    parameters: AnalysisParameters,
) -> list[RequestTopic]:
    return [
        RequestTopic(
            run=run,
            number=t + 1,
            label=" · ".join(w for w, _weight in top_terms(model, corpus, t, 3)) or f"#{t + 1}",
            terms=[[w, weight] for w, weight in top_terms(model, corpus, t, 10)],
            size=int(model.sizes[t]),
            examples=_examples(examples[t], corpus, texts, parameters.examples),
        )
        for t in range(len(model.sizes))
    ]


def _group_rows(
    run: AnalysisRun,
    corpus: Corpus,
    model: TopicModel,
    duplicates: DuplicateGroups,
    samples: list[list[int]],
    texts: Texts,
    parameters: AnalysisParameters,
) -> list[RepeatedQuestion]:
    groups: list[RepeatedQuestion] = []
    for members, sample in zip(duplicates.groups, samples, strict=True):
        member_topics = model.assignment[members]
        member_topics = member_topics[member_topics >= 0]
        days = corpus.days[members]
        examples = _examples(sample, corpus, texts, parameters.examples + 1)
        groups.append(
            RepeatedQuestion(
                run=run,
                institution_id=int(corpus.institutions[members[0]]),
                size=len(members),
                months=len(np.unique(corpus.months[members])),
                first_filed_on=_date(int(days.min())),
                last_filed_on=_date(int(days.max())),
                topic_number=(
                    int(np.bincount(member_topics).argmax()) + 1 if len(member_topics) else None
                ),
                text=examples[0]["text"] if examples else "",
                examples=examples[1:],
                folios=[
                    texts[int(corpus.ids[p])][0] for p in sample[1:] if int(corpus.ids[p]) in texts
                ][:10],
            )
        )
    return groups


def _candidate_rows(
    run: AnalysisRun,
    corpus: Corpus,
    candidates: list[CandidateSpec],
    groups: list[RepeatedQuestion],
    texts: Texts,
    parameters: AnalysisParameters,
) -> list[DatasetCandidate]:
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
    return rows


def analysis_store(
    work: Work,
    run: AnalysisRun,
    corpus: Corpus,
    model: TopicModel,
    duplicates: DuplicateGroups,
    candidates: list[CandidateSpec],
    parameters: AnalysisParameters,
) -> None:
    """Write the run's results and make it the current run (inside the caller's unit of work)."""
    from datacon.demand.figures import monthly_demand_refresh

    topic_examples = {t: typical_requests(model, t, 20) for t in range(len(model.sizes))}
    group_reps = [representative(g, duplicates) for g in duplicates.groups]
    group_samples = [
        [rep, *g[:10].tolist()] for rep, g in zip(group_reps, duplicates.groups, strict=True)
    ]
    positions = [p for ps in topic_examples.values() for p in ps]
    positions += [p for ps in group_samples for p in ps]
    positions += [p for c in candidates for p in c.examples]
    texts = _texts([int(corpus.ids[p]) for p in positions])
    topics = _topic_rows(run, corpus, model, topic_examples, texts, parameters)
    work.create_many(topics, action=DemandAction.ANALYSIS_STORE)
    groups = _group_rows(run, corpus, model, duplicates, group_samples, texts, parameters)
    work.create_many(groups, action=DemandAction.ANALYSIS_STORE, batch_size=1000)
    rows = _candidate_rows(run, corpus, candidates, groups, texts, parameters)
    work.create_many(rows, action=DemandAction.ANALYSIS_STORE, batch_size=1000)
    _topics_update(work, corpus, model)
    earlier = AnalysisRun.objects.exclude(pk=run.pk).filter(is_current=True)
    if earlier.exists():
        work.update(earlier, action=DemandAction.ANALYSIS_STORE, is_current=False)
    # Only the current run's results are kept; earlier runs remain as history rows.
    for model_class in (DatasetCandidate, RepeatedQuestion, RequestTopic):
        stale = model_class._default_manager.exclude(run=run)
        if stale.exists():
            work.delete_many(stale, action=DemandAction.ANALYSIS_STORE)
    run.status = AnalysisStatus.DONE
    run.is_current = True
    run.finished_at = timezone.now()
    run.requests_analysed = corpus.size
    run.vocabulary_size = len(model.terms)
    run.topics_count = len(topics)
    run.groups_count = len(groups)
    run.candidates_count = len(rows)
    work.save(run)
    monthly_demand_refresh(actor=work.actor, dimensions=("topic",))
    work.record(
        DemandAction.REQUESTS_ANALYSE,
        run,
        changes={"topics": len(topics), "groups": len(groups), "candidates": len(rows)},
    )


def _topics_update(work: Work, corpus: Corpus, model: TopicModel) -> None:
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
            work.update(
                InformationRequest.objects.filter(id__in=ids[start : start + batch]),
                action=DemandAction.ANALYSIS_STORE,
                topic_number=topic,
            )
