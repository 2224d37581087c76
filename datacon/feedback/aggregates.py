"""What feedback may show, and from how many answers on: the one owner of MIN_GROUP.

Every surface that shows feedback (the speaker's page, the organisers' results,
the memoria block, the open dataset) reads its figures from here, so a group
of fewer than MIN_GROUP answers is never shown anywhere: with 2 or 3 ratings a
speaker (or anyone) could tell who gave which. Comments and free-text answers
are never public; the speaker's and organisers' pages show them only with the
aggregate, from MIN_GROUP answers on, without names or dates, sorted by text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet

from datacon.editions.models import Edition
from datacon.feedback.models import (
    QuestionKind,
    SessionRating,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
)
from datacon.program.models import Session, SessionStatus, public_session_filter

MIN_GROUP = 5


def shown(count: int) -> bool:
    """Whether a group of `count` answers may be shown (aggregates and comments alike)."""
    return count >= MIN_GROUP


@dataclass(frozen=True)
class RatingSummary:
    session: Session
    count: int
    average: float | None = None  # None below MIN_GROUP
    distribution: tuple[int, ...] = ()  # counts of 1..5; empty below MIN_GROUP
    comments: tuple[str, ...] = ()  # only for speakers and organisers; empty below MIN_GROUP

    @property
    def shown(self) -> bool:
        return self.average is not None


def _summary(session: Session, values: list[int], comments: Iterable[str]) -> RatingSummary:
    count = len(values)
    if not shown(count):
        return RatingSummary(session=session, count=count)
    counts = Counter(values)
    return RatingSummary(
        session=session,
        count=count,
        average=round(sum(values) / count, 2),
        distribution=tuple(counts.get(value, 0) for value in range(1, 6)),
        comments=tuple(sorted(text for text in comments if text.strip())),
    )


def session_feedback(session: Session) -> RatingSummary:
    """A session's rating for its speakers and organisers: aggregate and anonymous comments
    from MIN_GROUP ratings on (two queries)."""
    rows = list(SessionRating.objects.filter(session=session).values_list("rating", "comment"))
    return _summary(session, [rating for rating, _ in rows], [comment for _, comment in rows])


def sessions_feedback(sessions: QuerySet[Session]) -> list[RatingSummary]:
    """The same for many sessions in two queries (the speaker's list, the organisers' results)."""
    listed = list(sessions)
    values: dict[int, list[int]] = {session.pk: [] for session in listed}
    comments: dict[int, list[str]] = {session.pk: [] for session in listed}
    for session_id, rating, comment in SessionRating.objects.filter(
        session__in=[session.pk for session in listed]
    ).values_list("session_id", "rating", "comment"):
        values[session_id].append(rating)
        comments[session_id].append(comment)
    return [_summary(s, values[s.pk], comments[s.pk]) for s in listed]


@dataclass(frozen=True)
class PublicRatingGroup:
    """One public session's aggregate, for the memoria and the open data: never comments."""

    code: str
    title: str
    count: int
    average: float


def public_session_groups(edition: Edition) -> list[PublicRatingGroup]:
    """Public sessions of a public edition with at least MIN_GROUP ratings (one query)."""
    if not edition.is_public:
        return []
    rows = (
        Session.objects.filter(public_session_filter(), edition=edition)
        .filter(status=SessionStatus.CONFIRMED)
        .annotate(
            n=Count("ratings"),
            average=Avg("ratings__rating"),
        )
        .filter(n__gte=MIN_GROUP)
        .order_by("day", "starts_at", "code")
        .values_list("code", "title", "n", "average")
    )
    return [
        PublicRatingGroup(code=code, title=title, count=n, average=round(float(avg), 2))
        for code, title, n, avg in rows
        if shown(n)
    ]


@dataclass(frozen=True)
class QuestionResult:
    question: SurveyQuestion
    count: int
    average: float | None = None  # scale questions, from MIN_GROUP answers on
    options: tuple[tuple[str, int], ...] = ()  # choice questions, from MIN_GROUP answers on
    texts: tuple[str, ...] = ()  # free text: organisers only, from MIN_GROUP answers on
    distribution: tuple[int, ...] = field(default_factory=tuple)

    @property
    def shown(self) -> bool:
        return shown(self.count)


def survey_results(survey: Survey, *, with_texts: bool = False) -> list[QuestionResult]:
    """Each question's aggregate (two queries). Free-text answers only with `with_texts`
    (the organisers' results page), never for a public surface."""
    questions = list(survey.questions.order_by("order", "id"))
    answers: dict[int, list[tuple[int | None, str, str]]] = {q.pk: [] for q in questions}
    for question_id, scale, choice, text in (
        SurveyAnswer.objects.filter(question__survey=survey)
        .filter(Q(scale__isnull=False) | ~Q(choice="") | ~Q(text=""))
        .values_list("question_id", "scale", "choice", "text")
    ):
        answers[question_id].append((scale, choice, text))
    results = []
    for question in questions:
        rows = answers[question.pk]
        count = len(rows)
        if not shown(count):
            results.append(QuestionResult(question=question, count=count))
        elif question.kind == QuestionKind.SCALE:
            values = [scale for scale, _c, _t in rows if scale is not None]
            counts = Counter(values)
            results.append(
                QuestionResult(
                    question=question,
                    count=count,
                    average=round(sum(values) / len(values), 2),
                    distribution=tuple(counts.get(value, 0) for value in range(1, 6)),
                )
            )
        elif question.kind == QuestionKind.CHOICE:
            chosen = Counter(choice for _s, choice, _t in rows)
            results.append(
                QuestionResult(
                    question=question,
                    count=count,
                    options=tuple(
                        (option, chosen.get(option, 0)) for option in question.option_list
                    ),
                )
            )
        else:
            results.append(
                QuestionResult(
                    question=question,
                    count=count,
                    texts=tuple(sorted(text for _s, _c, text in rows)) if with_texts else (),
                )
            )
    return results


def public_survey_results(edition: Edition) -> list[QuestionResult]:
    """The survey's aggregates that may be public: scale and choice questions with at least
    MIN_GROUP answers. Free-text questions are left out entirely."""
    if not edition.is_public:
        return []
    survey = Survey.objects.filter(edition=edition).first()
    if survey is None:
        return []
    return [
        result
        for result in survey_results(survey)
        if result.shown and result.question.kind != QuestionKind.TEXT
    ]
