"""In a real browser, on a 360 px phone and on a desktop: a worker prepares an application with a
family, the coordinator puts it on the agenda of a committee meeting, a committee member records
the decision, and the worker starts the trajectory. No JavaScript of ours is needed; nothing
loads from another host."""

from urllib.parse import urlparse

import pytest

from huis.notifications.models import Notification
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import _login
from trajecten.models import Application, Trajectory

from .factories import ConsentFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open(browser, live_server, user, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-BE")
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    foreign: list[str] = []
    host = urlparse(live_server.url).hostname

    def record(request):
        other = urlparse(request.url).hostname
        if other and other not in {host, "localhost", "127.0.0.1"}:
            foreign.append(request.url)

    page.on("request", record)
    return context, page, foreign


def _fits(page, viewport) -> None:
    if viewport is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_application_goes_through_the_committee_to_a_started_trajectory(
    browser,
    live_server,
    viewport,
    programme,
    committee,
    partner_a,
    partner_b,
    coordinator,
    organisation_a,
):
    ConsentFactory(person__organisation=organisation_a, person__alias="Mama Dina")
    width = viewport["width"]

    # 1. The worker prepares the application with the family and submits it.
    context, page, foreign = _open(browser, live_server, partner_a, viewport)
    page.goto(live_server.url + "/trajecten/")
    page.get_by_role("link", name="Een aanvraag voorbereiden").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Een aanvraag voorbereiden"
    assert page.get_by_text("Geen diagnose").is_visible()
    page.get_by_label("Toestemming van het gezin").select_option(index=1)
    page.get_by_label("hoe de commissie het gezin noemt").fill("Gezin D.")
    page.get_by_label("waar ze nu wonen").select_option(label="In een auto of caravan")
    page.get_by_label("hun verhaal, in hun eigen woorden").fill(
        "We slapen al een jaar in de auto met de kinderen."
    )
    page.get_by_label("wat het gezin vraagt").fill("Een huis dicht bij de school.")
    page.get_by_label("kinderen die bij hen wonen").fill("2")
    _fits(page, viewport)
    page.get_by_role("button", name="Opslaan").click()
    assert "Opgeslagen" in page.locator(".messages").inner_text()
    history = page.locator("#woonhistoriek").locator("..")
    history.locator("input[name=started_on]").fill("2025-01-01")
    history.locator("select[name=situation]").select_option(label="In een auto of caravan")
    page.get_by_role("button", name="Toevoegen aan de historiek").click()
    assert "In een auto of caravan" in page.locator(".tr-timeline").inner_text()
    screenshot(page, "trajecten-application")
    page.get_by_role("button", name="Indienen bij de commissie").click()
    assert "Ingediend" in page.locator(".messages").inner_text()
    _fits(page, viewport)
    assert foreign == []
    context.close()
    application = Application.objects.get(family_label="Gezin D.")
    assert application.status == "submitted"

    # 2. The coordinator plans a meeting and puts the application on the agenda.
    context, page, foreign = _open(browser, live_server, coordinator, viewport)
    page.goto(live_server.url + "/trajecten/commissie/nieuw/")
    page.get_by_label("Datum en uur").fill("2030-03-04T14:00")
    page.get_by_label("Plaats").fill("Zaal De Kamer")
    page.get_by_role("button", name="Plannen").click()
    page.locator("select[name=application]").select_option(
        label=f"Gezin D. ({organisation_a.name})"
    )
    page.get_by_role("button", name="Op de agenda zetten").click()
    assert "De aanvraag staat op de agenda." in page.locator(".messages").inner_text()
    meeting_url = page.url
    _fits(page, viewport)
    context.close()

    # 3. A committee member reads it and records the decision with the reasons.
    context, page, foreign = _open(browser, live_server, partner_b, viewport)
    page.goto(meeting_url)
    page.get_by_role("link", name="Gezin D.", exact=True).click()
    assert "We slapen al een jaar in de auto" in page.locator("main").inner_text()
    page.go_back()
    page.get_by_role("link", name="Beslissing noteren voor Gezin D.").click()
    page.get_by_label("Opgenomen", exact=True).check()
    page.get_by_label("Redenen").fill("Het gezin past bij de criteria: lang zonder woning.")
    screenshot(page, "trajecten-decision")
    page.get_by_role("button", name="De beslissing noteren").click()
    assert "De beslissing is genoteerd" in page.locator(".messages").inner_text()
    _fits(page, viewport)
    # After the decision the member sees the summary, not the family's story.
    page.get_by_role("link", name="Gezin D.", exact=True).click()
    assert "Het gezin past bij de criteria" in page.locator("main").inner_text()
    assert "We slapen al een jaar in de auto" not in page.locator("main").inner_text()
    assert foreign == []
    context.close()
    assert Notification.objects.filter(recipient=partner_a, kind="trajecten_decision").exists()

    # 4. The worker starts the trajectory: the guidance agreement with lead and partners.
    context, page, foreign = _open(browser, live_server, partner_a, viewport)
    page.goto(live_server.url + application.get_absolute_url())
    assert "Opgenomen" in page.locator("main").inner_text()
    page.get_by_role("link", name="Start het traject").click()
    page.get_by_label(partner_b.organisations.first().name).check()
    page.get_by_role("button", name="Start het traject").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Traject: Gezin D."
    assert organisation_a.name in page.locator("section", has_text="Hoofdpartner").inner_text()
    _fits(page, viewport)
    screenshot(page, f"trajecten-trajectory-{width}")
    assert foreign == []
    context.close()
    trajectory = Trajectory.objects.get()
    assert trajectory.agreement.lead_organisation == organisation_a
    assert list(trajectory.agreement.partners.all()) == [partner_b.organisations.first()]
