"""/memorias/ compares like with like (issue 16.6): each row and each chart is one measure
counted the same way in every edition, and fictional editions are never compared."""

from __future__ import annotations

import lxml.html
import pytest

from datacon.memoria.comparison import comparison_charts, comparison_measures, editions_compared
from tests import factories as core
from tests.memoria.factories import MemoriaFactory, ReportedFigureFactory

pytestmark = pytest.mark.django_db


def _reported(edition, **figures):  # type: ignore[no-untyped-def]
    memoria = MemoriaFactory(edition=edition)
    for key, value in figures.items():
        qualifier = "exact"
        if isinstance(value, tuple):
            value, qualifier = value
        ReportedFigureFactory(memoria=memoria, key=key, value=value, qualifier=qualifier)


def _editions():  # type: ignore[no-untyped-def]
    first = core.EditionFactory(year=2051)
    core.VenueFactory(edition=first, name="Virtual")
    _reported(first, panelists=70, co_conveners=30, attendees_online=(2500, "more_than"))
    second = core.EditionFactory(year=2052)
    _reported(second, moderators=25, co_conveners=25, venues=10, attendees=1200)
    fictional = core.EditionFactory(year=2053, is_demo=True)
    core.VenueFactory(edition=fictional, name="Sede ficticia")
    _reported(fictional, panelists=999, co_conveners=999, moderators=999)
    return first, second, fictional


def _rows(html: str) -> dict[str, list[str]]:
    tree = lxml.html.fromstring(html)
    return {
        row.xpath("th")[0].text_content(): [cell.text_content().strip() for cell in row.xpath("td")]
        for row in tree.cssselect("table.memoria-compare tbody tr")
    }


def test_each_row_is_one_measure_never_a_mix_of_figures_or_sources(client):
    _editions()
    html = client.get("/memorias/").content.decode()
    rows = _rows(html)
    assert rows == {
        "Modalidad": ["Híbrida", "Híbrida"],
        "Sesiones en la plataforma": ["—", "—"],
        "Ponentes en la plataforma": ["—", "—"],
        "Moderadores en la plataforma": ["—", "—"],
        "Organizaciones en la plataforma": ["—", "—"],
        "Organizaciones co-convocantes en la plataforma": ["—", "—"],
        "Sedes en la plataforma": ["1", "—"],
        # 2051's 70 panelists and 2052's 25 moderators are two measures, in two rows.
        "Personas panelistas reportadas": ["70", "—"],
        "Personas moderadoras reportadas": ["—", "25"],
        "Organizaciones co-convocantes reportadas": ["30", "25"],
        "Personas asistentes reportadas": ["—", "1,200"],
        "Personas asistentes en línea reportadas": ["más de 2,500", "—"],
        "Sedes reportadas": ["—", "10"],
        "% de mujeres entre ponentes": ["—", "—"],
    }


def test_charts_only_compare_a_measure_that_several_editions_have(client):
    _editions()
    summaries = editions_compared()
    charts = comparison_charts(summaries, comparison_measures(summaries))
    assert list(charts) == ["Organizaciones co-convocantes reportadas, por edición"]
    svg = lxml.html.fromstring(str(charts["Organizaciones co-convocantes reportadas, por edición"]))
    assert svg.get("id") == "grafica-comparativo-co-conveners-reportado"
    assert svg.xpath("desc")[0].text == "2051: 30; 2052: 25."
    html = client.get("/memorias/").content.decode()
    tree = lxml.html.fromstring(html)
    assert [svg.get("id") for svg in tree.cssselect("figure.memoria-chart svg")] == [
        "grafica-comparativo-co-conveners-reportado"
    ]


def test_a_chart_says_when_a_reported_figure_is_not_exact():
    first = core.EditionFactory(year=2061)
    _reported(first, attendees=(2500, "more_than"))
    second = core.EditionFactory(year=2062)
    _reported(second, attendees=1200)
    summaries = editions_compared()
    [chart] = comparison_charts(summaries).values()
    desc = lxml.html.fromstring(str(chart)).xpath("desc")[0].text
    assert desc == "2061 (más de): 2,500; 2062: 1,200."


def test_fictional_editions_are_never_compared_nor_their_figures_shown(client):
    _editions()
    assert [summary.edition.year for summary in editions_compared()] == [2051, 2052]
    html = client.get("/memorias/").content.decode()
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "2053" not in main
    assert "999" not in main
    assert "Sede ficticia" not in main


def test_open_figures_mark_every_row_of_a_fictional_edition():
    from datacon.opendata.figures import figure_rows

    _editions()
    marked = {(row["edicion"], row["edicion_ficticia"]) for row in figure_rows(None)}
    assert marked == {("2051", False), ("2052", False), ("2053", True)}
