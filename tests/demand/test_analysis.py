import math
from collections import Counter

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

from datacon.demand.analysis.candidates import AnalysisParameters, candidate_score
from datacon.demand.analysis.corpus import corpus_build
from datacon.demand.analysis.duplicates import (
    DuplicateParameters,
    bands,
    duplicate_groups,
    shingle_hashes,
    signatures,
)
from datacon.demand.analysis.run import requests_analyse
from datacon.demand.analysis.topics import tfidf_matrix
from datacon.demand.models import (
    AnalysisRun,
    CandidateKind,
    DatasetCandidate,
    InformationRequest,
    Institution,
    RepeatedQuestion,
    RequestTopic,
)
from datacon.demand.promotion import candidate_promote
from datacon.demand.scrub import looks_personal
from tests import factories
from tests.demand.conftest import sample_rows

pytestmark = pytest.mark.django_db


def _corpus():
    return corpus_build(
        InformationRequest.objects.order_by("id").values_list(
            "id", "institution_id", "filed_on", "topic_number", "display_text"
        )
    )


def test_topics_have_terms_sizes_and_scrubbed_examples(analysed):
    topics = list(RequestTopic.objects.filter(run=analysed).order_by("number"))
    assert [t.number for t in topics] == list(range(1, 13))
    assert analysed.topics_count == 12
    sizes = [t.size for t in topics]
    assert sizes == sorted(sizes, reverse=True)  # numbered by size
    with_topic = InformationRequest.objects.filter(topic_number__isnull=False).count()
    assert sum(sizes) == with_topic
    assert dict(Counter(InformationRequest.objects.values_list("topic_number", flat=True))) == {
        t.number: t.size for t in topics
    } | ({None: 243 - with_topic} if with_topic < 243 else {})
    for topic in topics:
        assert len(topic.terms) == 10
        assert topic.label == " · ".join(term for term, _w in topic.terms[:3])
        assert 1 <= len(topic.examples) <= 3
        for example in topic.examples:
            assert looks_personal(example["text"]) == []


def test_planted_question_lands_in_a_topic_about_it(analysed):
    padron = InformationRequest.objects.filter(display_text__contains="padrón de beneficiarios")
    topics = Counter(padron.values_list("topic_number", flat=True))
    main, count = topics.most_common(1)[0]
    assert count == padron.count()
    terms = [term for term, _w in RequestTopic.objects.get(run=analysed, number=main).terms]
    assert "padrón" in terms and "beneficiarios" in terms


def test_analysis_is_reproducible(analysed):
    first = list(InformationRequest.objects.order_by("id").values_list("topic_number", flat=True))
    groups = sorted(RepeatedQuestion.objects.values_list("size", "text"))
    candidates = sorted(DatasetCandidate.objects.values_list("key", "score", "rank"))
    second = requests_analyse(actor=factories.SYSTEM)
    assert second.pk != analysed.pk
    assert (
        list(InformationRequest.objects.order_by("id").values_list("topic_number", flat=True))
        == first
    )
    assert sorted(RepeatedQuestion.objects.values_list("size", "text")) == groups
    assert sorted(DatasetCandidate.objects.values_list("key", "score", "rank")) == candidates
    # Only the current run's results are kept.
    assert AnalysisRun.objects.filter(is_current=True).get() == second
    assert set(RequestTopic.objects.values_list("run_id", flat=True)) == {second.pk}


@pytest.mark.parametrize(
    ("institution", "phrase"),
    [
        ("Secretaría de Bienestar de Muestra", "padrón de beneficiarios del programa"),
        ("Comisión de Agua de Muestra", "programa de cortes y tandeo"),
        ("Secretaría de Obras Públicas de Muestra", "listado de obras públicas en proceso"),
    ],
)
def test_repeated_question_groups_every_copy_sent_to_the_institution(analysed, institution, phrase):
    expected = {r.folio for r in sample_rows() if r.institution == institution and phrase in r.text}
    assert len(expected) >= 3
    groups = [
        g
        for g in RepeatedQuestion.objects.filter(run=analysed, institution__name=institution)
        if phrase in g.text
    ]
    assert len(groups) == 1
    group = groups[0]
    assert group.size == len(expected)
    assert set(group.folios) <= expected
    dates = sorted(
        r.date[6:] + r.date[3:5] + r.date[:2] for r in sample_rows() if r.folio in expected
    )
    assert group.first_filed_on.strftime("%Y%m%d") == dates[0]
    assert group.last_filed_on.strftime("%Y%m%d") == dates[-1]


def test_repeated_questions_never_mix_institutions(analysed):
    for group in RepeatedQuestion.objects.filter(run=analysed):
        members = InformationRequest.objects.filter(folio__in=group.folios)
        assert set(members.values_list("institution_id", flat=True)) == {group.institution_id}


def test_minhash_signatures_equal_datasketch(sample_report):
    corpus = _corpus()
    hashes, starts, present = shingle_hashes(corpus)
    ends = [*starts[1:].tolist(), len(hashes)]
    sig = signatures(hashes, starts, num_perm=64, seed=20210512)
    for k in range(0, len(present), 17):
        reference = MinHash(num_perm=64, seed=20210512, hashfunc=int)
        reference.update_batch([int(h) for h in hashes[starts[k] : ends[k]]])
        assert np.array_equal(reference.hashvalues, sig[k])


def test_lsh_bands_are_datasketch_choice():
    lsh = MinHashLSH(threshold=0.6, num_perm=64)
    assert bands(0.6, 64) == (lsh.b, lsh.r)


def test_tfidf_equals_scikit_learn(sample_report):
    corpus = _corpus()
    mine, kept = tfidf_matrix(corpus, min_df=3, max_df=0.5, max_features=20_000)
    counts = sparse.csr_matrix(
        (np.ones(len(corpus.tokens)), corpus.tokens.copy(), corpus.offsets.copy()),
        shape=(corpus.size, len(corpus.vocabulary)),
    )
    counts.sum_duplicates()
    reference = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, kept])
    assert abs(mine - reference).max() < 1e-6


def test_tokens_skip_stop_words_and_numbers(sample_report):
    corpus = _corpus()
    words = set(corpus.vocabulary)
    assert {"solicito", "informacion", "de", "los", "favor", "gracias", "2021"} & words == set()
    assert {"padron", "beneficiarios", "agua"} <= words


def test_duplicate_threshold_controls_grouping(sample_report):
    corpus = _corpus()
    strict = duplicate_groups(corpus, DuplicateParameters(threshold=0.9, seed=3))
    loose = duplicate_groups(corpus, DuplicateParameters(threshold=0.5, seed=3))
    assert sum(len(g) for g in strict.groups) <= sum(len(g) for g in loose.groups)


def test_candidates_are_ranked_per_institution_by_score(analysed):
    for institution in Institution.objects.filter(candidates__isnull=False).distinct():
        candidates = list(DatasetCandidate.objects.filter(institution=institution).order_by("rank"))
        assert [c.rank for c in candidates] == list(range(1, len(candidates) + 1))
        assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
        assert len(candidates) <= AnalysisParameters().candidates_per_institution


def test_every_repeated_question_is_a_candidate_with_the_documented_score(analysed):
    months = {r.date[6:] + r.date[3:5] for r in sample_rows()}
    span = (
        (int(max(months)[:4]) - int(min(months)[:4])) * 12
        + int(max(months)[4:])
        - int(min(months)[4:])
        + 1
    )
    for group in RepeatedQuestion.objects.filter(run=analysed):
        candidate = DatasetCandidate.objects.get(repeated_question=group)
        assert candidate.kind == CandidateKind.REPEATED
        assert candidate.requests == candidate.repeated == group.size
        expected = math.log2(1 + group.size) * 2 * (0.5 + 0.5 * group.months / span)
        assert candidate.score == pytest.approx(expected, abs=1e-4)


def test_candidate_score_formula():
    assert candidate_score(requests=7, repeated=7, months=12, span=12) == pytest.approx(6.0)
    assert candidate_score(requests=7, repeated=0, months=6, span=12) == pytest.approx(2.25)
    assert candidate_score(requests=0, repeated=0, months=0, span=12) == 0.0


def test_promotion_survives_a_new_analysis(analysed):
    candidate = (
        DatasetCandidate.objects.filter(kind=CandidateKind.REPEATED).order_by("-score").first()
    )
    need = candidate_promote(candidate=candidate, actor=factories.SYSTEM)
    requests_analyse(actor=factories.SYSTEM)
    again = DatasetCandidate.objects.get(key=candidate.key)
    assert again.pk != candidate.pk
    assert again.promoted_need == need


def test_analysis_of_no_requests_publishes_an_empty_run(db):
    run = requests_analyse(actor=factories.SYSTEM)
    assert (run.status, run.is_current, run.topics_count, run.groups_count) == ("done", True, 0, 0)
