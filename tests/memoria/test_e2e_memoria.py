"""The memorias compared and the memoria PDF in Chromium, at desktop and phone width."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_memorias_compared_fit_the_screen_and_chart_one_measure_each(
    load_demo, live_server, browser, width, tmp_path
):
    load_demo(with_demo_users=False)
    context = browser.new_context(locale="es-MX", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/memorias/")
    page.screenshot(path=str(tmp_path / f"memorias-{width}.png"), full_page=True)
    # No page wider than the screen: the wide table scrolls inside its own region.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    years = page.locator("table.memoria-compare thead th").all_inner_texts()[1:]
    assert years == ["2021", "2022", "2023", "2024"]
    charts = page.locator("figure.memoria-chart svg")
    # One chart per measure at least two editions have; 2021's 70 panelists and 2022's
    # 25 moderators (each reported by one edition only) get none.
    assert [charts.nth(i).get_attribute("id") for i in range(charts.count())] == [
        "grafica-comparativo-sessions",
        "grafica-comparativo-organisations",
        "grafica-comparativo-venues",
        "grafica-comparativo-co-conveners-reportado",
    ]
    # The region holding the table is reachable with the keyboard and named by its caption.
    region = page.locator("div.table-scroll[role=region]").first
    assert (region.get_attribute("tabindex"), region.get_attribute("aria-labelledby")) == (
        "0",
        "compare-caption",
    )
    response = page.request.get(f"{live_server.url}/ediciones/2021/memoria.pdf")
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    (tmp_path / "memoria-2021.pdf").write_bytes(response.body())
    context.close()
