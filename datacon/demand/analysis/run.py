"""One analysis run: topics, repeated questions and ranked candidate datasets, stored and published.

The computation reads the requests once (`corpus_build`), fits the topic model
(`topics.py`), finds repeated questions (`duplicates.py`) and ranks candidate
datasets per institution (`candidates.py`, where the score is documented). Only
then does it write, in one unit of work (`store.py`): the new topics, groups
and candidates, the topic of each request whose topic changed, the monthly
counts per topic, and the run becomes the current one. Readers never see half
a run.
"""

from __future__ import annotations

import time
from dataclasses import asdict

from django.utils import timezone

from datacon.common.access import require
from datacon.common.actor import Actor
from datacon.common.write import unit_of_work
from datacon.demand.analysis.candidates import AnalysisParameters, candidates_rank
from datacon.demand.analysis.corpus import corpus_build
from datacon.demand.analysis.duplicates import DuplicateParameters, duplicate_groups
from datacon.demand.analysis.store import analysis_store
from datacon.demand.analysis.topics import topics_fit
from datacon.demand.models import AnalysisRun, AnalysisStatus, DemandAction, InformationRequest

__all__ = ["AnalysisParameters", "requests_analyse"]


def requests_analyse(*, parameters: AnalysisParameters | None = None, actor: Actor) -> AnalysisRun:
    """Run the whole analysis and publish it as the current one."""
    require(actor, "demand.analyse")
    parameters = parameters or AnalysisParameters()
    with unit_of_work(actor) as work:
        # Recorded at once, so the back office shows the run while it computes.
        run = work.save(AnalysisRun(parameters=asdict(parameters), actor=work.actor.account))
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
        with unit_of_work(actor) as work:
            analysis_store(work, run, corpus, model, duplicates, candidates, parameters)
        timings["escritura"] = round(time.monotonic() - clock, 2)
    except Exception as error:
        run.status = AnalysisStatus.FAILED
        run.message = str(error)[:2000]
        run.finished_at = timezone.now()
        with unit_of_work(actor) as work:
            work.save(
                run, action=DemandAction.ANALYSIS_FAIL, fields=["status", "message", "finished_at"]
            )
        raise
    run.timings = timings
    with unit_of_work(actor) as work:
        work.save(run, fields=["timings"])
    run.refresh_from_db()
    return run
