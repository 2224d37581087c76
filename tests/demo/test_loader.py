import datetime as dt
import zoneinfo

import pytest

from datacon.common.models import AuditEntry
from datacon.demo.loader import demo_load
from datacon.editions.models import Edition, Room, Venue
from datacon.program.models import Session
from datacon.program.selectors import edition_figures
from datacon.sources.record import channel_numbers

pytestmark = pytest.mark.django_db
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")

MEMORIA_2021 = [
    ("S0101", "10:30", "Ceremonia", "Inauguración"),
    ("S0102", "11:00", "Conferencia", "La evolución de la agenda de datos abiertos en México"),
    ("S0103", "12:00", "Presentación", "Contrataciones Abiertas y estrategia nacional"),
    ("S0104", "12:00", "Presentación", "Infraestructura Abierta, el caso de Nuevo León"),
    ("S0105", "12:00", "Presentación", "Publicidad Abierta, gastos en comunicación social de los gobiernos y partidos políticos"),
    ("S0106", "13:00", "Conversatorio", "Aprovechamiento de los datos abiertos; experiencias desde la SC"),
    ("S0107", "16:00", "Conversatorio", "Datos abiertos en la atención de emergencias"),
    ("S0108", "17:00", "Presentación", "Datos abiertos como instrumento anticorrupción"),
    ("S0109", "17:00", "Presentación", "Aprovechamiento gubernamental de los datos abiertos"),
    ("S0110", "18:00", "Presentación", "Buenas prácticas de datos abiertos"),
    ("S0201", "10:00", "Conferencia", "Hacia una política nacional de datos abiertos"),
    ("S0202", "11:00", "Taller", "¿Qué datos abrir? Entendiendo la demanda de información a través de las solicitudes y de la PNT"),
    ("S0203", "11:00", "Taller", "Abrir datos con perspectiva de género"),
    ("S0204", "11:00", "Taller", "Visualizaciones, memes y arte callejero con datos"),
    ("S0205", "12:00", "Conversatorio", "El valor económico de los datos abiertos y su potencial como motor de desarrollo"),
    ("S0206", "13:00", "Conversatorio", "Datos abiertos desde la sociedad civil: siguientes pasos"),
    ("S0207", "14:00", "Ceremonia", "Cierre / presentación de reflexiones y agenda de apertura a un año"),
]  # fmt: skip


def test_demo_load_2021_has_the_memoria_sessions_exactly(demo_users):
    sessions = (
        Session.objects.filter(edition__year=2021).select_related("session_type").order_by("code")
    )
    loaded = [
        (s.code, s.starts_at.astimezone(MEXICO).strftime("%H:%M"), s.session_type.name, s.title)
        for s in sessions
    ]
    assert loaded == MEMORIA_2021
    assert {s.day for s in sessions} == {dt.date(2021, 5, 11), dt.date(2021, 5, 12)}


def test_demo_load_2021_sessions_by_type_match_the_memoria(demo_users):
    figures = edition_figures(edition=Edition.objects.get(year=2021))
    assert dict(figures.sessions_by_type) == {
        "Ceremonia": 2,
        "Conferencia": 2,
        "Conversatorio": 4,
        "Presentación": 6,
        "Taller": 3,
    }


def test_demo_load_2024_program_has_two_days_in_order(demo_users):
    sessions = (
        Session.objects.filter(edition__year=2024).select_related("session_type").order_by("code")
    )
    assert [(s.code, s.day.day, s.session_type.name) for s in sessions] == [
        ("S0101", 17, "Ceremonia"),
        ("S0102", 17, "Mesa de diálogo"),
        ("S0103", 17, "Panel"),
        ("S0104", 17, "Panel"),
        ("S0201", 18, "Panel"),
        ("S0202", 18, "Taller"),
        ("S0203", 18, "Taller"),
    ]
    assert all(s.starts_at is None for s in sessions)  # the concept note gives no times


def test_demo_load_2022_has_its_three_venues(demo_users):
    venues = Venue.objects.filter(edition__year=2022).order_by("order")
    assert [(v.name, v.get_state_display()) for v in venues] == [
        ("Nuevo León", "Nuevo León"),
        ("Jalisco", "Jalisco"),
        ("Quintana Roo", "Quintana Roo"),
    ]


def test_demo_load_twice_changes_nothing(demo_users):
    first = demo_users  # the module's load, on an empty database
    snapshot = (
        list(Session.objects.order_by("pk").values()),
        list(Edition.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )
    second = demo_load(with_demo_users=True)
    assert first.changed is True
    assert second.changed is False
    assert snapshot == (
        list(Session.objects.order_by("pk").values()),
        list(Edition.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
    )


def test_demo_load_2021_puts_parallel_sessions_in_the_first_free_channel(demo_users):
    sessions = Session.objects.filter(edition__year=2021).select_related("room").order_by("code")
    channels = {s.code: s.room.name for s in sessions if s.room is not None}
    expected = dict.fromkeys((code for code, *_rest in MEMORIA_2021), "Transmisión 1")
    expected |= {"S0104": "Transmisión 2", "S0105": "Transmisión 3", "S0109": "Transmisión 2"}
    expected |= {"S0203": "Transmisión 2", "S0204": "Transmisión 3"}
    assert channels == expected
    rooms = Room.objects.filter(venue__edition__year=2021).order_by("order")
    assert [(r.name, r.is_channel, r.platform_numbering) for r in rooms] == [
        ("Transmisión 1", True, True),
        ("Transmisión 2", True, True),
        ("Transmisión 3", True, True),
    ]
    assert Room.objects.filter(venue__edition__year__in=(2022, 2023, 2024)).count() == 0


def test_channel_numbers_take_the_first_free_channel_in_order():
    def t(hour: int) -> dt.datetime:
        return dt.datetime(2021, 5, 11, hour, tzinfo=MEXICO)

    starts = [t(10), t(10), t(11), t(10), None]
    ends = [t(11), t(12), t(12), t(11), None]
    assert channel_numbers(starts, ends) == [1, 2, 1, 3, None]
