"""The large fictional data set: right counts, same seed same data, pluggable steps."""

import pytest
from django.core.management import call_command

from datacon.common.models import PublicVersion
from datacon.demo import large_dataset
from datacon.demo.large_dataset import Scale, Step, dataset_fingerprint, edition_remove, generate
from datacon.editions.models import Edition, EditionOrganisation, Room, Venue
from datacon.people.models import Organisation, Person
from datacon.program.models import Participation, Session
from datacon.program.people_selectors import persons_public
from datacon.program.selectors import sessions_public

pytestmark = pytest.mark.django_db

SMALL = Scale.full().scaled(0.02)  # 20 sessions, 60 people, 16 organisations


def test_scale_full_is_the_size_the_issue_asks_for():
    full = Scale.full()
    assert (full.sessions, full.days, full.venues, full.rooms) == (1000, 3, 10, 60)
    assert (full.people, full.organisations) == (3000, 800)
    assert (full.registrations, full.comments) == (20000, 50000)


def test_generate_small_scale_creates_the_scaled_counts():
    context = generate(seed=7, scale=SMALL, steps=[])
    edition = Edition.objects.get(slug=large_dataset.EDITION_SLUG)
    assert (SMALL.sessions, SMALL.people, SMALL.organisations) == (20, 60, 16)
    assert Session.objects.filter(edition=edition).count() == 20
    assert Venue.objects.filter(edition=edition).count() == SMALL.venues
    assert Room.objects.filter(venue__edition=edition).count() == SMALL.rooms
    assert Person.objects.filter(slug__startswith="carga-").count() == 60
    assert Organisation.objects.filter(slug__startswith="carga-").count() == 16
    assert sorted(day.isoformat() for day in edition.days) == [
        "2030-05-14",
        "2030-05-15",
        "2030-05-16",
    ]
    assert set(Session.objects.filter(edition=edition).values_list("day", flat=True)) == set(
        edition.days
    )
    assert context.counts["sessions"] == 20
    assert context.counts["participations"] == Participation.objects.count()
    assert EditionOrganisation.objects.filter(edition=edition, role="organiser").count() == 1


def test_generate_makes_every_session_and_person_public():
    generate(seed=7, scale=SMALL, steps=[])
    assert sessions_public().filter(edition__slug=large_dataset.EDITION_SLUG).count() == 20
    assert persons_public().filter(slug__startswith="carga-").count() == 60


def test_generate_session_codes_are_unique_and_follow_day_and_order():
    generate(seed=7, scale=SMALL, steps=[])
    codes = list(Session.objects.order_by("day", "order_in_day").values_list("code", flat=True))
    assert len(set(codes)) == 20
    assert codes[0] == "S01001"
    assert all(code[:3] in {"S01", "S02", "S03"} for code in codes)


def test_generate_same_seed_gives_identical_fingerprint():
    generate(seed=7, scale=SMALL, steps=[])
    first = dataset_fingerprint()
    assert edition_remove() is True
    assert not Person.objects.filter(slug__startswith="carga-").exists()
    generate(seed=7, scale=SMALL, steps=[])
    assert dataset_fingerprint() == first


def test_generate_other_seed_gives_other_data():
    generate(seed=7, scale=SMALL, steps=[])
    first = dataset_fingerprint()
    edition_remove()
    generate(seed=8, scale=SMALL, steps=[])
    assert dataset_fingerprint() != first


def test_generate_bumps_the_conference_version_so_caches_move_on():
    before = PublicVersion.objects.filter(scope="conference").values_list("version", flat=True)
    start = before[0] if before else 0
    generate(seed=7, scale=SMALL, steps=[])
    # One bump for the bulk writes, plus those of the memoria's services.
    assert (PublicVersion.objects.get(scope="conference").version > start) is True


def test_generate_twice_without_replace_refuses():
    generate(seed=7, scale=SMALL, steps=[])
    with pytest.raises(ValueError, match="--replace"):
        generate(seed=7, scale=SMALL, steps=[])


def test_step_without_module_is_skipped_with_a_message():
    messages: list[str] = []
    step = Step(
        name="nada", app="no_such_app", count=lambda scale: 5, description="algo que no existe"
    )
    context = generate(seed=7, scale=SMALL, steps=[step], say=messages.append)
    assert "nada" not in context.counts
    assert any("Se omite «nada»" in message for message in messages)


def test_step_with_module_runs_with_its_own_random_generator(monkeypatch):
    calls = []

    class FakeModule:
        @staticmethod
        def generate(*, context, count, rng):
            calls.append((context.edition.slug, count, rng.random()))
            return count

    step = Step(name="demo-step", app="demo", count=lambda scale: 3, description="prueba")
    monkeypatch.setattr(Step, "module", lambda self: FakeModule)
    context = generate(seed=7, scale=SMALL, steps=[step])
    assert context.counts["demo-step"] == 3
    expected = large_dataset.random.Random("7:demo-step").random()
    assert calls == [(large_dataset.EDITION_SLUG, 3, expected)]


def test_command_generates_and_prints_the_fingerprint(capsys):
    call_command("generate_large_dataset", "--scale", "0.01", "--seed", "3", "--fingerprint")
    out = capsys.readouterr().out
    assert "Huella: " + dataset_fingerprint() in out
    assert "Se omite" in out or "registrations" in out
    call_command("generate_large_dataset", "--scale", "0.01", "--seed", "3", "--replace")
    assert Session.objects.count() == 10


def test_generate_publishes_the_memoria_of_the_large_edition():
    from datacon.memoria.models import Memoria

    generate(seed=7, scale=SMALL, steps=[])
    memoria = Memoria.objects.get(edition__slug=large_dataset.EDITION_SLUG)
    assert memoria.is_published is True
    assert memoria.sections.count() == len(large_dataset.MEMORIA_SECTIONS)


def test_every_bench_target_resolves_to_a_page_of_the_large_edition():
    from django.test import Client

    from bench.resolve import resolve_all

    generate(seed=7, scale=SMALL)  # every step; SMALL has the person bench/targets.py names
    paths = resolve_all()
    client = Client()
    statuses = {key: client.get(path).status_code if path else None for key, path in paths.items()}
    assert statuses == dict.fromkeys(paths, 200)
