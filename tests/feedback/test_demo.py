"""The feedback demo on the fictional 2027 edition: an open survey, a speaker who sees
the workshop's aggregate, and figures in the memoria; loaded once."""

from __future__ import annotations

import pytest

from datacon.common.actor import Actor
from datacon.demo.feedback import SPEAKER_EMAIL, WORKSHOP_TITLE
from datacon.demo.loader import demo_load
from datacon.editions.models import Edition
from datacon.feedback.aggregates import session_feedback
from datacon.feedback.memoria import feedback_block
from datacon.feedback.models import SessionRating, Survey, SurveyAnswer, SurveyResponse
from datacon.program.models import Session

pytestmark = pytest.mark.django_db


def test_demo_shows_feedback_on_the_fictional_edition_only_and_loads_once(demo):
    from django.contrib.auth import get_user_model

    counts = (
        SessionRating.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
    )
    demo_load(with_demo_users=False)

    edition = Edition.objects.get(slug="2027-demo")
    workshop = Session.objects.get(edition=edition, title=WORKSHOP_TITLE)
    survey = Survey.objects.get(edition=edition)
    speaker = get_user_model().objects.get(email=SPEAKER_EMAIL)
    assert counts == (6, 6, 15)
    assert (
        SessionRating.objects.count(),
        SurveyResponse.objects.count(),
        SurveyAnswer.objects.count(),
    ) == counts
    assert set(SessionRating.objects.values_list("session__edition__slug", flat=True)) == {
        "2027-demo"
    }
    assert Survey.objects.count() == 1 and survey.is_open
    assert session_feedback(workshop).average == 4.33
    assert Actor.of(speaker).has_perm("feedback.see_session", workshop)
    block = feedback_block(edition)
    assert block is not None and block.rows[0][1:] == (6, 4.33)
