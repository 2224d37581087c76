import csv
import datetime as dt
import io
import json
import uuid
import zoneinfo

import icalendar
import jsonschema
import lxml.html
import pyshacl
import pytest
import rdflib
from django.conf import settings
from lxml import etree

from tests import factories as core
from tests.memoria.factories import seeded_edition

pytestmark = pytest.mark.django_db
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def xsd(validators):  # type: ignore[no-untyped-def]
    return etree.XMLSchema(etree.parse(str(validators / "c3voc" / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_validator(validators):  # type: ignore[no-untyped-def]
    schema = json.loads((validators / "c3voc" / "schedule.schema.json").read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def _read_frab(content: bytes) -> list[dict]:
    """Read schedule.xml the way frab clients (Giggity, EventFahrplan) do: day > room >
    event, local start + duration, title, persons, links."""
    root = etree.fromstring(content)
    events = []
    for day in root.findall("day"):
        for room in day.findall("room"):
            for event in room.findall("event"):
                start = dt.datetime.fromisoformat(event.findtext("date"))
                hours, minutes = (int(part) for part in event.findtext("duration").split(":"))
                events.append(
                    {
                        "day": int(day.get("index")),
                        "room": room.get("name"),
                        "guid": event.get("guid"),
                        "start": start,
                        "end": start + dt.timedelta(hours=hours, minutes=minutes),
                        "hhmm": event.findtext("start"),
                        "title": event.findtext("title"),
                        "persons": [p.text for p in event.find("persons")],
                        "links": [link.get("href") for link in event.find("links")],
                    }
                )
    return events


@pytest.mark.parametrize("slug", ["2021", "2024", "2027-demo"])
def test_demo_schedule_xml_and_json_validate_against_c3voc(demo, client, xsd, json_validator, slug):
    document = etree.fromstring(client.get(f"/ediciones/{slug}/schedule.xml").content)
    assert xsd.validate(document), xsd.error_log
    data = json.loads(client.get(f"/ediciones/{slug}/schedule.json").content)
    assert [error.message for error in json_validator.iter_errors(data)] == []


def test_seeded_schedule_with_people_materials_and_cancelled_session_validates(
    client, xsd, json_validator
):
    edition = seeded_edition(sessions=4)
    session = edition.sessions.order_by("code").first()
    session.status = "cancelled"
    session.save()
    document = etree.fromstring(client.get(f"/ediciones/{edition.slug}/schedule.xml").content)
    assert xsd.validate(document), xsd.error_log
    data = json.loads(client.get(f"/ediciones/{edition.slug}/schedule.json").content)
    assert [error.message for error in json_validator.iter_errors(data)] == []


def test_schedule_xml_read_like_a_schedule_app(demo, client):
    events = _read_frab(client.get("/ediciones/2021/schedule.xml").content)
    assert len(events) == 17
    first = events[0]
    assert first["title"] == "S0101 · Inauguración"
    assert first["start"] == dt.datetime(2021, 5, 11, 10, 30, tzinfo=MEXICO)
    assert first["end"] == dt.datetime(2021, 5, 11, 11, 0, tzinfo=MEXICO)
    assert first["hhmm"] == "10:30"
    assert [e["day"] for e in events].count(2) == 7
    assert len({e["guid"] for e in events}) == 17


def test_schedule_guids_are_uuid5_of_the_session_url_and_stable(demo, client):
    data = json.loads(client.get("/ediciones/2021/schedule.json").content)
    event = data["schedule"]["conference"]["days"][0]["rooms"]["Virtual · Transmisión 1"][0]
    expected = uuid.uuid5(
        uuid.NAMESPACE_URL, f"{settings.DATACON_PUBLIC_URL}/ediciones/2021/sesiones/S0101/"
    )
    assert event["guid"] == str(expected)
    assert "code" not in event
    assert event["slug"] == "datacon2021-s0101-inauguracion"


def test_schedule_leaves_out_untimed_sessions_but_keeps_days(demo, client):
    data = json.loads(client.get("/ediciones/2024/schedule.json").content)
    days = data["schedule"]["conference"]["days"]
    assert [day["date"] for day in days] == ["2024-10-17", "2024-10-18"]
    assert all(day["rooms"] == {} for day in days)


def test_schedule_of_edition_without_dates_answers_404(demo, client):
    assert client.get("/ediciones/2022/schedule.xml").status_code == 404
    assert client.get("/ediciones/2022/schedule.json").status_code == 404


def test_schedule_lists_people_and_material_links(client):
    edition = seeded_edition(sessions=1, people_per_session=2)
    events = _read_frab(client.get(f"/ediciones/{edition.slug}/schedule.xml").content)
    assert events[0]["persons"] == [
        f"Persona Pública {edition.year}-0",
        f"Persona Pública {edition.year}-1",
    ]
    assert events[0]["links"] == ["https://video.example.org/v/0"]


def _events(content: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(content)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_edition_calendar_has_timezone_and_local_times(demo, client):
    response = client.get("/ediciones/2021/calendario.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [c["TZID"] for c in calendar.walk() if c.name == "VTIMEZONE"] == ["America/Mexico_City"]
    events = _events(response.content)
    assert len(events) == 17
    first = min(events, key=lambda e: e.decoded("DTSTART"))
    assert first.decoded("DTSTART") == dt.datetime(2021, 5, 11, 10, 30, tzinfo=MEXICO)
    assert first["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert str(first["SUMMARY"]) == "S0101 · Inauguración"


def test_parallel_2021_sessions_are_in_channels_in_every_export(demo, client):
    """Issue 14.4: sessions at the same time were all in the room "Virtual"."""
    frab = {
        e["title"][:5]: e["room"]
        for e in _read_frab(client.get("/ediciones/2021/schedule.xml").content)
    }
    assert [frab[code] for code in ("S0103", "S0104", "S0105", "S0106")] == [
        "Virtual · Transmisión 1",
        "Virtual · Transmisión 2",
        "Virtual · Transmisión 3",
        "Virtual · Transmisión 1",
    ]
    data = json.loads(client.get("/ediciones/2021/schedule.json").content)
    assert [room["name"] for room in data["schedule"]["conference"]["rooms"]] == [
        "Virtual · Transmisión 1",
        "Virtual · Transmisión 2",
        "Virtual · Transmisión 3",
    ]
    events = _events(client.get("/ediciones/2021/sesiones/S0104/calendario.ics").content)
    assert [str(e["LOCATION"]) for e in events] == ["Virtual · Transmisión 2"]
    api = json.loads(client.get("/api/v1/sessions/?edition=2021&page_size=500").content)
    rooms = {s["code"]: (s["venue"], s["room"]) for s in api["results"]}
    assert rooms["S0204"] == ("Virtual", "Transmisión 3")
    content = client.get("/ediciones/2021/datos/conferencia/sesiones.csv").content
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert {r["codigo"]: (r["sede"], r["sala"]) for r in rows}["S0109"] == (
        "Virtual",
        "Transmisión 2",
    )
    content = client.get("/ediciones/2021/datos/conferencia/salas.csv").content
    rooms_csv = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    assert [
        (r["nombre"], r["canal_de_transmision"], r["numeracion_de_la_plataforma"])
        for r in rooms_csv
    ] == [
        ("Transmisión 1", "true", "true"),
        ("Transmisión 2", "true", "true"),
        ("Transmisión 3", "true", "true"),
    ]


def test_session_and_selection_calendars(demo, client):
    events = _events(client.get("/ediciones/2021/sesiones/S0203/calendario.ics").content)
    assert [str(e["SUMMARY"]) for e in events] == ["S0203 · Abrir datos con perspectiva de género"]
    selection = _events(
        client.get("/ediciones/2021/mi-seleccion.ics?sesiones=s0203, S0101,NOPE,S0101").content
    )
    assert sorted(str(e["SUMMARY"])[:5] for e in selection) == ["S0101", "S0203"]


def test_sessions_with_a_day_but_no_time_are_all_day_events_on_their_day(demo, client):
    """Issue 14.9: the 2024 program gives days, not times; its calendar was empty."""
    from datacon.program.models import Session

    session = _events(client.get("/ediciones/2024/sesiones/S0101/calendario.ics").content)
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in session] == [
        (dt.date(2024, 10, 17), dt.date(2024, 10, 18))
    ]
    content = client.get("/ediciones/2024/calendario.ics").content
    events = _events(content)
    days = {str(e["SUMMARY"]).split(" ")[0]: e.decoded("DTSTART") for e in events}
    assert len(events) == Session.objects.filter(edition__slug="2024").count() > 0
    assert days["S0101"] == dt.date(2024, 10, 17)
    assert days["S0201"] == dt.date(2024, 10, 18)
    assert all(e["DTSTART"].params.get("VALUE") == "DATE" for e in events)
    assert b"VTIMEZONE" not in content  # no times, no time-zone definition needed


def test_selection_page_lists_chosen_sessions_and_reports_unknown_codes(demo, client):
    html = client.get("/ediciones/2021/mi-seleccion/?sesiones=S0203,S9999").content.decode()
    assert "Abrir datos con perspectiva de género" in html
    assert "No existe en esta edición la sesión S9999." in html
    assert "/ediciones/2021/mi-seleccion.ics?sesiones=S0203%2CS9999" in html


def _shacl(data: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, str]:
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, text


def test_dcat_catalog_turtle_and_jsonld_pass_dcat_ap_shapes(demo, client, dcat_shapes):
    seeded_edition(sessions=2)
    turtle = rdflib.Graph().parse(data=client.get("/datos/catalogo.ttl").content, format="turtle")
    conforms, text = _shacl(turtle, dcat_shapes)
    assert conforms, text
    jsonld = rdflib.Graph().parse(
        data=client.get("/datos/catalogo.jsonld").content, format="json-ld"
    )
    conforms, text = _shacl(jsonld, dcat_shapes)
    assert conforms, text
    assert len(turtle) == len(jsonld)


def test_dcat_catalog_has_licence_publisher_temporal_and_media_types(demo, client):
    graph = rdflib.Graph().parse(data=client.get("/datos/catalogo.ttl").content, format="turtle")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    catalog = rdflib.URIRef(f"{settings.DATACON_PUBLIC_URL}/datos/catalogo")
    assert (catalog, rdflib.RDF.type, dcat.Catalog) in graph
    assert graph.value(catalog, dct.publisher) is not None
    sessions = rdflib.URIRef(f"{settings.DATACON_PUBLIC_URL}/datos/conjuntos/sesiones/")
    period = graph.value(sessions, dct.temporal)
    assert str(graph.value(period, dcat.startDate)) == "2021-05-11"
    media = {
        str(graph.value(d, dcat.mediaType)) for d in graph.objects(sessions, dcat.distribution)
    }
    assert media == {
        "http://www.iana.org/assignments/media-types/text/csv",
        "http://www.iana.org/assignments/media-types/application/json",
    }
    licences = {
        str(graph.value(d, dct.license)) for d in graph.objects(sessions, dcat.distribution)
    }
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("text/turtle", "text/turtle; charset=utf-8"),
        ("application/ld+json", "application/ld+json; charset=utf-8"),
        ("application/rdf+xml", "application/rdf+xml; charset=utf-8"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json; charset=utf-8"),
        ("*/*", "application/ld+json; charset=utf-8"),
    ],
)
def test_dcat_catalog_content_negotiation(demo, client, accept, content_type):
    response = client.get("/datos/catalogo", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "Accept" in response["Vary"]
    again = client.get("/datos/catalogo", HTTP_ACCEPT=accept)
    assert again["Content-Type"] == content_type
    assert "Accept" in again["Vary"]


def test_dcat_catalog_sends_browsers_to_the_data_page(demo, client):
    response = client.get(
        "/datos/catalogo", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8"
    )
    assert response.status_code == 303
    assert response["Location"] == "/datos/"


def test_dcat_turtle_is_stable(demo, client):
    first = client.get("/datos/catalogo.ttl").content
    from django.core.cache import cache

    cache.clear()
    assert client.get("/datos/catalogo.ttl").content == first


def _jsonld(html: bytes) -> list[dict]:
    tree = lxml.html.fromstring(html)
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


def test_edition_page_has_schema_org_event_linking_to_its_program(demo, client):
    (event,) = _jsonld(client.get("/ediciones/2021/").content)
    assert event["@type"] == "Event"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"]["@type"] == "VirtualLocation"
    assert event["organizer"]["name"].startswith("Instituto Nacional de Transparencia")
    assert event["startDate"] == "2021-05-11"
    # The sessions are not embedded (each session page has its own Event): the
    # edition points to its program and its schedule instead.
    assert "subEvent" not in event
    base = event["url"].removesuffix("/ediciones/2021/")
    assert event["subjectOf"] == [
        {"@type": "WebPage", "name": "Programa", "url": f"{base}/ediciones/2021/programa/"},
        {
            "@type": "DataDownload",
            "name": "schedule.json",
            "encodingFormat": "application/json",
            "contentUrl": f"{base}/ediciones/2021/schedule.json",
        },
        {
            "@type": "DataDownload",
            "name": "schedule.xml",
            "encodingFormat": "application/xml",
            "contentUrl": f"{base}/ediciones/2021/schedule.xml",
        },
    ]


def test_edition_event_export_still_lists_every_session(demo):
    from datacon.editions.models import Edition
    from datacon.editions.selectors import venues_with_rooms
    from datacon.opendata.schemaorg import edition_event
    from datacon.program.selectors import program_sessions

    edition = Edition.objects.get(slug="2021")
    event = edition_event(
        edition, list(program_sessions(edition=edition)), venues_with_rooms(edition=edition)
    )
    assert len(event["subEvent"]) == 17
    assert event["subEvent"][0]["startDate"] == "2021-05-11T10:30:00-05:00"


def test_session_page_has_schema_org_event_with_super_event(demo, client):
    (event,) = _jsonld(client.get("/ediciones/2024/sesiones/S0202/").content)
    assert event["superEvent"]["name"] == "DATACON 2024"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["addressRegion"] == "Ciudad de México"
    assert event["startDate"] == "2024-10-18"


def test_json_ld_cannot_be_closed_by_a_title(client):
    edition = core.EditionFactory(title="DATACON </script><script>alert(1)</script>")
    html = client.get(f"/ediciones/{edition.slug}/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert _jsonld(html.encode())[0]["name"] == "DATACON </script><script>alert(1)</script>"
