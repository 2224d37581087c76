"""Browser test: a citizen comments on a passage and supports another's comment; a moderator
hides a comment and the public reason is visible. Headless Debian Chromium."""

import pytest
from allauth.account.models import EmailAddress

from datacon.consultation.models import Comment, Support
from tests.consultation.factories import ConsultationFactory, comment, verified_user
from tests.factories import organiser_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "clave-de-prueba-123"  # tests.factories.UserFactory's password


def _sign_in(page, base, email, next_path):  # type: ignore[no-untyped-def]
    page.goto(f"{base}/cuentas/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(f"**{next_path}")


def test_citizen_comments_on_a_passage_and_supports_and_moderator_hides_with_reason(
    live_server, page, browser
):
    consultation = ConsultationFactory()
    other = comment(consultation, number=2, body="Comentario de otra persona sobre los principios.")
    citizen = verified_user()
    base = live_server.url

    _sign_in(page, base, citizen.email, f"/consultas/{consultation.slug}/")
    page.get_by_role("link", name="Comentar el párrafo 1 · 0 comentarios").click()
    page.get_by_role("link", name="Unirme a la consulta").click()
    page.get_by_label("Nombre que se mostrará junto a sus comentarios").fill("Vecina de Oaxaca")
    page.get_by_label("He leído y acepto las reglas de participación de esta consulta.").check()
    page.get_by_role("button", name="Unirme y empezar a comentar").click()
    page.wait_for_url("**/parrafos/p-2/")

    # Select a passage of the paragraph, as a reader would with the mouse.
    page.evaluate(
        """() => {
            const box = document.querySelector('#paragraph-text p');
            const text = box.firstChild;
            const start = text.textContent.indexOf('objetivo');
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + 'objetivo'.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            box.closest('#paragraph-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    page.locator("[data-quote-box]").wait_for(state="visible")
    assert page.locator("[data-quote-preview]").inner_text() == "objetivo"
    page.get_by_label("Su comentario").fill("El objetivo debería decir qué datos se abren primero.")
    page.get_by_role("button", name="Publicar comentario").click()
    page.wait_for_url("**/comentarios/*/#c*")
    mine = Comment.objects.get(participant__user=citizen)
    assert (mine.quote, mine.quote_start) == (
        "objetivo",
        mine.paragraph.plain_text.index("objetivo"),
    )
    assert page.locator(f"#c{mine.pk} .comment-author").inner_text() == "Vecina de Oaxaca"
    assert page.locator(f"#c{mine.pk} .comment-quote").inner_text().endswith("«objetivo»")

    page.goto(f"{base}{other.get_absolute_url()}")
    page.locator(f"#c{other.pk}").get_by_role("button", name="Apoyar").click()
    page.wait_for_url(f"**/comentarios/{other.pk}/#c{other.pk}")
    assert page.locator(f"#c{other.pk} .support-count").inner_text() == "1 apoyo"
    assert Support.objects.filter(comment=other, participant__user=citizen).count() == 1

    moderator = organiser_user()
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    context = browser.new_context(locale="es-MX", viewport={"width": 1280, "height": 900})
    staff = context.new_page()
    queue = f"/gestion/consultas/{consultation.pk}/moderacion/"
    _sign_in(staff, base, moderator.email, queue)
    staff.get_by_role("link", name="Todos, recientes primero").click()
    item = staff.locator(f"#c{other.pk}")
    item.get_by_label("Motivo público").fill("Datos personales de un tercero (regla 4).")
    item.get_by_role("button", name="Ocultar").click()
    staff.wait_for_load_state()
    assert "Comentario ocultado" in staff.locator(".messages").inner_text()
    context.close()

    page.goto(f"{base}{other.get_absolute_url()}")
    assert (
        page.locator(f"#c{other.pk} .comment-hidden").inner_text()
        == "Comentario ocultado por moderación: Datos personales de un tercero (regla 4)."
    )
    assert page.locator("text=Comentario de otra persona sobre los principios.").count() == 0
    assert (
        "Datos personales de un tercero (regla 4)."
        in page.locator("#moderation-title + ul").inner_text()
    )


def test_draft_page_offers_to_comment_a_selected_passage(live_server, page):
    consultation = ConsultationFactory()
    page.goto(f"{live_server.url}/consultas/{consultation.slug}/")
    page.evaluate(
        """() => {
            const box = document.querySelector('#p-3 .para-text');
            const text = box.querySelector('p').firstChild;
            const start = text.textContent.indexOf('transparencia');
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + 'transparencia'.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }"""
    )
    link = page.get_by_role("link", name="Comentar el fragmento seleccionado")
    link.wait_for()
    href = link.get_attribute("href")
    assert "/parrafos/p-3/?fragmento=transparencia&desde=" in href


def test_phone_width_keeps_the_draft_readable(live_server, page):
    consultation = ConsultationFactory()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/consultas/{consultation.slug}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
