"""Browser tests (headless Debian Chromium): an organiser builds a day of the program by
dragging sessions onto the grid, moves one from the keyboard, sees the warnings and
undoes the moves, on a desktop screen and on a phone."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from datacon.common.models import AuditEntry
from datacon.program.models import Session, SessionPlacement
from tests import factories
from tests.browser import signed_in_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _signed_in_page(browser, live_server, user, width):  # type: ignore[no-untyped-def]
    return signed_in_page(browser, live_server, user, width, height=900)


def _world():  # type: ignore[no-untyped-def]
    edition = factories.EditionFactory(title="DATACON Prueba")
    venue = factories.VenueFactory(
        edition=edition, name="Sede Centro", opens_at=dt.time(9, 0), closes_at=dt.time(18, 0)
    )
    room_a = factories.RoomFactory(venue=venue, name="Sala A", capacity=100)
    room_b = factories.RoomFactory(venue=venue, name="Sala B", capacity=100)
    panel = factories.SessionTypeFactory(edition=edition, name="Panel")
    beto = factories.PersonFactory(public_name="Beto Ponente", gender="man")
    ana = factories.PersonFactory(public_name="Ana Ponente", gender="woman")
    carlos = factories.PersonFactory(public_name="Carlos Ponente", gender="man")
    sessions = {}
    for title, people in (
        ("Primera", [beto, ana]),
        ("Segunda", [beto, carlos]),
        ("Tercera", [ana]),
    ):
        session = Session.objects.create(
            edition=edition, title=title, session_type=panel, status="draft"
        )
        for order, person in enumerate(people):
            factories.ParticipationFactory(
                session=session, person=person, order=order, role="panelist"
            )
        sessions[title] = session
    return edition, room_a, room_b, sessions


def _where(session):  # type: ignore[no-untyped-def]
    placement = SessionPlacement.objects.select_related("room").get(session=session)
    if placement.starts_at is None:
        return None
    local = placement.starts_at.astimezone(session.edition.tz)
    return (local.strftime("%H:%M"), placement.room.name)


def _slot(page, room, time):  # type: ignore[no-untyped-def]
    return page.locator(f'td[data-place="r{room.pk}"][data-time="{time}"]')


def _drag(page, source, target):  # type: ignore[no-untyped-def]
    """Drag with the mouse as a person does; the page may scroll between the two ends
    (Playwright's drag_to loses the drag when the target needs a scroll)."""
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + 6)
    page.mouse.down()
    page.mouse.move(box["x"] + 30, box["y"] + 16, steps=4)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + 6, steps=4)
    page.mouse.up()


@pytest.mark.parametrize("width", [1280, 390])
def test_drag_keyboard_warning_and_undo(live_server, browser, width):  # type: ignore[no-untyped-def]
    edition, room_a, room_b, sessions = _world()
    page = _signed_in_page(browser, live_server, factories.organiser_user(), width)
    page.goto(f"{live_server.url}/gestion/ediciones/{edition.slug}/programa/")
    status = page.locator("#builder-status")
    unplaced = page.locator("ul[data-unplace]")

    # Drag from the list onto a free slot: placed, and the dock says where.
    _drag(page, unplaced.locator("li", has_text="Primera"), _slot(page, room_a, "10:00"))
    expect(status).to_have_text("«Primera»: 10:00–11:00, Sala A (cambio sin publicar).")
    expect(_slot(page, room_a, "10:00").locator(".grid-card")).to_contain_text("Primera")
    expect(unplaced).not_to_contain_text("Primera")
    assert _where(sessions["Primera"]) == ("10:00", "Sala A")

    # A speaker in two rooms at once: placed, with the warning shown at once.
    _drag(page, unplaced.locator("li", has_text="Segunda"), _slot(page, room_b, "10:00"))
    expect(page.locator("#builder-warnings")).to_contain_text(
        "Beto Ponente estaría en dos lugares a la vez"
    )
    expect(page.locator("section.conflicts")).to_contain_text("Beto Ponente")
    expect(_slot(page, room_b, "10:00").locator(".grid-session.has-conflict")).to_be_visible()
    # The day's parity and the preview of the publication follow the moves.
    expect(page.locator("section.day-parity")).to_contain_text("Sin paridad")
    expect(page.locator("section.publish-preview li")).to_have_count(2)

    # Between slots: a room already taken is refused with the reason, nothing moves.
    _drag(page, _slot(page, room_b, "10:00").locator(".grid-card"), _slot(page, room_a, "10:00"))
    expect(status).to_contain_text("No se puede colocar aquí: La sala «Sala A» ya está ocupada")
    assert _where(sessions["Segunda"]) == ("10:00", "Sala B")
    expect(page.get_by_role("button", name="Mover «Segunda»")).to_be_focused()

    # The keyboard way: "Mover", arrows to a slot, Enter. Escape cancels first.
    mover = page.get_by_role("button", name="Mover «Tercera»")
    mover.focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Moviendo «Tercera»")
    page.keyboard.press("Escape")
    expect(status).to_have_text("Movimiento cancelado.")
    expect(mover).to_be_focused()
    page.keyboard.press("Space")
    focused = "document.activeElement.dataset.label"
    assert page.evaluate(focused) == "Sala A (Sede Centro), 09:00"
    page.keyboard.press("ArrowRight")
    for _ in range(5):  # 09:30, 10:00 (Segunda, one hour), 11:00, 11:30, 12:00
        page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == "Sala B (Sede Centro), 12:00"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Sala B (Sede Centro), 12:00 — libre"
    )
    page.keyboard.press("Enter")
    expect(status).to_have_text("«Tercera»: 12:00–13:00, Sala B (cambio sin publicar).")
    expect(page.get_by_role("button", name="Mover «Tercera»")).to_be_focused()
    assert _where(sessions["Tercera"]) == ("12:00", "Sala B")

    # Undo, twice: Tercera and then Segunda go back to the list; the warning goes.
    undo = page.get_by_role("button", name="Deshacer el último movimiento")
    undo.click()
    expect(status).to_contain_text("Movimiento deshecho.")
    expect(unplaced).to_contain_text("Tercera")
    assert _where(sessions["Tercera"]) is None
    undo.click()
    expect(unplaced).to_contain_text("Segunda")
    expect(page.locator("section.conflicts")).to_have_count(0)
    assert _where(sessions["Segunda"]) is None
    assert _where(sessions["Primera"]) == ("10:00", "Sala A")
    assert AuditEntry.objects.filter(action="schedule.undo").count() == 2

    # Nothing wider than the screen (the grid scrolls in its own box).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()


def _day_of(session):  # type: ignore[no-untyped-def]
    placement = SessionPlacement.objects.get(session=session)
    return placement.starts_at.astimezone(session.edition.tz).date()


def _carry_from_the_keyboard(page, title, day):  # type: ignore[no-untyped-def]
    """ "Mover" on the session, Enter on the other day's tab: that day opens with it in hand."""
    page.get_by_role("button", name=f"Mover «{title}»").focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name=f"Llevar «{title}» a {day}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#builder-status")).to_contain_text(f"«{title}» viene de otro día")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_session_goes_to_another_day_by_dragging_or_from_the_keyboard(  # type: ignore[no-untyped-def]
    live_server, browser, width
):
    edition, _room_a, room_b, sessions = _world()
    page = _signed_in_page(browser, live_server, factories.organiser_user(), width)
    page.goto(f"{live_server.url}/gestion/ediciones/{edition.slug}/programa/")
    status = page.locator("#builder-status")
    day_two = page.locator("a[data-day-target]", has_text="Día 2")

    # Dragged from the list onto the second day's tab: that day opens with it in hand,
    # and a tap on a slot places it there.
    _drag(page, page.locator("ul[data-unplace] li", has_text="Primera"), day_two)
    expect(page.locator(".day-tabs a[aria-current=page]")).to_contain_text("Día 2")
    expect(status).to_contain_text("«Primera» viene de otro día")
    _slot(page, room_b, "11:00").click()
    expect(status).to_have_text("«Primera»: 11:00–12:00, Sala B (cambio sin publicar).")
    assert (_where(sessions["Primera"]), _day_of(sessions["Primera"])) == (
        ("11:00", "Sala B"),
        edition.end_date,
    )

    # From the keyboard, back to day 1: "Mover", then the day's tab, then arrows and Enter.
    _carry_from_the_keyboard(page, "Primera", "Día 1")
    assert page.evaluate("document.activeElement.dataset.label") == "Sala A (Sede Centro), 09:00"
    page.keyboard.press("Enter")
    expect(status).to_have_text("«Primera»: 09:00–10:00, Sala A (cambio sin publicar).")
    assert (_where(sessions["Primera"]), _day_of(sessions["Primera"])) == (
        ("09:00", "Sala A"),
        edition.start_date,
    )

    # Escape on the new day leaves the session where it was.
    _carry_from_the_keyboard(page, "Primera", "Día 2")
    page.keyboard.press("Escape")
    expect(status).to_have_text("Movimiento cancelado.")
    expect(page.locator(".carried-card")).to_have_count(0)
    assert _day_of(sessions["Primera"]) == edition.start_date
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()


def _minutes(session):  # type: ignore[no-untyped-def]
    placement = SessionPlacement.objects.get(session=session)
    return int((placement.ends_at - placement.starts_at).total_seconds() // 60)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_session_is_made_longer_or_shorter_with_the_pointer_or_its_buttons(  # type: ignore[no-untyped-def]
    live_server, browser, width
):
    edition, room_a, _room_b, sessions = _world()
    page = _signed_in_page(browser, live_server, factories.organiser_user(), width)
    page.goto(f"{live_server.url}/gestion/ediciones/{edition.slug}/programa/")
    status = page.locator("#builder-status")
    _drag(
        page, page.locator("ul[data-unplace] li", has_text="Primera"), _slot(page, room_a, "10:00")
    )
    expect(status).to_have_text("«Primera»: 10:00–11:00, Sala A (cambio sin publicar).")

    # The bottom edge dragged down two rows: an hour longer, same start and room.
    handle = _slot(page, room_a, "10:00").locator("[data-resize-handle]")
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    row = page.evaluate("document.querySelector('.schedule-grid tbody tr').offsetHeight")
    page.mouse.move(box["x"] + 20, box["y"] + 3)
    page.mouse.down()
    page.mouse.move(box["x"] + 20, box["y"] + 3 + 2 * row, steps=6)
    page.mouse.up()
    expect(status).to_have_text("«Primera»: 10:00–12:00, Sala A (cambio sin publicar).")
    assert (_where(sessions["Primera"]), _minutes(sessions["Primera"])) == (
        ("10:00", "Sala A"),
        120,
    )

    # The keyboard way: the "−30′" button.
    page.get_by_role("button", name="Acortar «Primera» 30 minutos").focus()
    page.keyboard.press("Enter")
    expect(status).to_have_text("«Primera»: 10:00–11:30, Sala A (cambio sin publicar).")
    assert _minutes(sessions["Primera"]) == 90

    # Undone like any move.
    page.get_by_role("button", name="Deshacer el último movimiento").click()
    expect(status).to_contain_text("Movimiento deshecho.")
    assert _minutes(sessions["Primera"]) == 120
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.context.close()
