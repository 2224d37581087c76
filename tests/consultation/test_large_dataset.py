"""The consultation step of the large fictional data set, at 1 % of the full size."""

import re

import pytest
from django.core.cache import cache
from django.db.models import Count
from django.test import Client

from datacon.common.models import PublicVersion
from datacon.consultation.models import (
    Answer,
    Comment,
    Consultation,
    Flag,
    ModerationAction,
    Participant,
    Support,
)
from datacon.demo import large_dataset
from datacon.demo.large_dataset import Scale, dataset_fingerprint, edition_remove, generate
from datacon.demo.large_dataset import consultation as step
from datacon.policy.models import Paragraph, Process

pytestmark = pytest.mark.django_db

SMALL = Scale.full().scaled(0.01)  # 500 comments
STEP = [s for s in large_dataset.STEPS if s.name == "consultation"]


def _generate(seed: int = 7, scale: Scale = SMALL) -> large_dataset.Context:
    return generate(seed=seed, scale=scale, steps=STEP)


def test_generate_small_scale_creates_the_scaled_comments():
    context = _generate()
    consultation = Consultation.objects.get(slug=step.CONSULTATION_SLUG)
    assert SMALL.comments == 500
    assert context.counts["consultation"] == 500
    assert Comment.objects.filter(consultation=consultation).count() == 500
    assert Participant.objects.filter(consultation=consultation).count() == 125
    assert context.counts["consultation_participants"] == 125
    assert Comment.objects.filter(parent__isnull=False).count() == 100
    assert Support.objects.exists() is True
    assert Answer.objects.exists() is True


def test_generate_consultation_is_open_published_and_tied_to_the_large_edition():
    _generate()
    consultation = Consultation.objects.select_related("process").get()
    assert consultation.status == "published"
    assert consultation.phase == "open"
    assert consultation.process.is_public is True
    assert list(consultation.process.editions.values_list("slug", flat=True)) == [
        large_dataset.EDITION_SLUG
    ]
    assert consultation.answering_group.process_id == consultation.process_id
    assert consultation.version.number == 1
    assert consultation.version.document.versions.count() == 2


def test_generate_comments_are_on_text_paragraphs_of_the_consulted_version():
    _generate()
    consultation = Consultation.objects.get()
    comments = Comment.objects.filter(consultation=consultation)
    assert comments.exclude(paragraph__version=consultation.version).count() == 0
    assert comments.exclude(paragraph__kind="text").count() == 0
    for identity_id, paragraph_identity, position, paragraph_position in comments.values_list(
        "identity_id", "paragraph__identity_id", "position", "paragraph__position"
    ):
        assert (identity_id, position) == (paragraph_identity, paragraph_position)
    # Spread over many paragraphs, not all on one.
    assert comments.values("paragraph").distinct().count() > 20


def test_generate_quotes_are_passages_of_their_paragraph():
    _generate()
    quoted = Comment.objects.exclude(quote="").select_related("paragraph")
    assert quoted.count() > 0
    for comment in quoted:
        text = comment.paragraph.plain_text
        assert text[comment.quote_start : comment.quote_end] == comment.quote


def test_generate_replies_follow_their_parent_in_its_thread():
    _generate()
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.count() == 100
    for reply in replies:
        parent = reply.parent
        assert reply.created_at > parent.created_at
        assert reply.paragraph_id == parent.paragraph_id
        assert reply.root_id == (parent.root_id or parent.pk)
        assert parent.status == "visible"
        assert reply.participant_id != parent.participant_id
    assert Comment.objects.filter(parent__isnull=True, root__isnull=False).count() == 0


def test_generate_supports_are_never_own_nor_on_hidden_comments():
    _generate()
    supports = Support.objects.select_related("comment")
    assert supports.filter(comment__status="hidden").count() == 0
    assert sum(1 for s in supports if s.participant_id == s.comment.participant_id) == 0
    pairs = supports.values("comment", "participant").annotate(n=Count("pk")).filter(n__gt=1)
    assert pairs.count() == 0


def test_generate_hidden_comments_have_a_public_reason_and_a_log_entry():
    _generate(scale=Scale.full().scaled(0.05))  # 2,500 comments: some are hidden
    hidden = Comment.objects.filter(status="hidden")
    assert hidden.count() > 0
    assert hidden.filter(hidden_reason="").count() == 0
    assert hidden.filter(hidden_at__isnull=True).count() == 0
    assert ModerationAction.objects.filter(action="hide").count() == hidden.count()
    assert Flag.objects.filter(comment__status="hidden", resolved_at__isnull=True).count() == 0


def test_generate_answers_go_to_top_comments_and_point_at_the_next_version():
    _generate()
    consultation = Consultation.objects.get()
    answers = Answer.objects.select_related("comment", "addressed_in__version")
    assert answers.filter(comment__parent__isnull=False).count() == 0
    assert answers.filter(comment__status="hidden").count() == 0
    assert answers.filter(status="not_accepted", addressed_in__isnull=False).count() == 0
    for answer in answers.exclude(addressed_in=None):
        assert answer.addressed_in.version.document_id == consultation.version.document_id
        assert answer.addressed_in.version.number == 2
        assert answer.addressed_in.identity_id == answer.comment.identity_id


def test_generate_has_no_personal_data_of_real_people():
    _generate()
    assert Participant.objects.filter(user__isnull=False).count() == 0
    names = set(Participant.objects.exclude(display_name="").values_list("display_name", flat=True))
    assert len(names) > 0
    assert all(re.fullmatch(r"Persona participante ficticia \d{5}", name) for name in names)
    bodies = Comment.objects.values_list("body", flat=True)
    assert all("ficti" in body for body in bodies)
    assert Comment.objects.filter(body__contains="@").count() == 0


def test_generate_same_seed_gives_identical_fingerprint():
    _generate()
    first = dataset_fingerprint()
    assert edition_remove() is True
    assert Process.objects.filter(slug=step.PROCESS_SLUG).count() == 0
    assert Comment.objects.count() == 0
    _generate()
    assert dataset_fingerprint() == first


def test_generate_other_seed_gives_other_comments():
    _generate()
    first = dataset_fingerprint()
    edition_remove()
    _generate(seed=8)
    assert dataset_fingerprint() != first


def test_generate_bumps_the_consultation_scopes_so_caches_move_on():
    _generate()
    consultation = Consultation.objects.get()
    scope = f"consultation:{consultation.pk}"
    assert PublicVersion.objects.get(scope=scope).version >= 1
    assert PublicVersion.objects.get(scope="consultation:all").version >= 1


def test_remove_deletes_the_consultation_and_its_paragraphs():
    _generate()
    edition_remove()
    assert Consultation.objects.count() == 0
    assert Paragraph.objects.count() == 0
    assert Support.objects.count() == 0


def test_bench_path_is_the_public_consultation_page():
    assert step.bench_path() is None
    _generate()
    path = step.bench_path()
    assert path == f"/consultas/{step.CONSULTATION_SLUG}/"
    assert Client().get(path).status_code == 200


def _busiest_anchor() -> str:
    """The paragraph with the most comments (it has threads and replies at any size)."""
    row = (
        Comment.objects.values("identity__anchor")
        .annotate(n=Count("pk"))
        .order_by("-n", "identity__anchor")
        .first()
    )
    return row["identity__anchor"]


@pytest.mark.parametrize("suffix", ["", "parrafos/{anchor}/", "informe/"])
def test_consultation_pages_render_with_constant_query_counts(suffix, count_queries):
    def measure() -> tuple[int, int]:
        cache.clear()
        client = Client()
        path = f"/consultas/{step.CONSULTATION_SLUG}/{suffix.format(anchor=_busiest_anchor())}"
        status = []
        queries = count_queries(lambda: status.append(client.get(path).status_code))
        return status[0], queries

    _generate(scale=Scale.full().scaled(0.002))  # 100 comments
    small = measure()
    edition_remove()
    _generate(scale=Scale.full().scaled(0.02))  # 1,000 comments
    assert small[0] == 200
    assert measure() == small
