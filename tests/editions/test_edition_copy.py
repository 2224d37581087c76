"""A new edition from the last one: settings, session types, call, criteria, teams, templates; no proposals."""

import datetime as dt

import pytest

from datacon.common.actor import Actor
from datacon.editions.copying import EDITION_NOT_COPIED, copyable_fields, edition_new_from
from datacon.proposals.models import (
    Call,
    EmailTemplate,
    Proposal,
    Question,
    ReviewCriterion,
    ReviewTeam,
    Track,
)
from datacon.proposals.services import email_template_save
from tests import factories
from tests.proposals import factories as pf

pytestmark = pytest.mark.django_db


def test_new_edition_copies_configuration_but_not_proposals():
    source = factories.EditionFactory(timezone="America/Cancun", hashtag="#DATACON")
    call = pf.open_call(source, anonymous_review=False, max_people=4)
    pf.submit(call)
    pf.question(call, text="¿Nivel?", kind="choice", choices="A\nB", required=True)
    track = Track.objects.create(edition=source, name="Salud")
    team = ReviewTeam.objects.create(edition=source, name="Talleres")
    reviewer = pf.reviewer_user()
    team.members.set([reviewer])
    team.session_types.set([source.session_types.get(slug="taller")])
    team.tracks.set([track])
    criterion = ReviewCriterion.objects.get(edition=source, name="Mérito")
    criterion.weight = 3
    criterion.save()
    template = EmailTemplate.objects.get(edition=source, kind="accepted")
    template.subject = "Personalizado {titulo}"
    email_template_save(template=template, actor=factories.SYSTEM)
    factories.VenueFactory(edition=source)

    start = source.start_date.replace(year=source.year + 1)
    new = edition_new_from(
        source=source,
        number=source.number + 1,
        year=source.year + 1,
        title="Siguiente",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        actor=Actor.of(factories.organiser_user()),
    )
    assert (new.status, new.timezone, new.organiser, new.hashtag) == (
        "draft",
        "America/Cancun",
        source.organiser,
        "#DATACON",
    )
    assert set(new.session_types.values_list("slug", flat=True)) == set(
        source.session_types.values_list("slug", flat=True)
    )
    new_call = Call.objects.get(edition=new)
    shift = start - source.start_date
    assert (new_call.opens_at, new_call.closes_at) == (
        call.opens_at + shift,
        call.closes_at + shift,
    )
    assert (new_call.anonymous_review, new_call.max_people) == (False, 4)
    assert set(new_call.session_types.values_list("session_type__edition", flat=True)) == {new.pk}
    assert list(Question.objects.filter(call=new_call).values_list("text", "required")) == [
        ("¿Nivel?", True)
    ]
    assert ReviewCriterion.objects.get(edition=new, name="Mérito").weight == 3
    assert ReviewCriterion.objects.filter(edition=new).count() == 4
    assert (
        EmailTemplate.objects.get(edition=new, kind="accepted").subject == "Personalizado {titulo}"
    )
    new_team = ReviewTeam.objects.get(edition=new)
    assert list(new_team.members.all()) == [reviewer]
    assert [t.edition_id for t in new_team.session_types.all()] == [new.pk]
    assert [t.name for t in new_team.tracks.all()] == ["Salud"]
    assert new_team.tracks.get().edition == new
    assert Proposal.objects.filter(edition=new).count() == 0
    assert new.venues.count() == 0


def test_back_office_form_refuses_a_taken_year_and_keeps_input(organiser_client):
    source = factories.EditionFactory()
    response = organiser_client.post(
        "/gestion/convocatorias/nueva-edicion/",
        {"source": source.pk, "number": 77, "year": source.year, "title": "Título que escribí"},
    )
    html = response.content.decode()
    assert "Ya existe una edición de ese año." in html
    assert 'value="Título que escribí"' in html


def test_back_office_form_creates_the_edition(organiser_client):
    source = factories.EditionFactory()
    pf.open_call(source)
    response = organiser_client.post(
        "/gestion/convocatorias/nueva-edicion/",
        {
            "source": source.pk,
            "number": 30000,
            "year": 2199,  # the form takes years up to 2200
            "title": "Futura",
        },
    )
    assert response.status_code == 302
    assert Call.objects.filter(edition__title="Futura").count() == 1


# --- one generic copy: every field unless told otherwise (issue 12) ----------------------

# Fields a copy sets itself (its new edition, call or session type, moved dates) or that
# an edition does not take from the one it copies (editions.copying.EDITION_NOT_COPIED).
SET_BY_THE_COPY = {
    "Edition": EDITION_NOT_COPIED,
    "Call": {"edition", "opens_at", "closes_at"},
    "CallSessionType": {"call", "session_type"},
    "Question": {"call"},
}


def _copy_pairs(source, new):  # type: ignore[no-untyped-def]
    source_call, new_call = Call.objects.get(edition=source), Call.objects.get(edition=new)
    pairs = [(source, new)]
    pairs += list(
        zip(source.session_types.order_by("slug"), new.session_types.order_by("slug"), strict=True)
    )
    pairs += list(zip(source.tracks.all(), new.tracks.all(), strict=True))
    pairs += list(zip(source.review_criteria.all(), new.review_criteria.all(), strict=True))
    kinds = list(source.email_templates.values_list("kind", flat=True))
    pairs += list(
        zip(
            source.email_templates.order_by("kind"),
            new.email_templates.filter(kind__in=kinds).order_by("kind"),
            strict=True,
        )
    )
    pairs += list(zip(source.review_teams.all(), new.review_teams.all(), strict=True))
    pairs += [(source_call, new_call)]
    pairs += list(zip(source_call.session_types.all(), new_call.session_types.all(), strict=True))
    pairs += list(zip(source_call.questions.all(), new_call.questions.all(), strict=True))
    return pairs


def test_every_field_of_every_copied_record_is_copied():
    """Reads the models' _meta: a field added to any of them later is checked here too.

    The source gets a non-default value in every field the copy must carry, so a
    field that a copy forgets shows up as a difference (and a new field without a
    value here fails the first assertion, asking for one).
    """
    source = factories.EditionFactory(
        timezone="America/Cancun",
        mode="hybrid",
        hashtag="#DATACON",
        privacy_contact_email="privacidad@example.org",
        privacy_notice_url="https://example.org/aviso",
        # A copy of a fictional demonstration edition is fictional too (never compared
        # with the real ones).
        is_demo=True,
    )
    call = pf.open_call(
        source,
        anonymous_review=False,
        max_people=4,
        text="Texto",
        contact_email="convocatoria@example.org",
    )
    for item in call.session_types.all():
        item.description = f"Descripción {item.pk}"
        item.duration_minutes = 45
        item.order = item.order + 7
        item.save()
    for session_type in source.session_types.all():
        session_type.description = "Tipo"
        session_type.order = session_type.order + 3
        session_type.default_duration_minutes = 50
        session_type.save()
    pf.question(
        call,
        text="¿Nivel?",
        kind="choice",
        choices="A\nB",
        required=True,
        order=2,
        help_text="Ayuda",
        show_to_reviewers=False,
        min_value=5,
    )
    Track.objects.create(edition=source, name="Salud", description="Eje", order=4)
    criterion = ReviewCriterion.objects.get(edition=source, name="Mérito")
    criterion.weight, criterion.scale_min, criterion.scale_max = 3, 0, 10
    criterion.description, criterion.order = "Mérito propio", 9
    criterion.save()
    ReviewCriterion.objects.exclude(pk=criterion.pk).filter(edition=source).delete()
    EmailTemplate.objects.filter(edition=source).exclude(kind="accepted").delete()
    template = EmailTemplate.objects.get(edition=source, kind="accepted")
    template.subject, template.body = "Asunto {titulo}", "Texto {nombre}"
    template.save()
    team = ReviewTeam.objects.create(edition=source, name="Talleres")
    team.members.set([pf.reviewer_user()])

    start = source.start_date.replace(year=source.year + 1)
    new = edition_new_from(
        source=source,
        number=source.number + 1,
        year=source.year + 1,
        title="Siguiente",
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        actor=factories.SYSTEM,
    )

    unset, differences = [], []
    for original, copy in _copy_pairs(source, new):
        model = type(original)
        skipped = SET_BY_THE_COPY.get(model.__name__, set()) | {"edition"}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.name in skipped | {"created_at", "updated_at"}:
                continue
            value = getattr(original, field.attname)
            if field.has_default() and value == field.get_default() and not field.is_relation:
                unset.append(f"{model.__name__}.{field.name}")
            if getattr(copy, field.attname) != value:
                differences.append(f"{model.__name__}.{field.name}")
    assert sorted(set(unset)) == []
    assert sorted(set(differences)) == []
    assert len(_copy_pairs(source, new)) == 1 + 3 + 1 + 1 + 1 + 1 + 1 + 3 + 1


def test_copyable_fields_are_every_concrete_field_but_identity_and_time_stamps():
    for model in (Track, ReviewCriterion, EmailTemplate, Call, Question, ReviewTeam):
        expected = {
            f.name
            for f in model._meta.concrete_fields
            if f.name not in ("id", "created_at", "updated_at")
        }
        assert {f.name for f in copyable_fields(model)} == expected
