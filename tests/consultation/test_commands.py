"""The benchmark filler command."""

import pytest
from django.core.management import CommandError, call_command

from datacon.consultation.models import Comment, Support
from tests.consultation.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_consultation_fill_adds_synthetic_comments_and_supports():
    consultation = ConsultationFactory()
    call_command(
        "consultation_fill", consultation=consultation.slug, comments=40, people=5, supports=10
    )
    assert Comment.objects.filter(consultation=consultation).count() == 40
    assert Support.objects.filter(comment__consultation=consultation).count() <= 10
    assert all(
        c.position == c.paragraph.position for c in Comment.objects.select_related("paragraph")
    )


def test_consultation_fill_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("consultation_fill", consultation=ConsultationFactory().slug, comments=1)
    assert Comment.objects.count() == 0
