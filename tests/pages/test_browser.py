"""In a real browser, one page: a coordinator writes the home page's welcome block in Dutch and
French at 360 px, previews it, publishes it; a French visitor then sees the French text on the
home page at once. axe-core checks the editor (with its preview) and the home page; the editor is
photographed at 360 px and on a desktop for the README (docs/img/)."""

import shutil
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"


def test_a_coordinator_writes_the_welcome_in_dutch_and_french_and_a_french_visitor_reads_it(
    browser, live_server, coordinator
):
    from django.utils import timezone

    from huis.pages.services import NewsTexts, news_save

    news_save(
        item=None,
        texts=NewsTexts(
            title_nl="Nieuws uit de tuin",
            title_fr="Les nouvelles au jardin",
            body_nl="## De tuin\n\nDe tuin is open. [Kom langs](/contact/).",
            date=timezone.localdate(),
        ),
        publish=True,
        actor=coordinator,
    )
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, coordinator)
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + "/beheer/paginas/")
    page.get_by_role("link", name="Startpagina: welkom").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Startpagina: welkom"
    page.get_by_label("Tekst in het Nederlands").fill(
        "Iedereen is welkom. **Kom gewoon binnen**, de koffie staat klaar."
    )
    page.get_by_label("Tekst in het Frans").fill(
        "Tout le monde est le bienvenu. **Entre simplement**, le café est prêt."
    )
    page.get_by_role("button", name="Voorbeeld").click()
    preview = page.locator(".editor-preview")
    assert "Er is nog niets bewaard." in preview.inner_text()
    assert preview.locator('[lang="fr"] strong').inner_text() == "Entre simplement"
    # English not written: the preview shows the Dutch, marked as Dutch.
    assert preview.locator(".preview-body[lang=nl]").count() == 2
    assert _axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "pages-editor")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "pages-editor")
    page.set_viewport_size(PHONE)

    page.get_by_role("button", name="Bewaren en publiceren").click()
    assert "Bezoekers zien de nieuwe tekst nu." in page.locator(".messages").inner_text()
    # The other staff pages, with axe: the list and the versions.
    for path in ("/beheer/paginas/", "/beheer/paginas/home-welcome/versies/"):
        page.goto(live_server.url + path)
        assert _axe_violations(page) == [], path

    # The same page, now as a French visitor (logged out): the home page shows it at once.
    context.clear_cookies()
    context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.goto(live_server.url + "/")
    welcome = page.locator(".welcome .page-block")
    assert "Tout le monde est le bienvenu." in welcome.inner_text()
    assert welcome.get_attribute("lang") is None  # French, not marked as Dutch
    assert _axe_violations(page) == []
    # The public news pages and "about": a text only in Dutch is marked as Dutch.
    page.get_by_role("link", name="Les nouvelles au jardin").click()
    assert page.locator("h1").inner_text() == "Les nouvelles au jardin"
    assert page.locator(".news-body").get_attribute("lang") == "nl"
    assert _axe_violations(page) == []
    for path in ("/nieuws/", "/over-het-huis/"):
        page.goto(live_server.url + path)
        assert _axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()

    IMAGES.mkdir(exist_ok=True)
    for width, name in ((PHONE["width"], "phone"), (DESKTOP["width"], "desktop")):
        shutil.copy(
            screenshot.__globals__["ARTIFACTS"] / f"pages-editor-{width}.png",
            IMAGES / f"pages-editor-{name}.png",
        )
