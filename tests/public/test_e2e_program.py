"""Browser tests of the public program in headless Debian Chromium."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_program_filter_by_type_and_follow_a_session_link(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/ediciones/2021/programa/")
    assert page.locator(".session-card").count() == 17
    parallel = page.locator("li.slot", has=page.locator("text=S0103"))
    assert parallel.locator(".session-card .code").all_inner_texts() == ["S0103", "S0104", "S0105"]

    page.get_by_label("Tipo de sesión").select_option("taller")
    page.get_by_role("button", name="Filtrar").click()
    page.wait_for_url(lambda url: "tipo=taller" in url)
    assert page.locator(".session-card .code").all_inner_texts() == ["S0202", "S0203", "S0204"]

    page.get_by_role("link", name="Abrir datos con perspectiva de género").click()
    page.wait_for_url("**/ediciones/2021/sesiones/S0203/")
    assert page.locator("h1").inner_text() == "Abrir datos con perspectiva de género"
    assert "miércoles 12 de mayo de 2021" in page.locator(".facts").inner_text()


def test_program_side_by_side_on_desktop_and_stacked_on_phone(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/ediciones/2021/programa/")
    cards = page.locator("li.slot", has=page.locator("text=S0103")).locator(".session-card")
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]  # one row, side by side
    page.set_viewport_size({"width": 375, "height": 800})
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked on a phone


def test_language_switch_to_english_and_back(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/ediciones/2021/programa/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/ediciones/2021/programa/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Programme"
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/ediciones/2021/programa/")
    assert page.locator("h1").inner_text() == "Programa"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_content(load_demo, live_server, page):
    load_demo(with_demo_users=False)
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Saltar al contenido"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenido"
