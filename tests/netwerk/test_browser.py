"""A warm referral in a real browser, at 360 px phone size and at desktop size, in Dutch:

a worker of partner A records a person's question with their explicit consent and refers them to
partner B; a worker of B finds the referral in the inbox, opens it and accepts it; the sender then
sees "accepted". A worker of a third partner who types the referral's address gets 404.

The labels the test looks for are the ones a person reads on the screen: the Dutch translation of
each interface text, looked up through the app's own catalog (so the test reads what the page shows
while the catalog is being filled, and after). Nothing loads from another host.
"""

from urllib.parse import urlparse

import pytest
from django.utils import translation

from huis.accounts.roles import Role
from huis.audit.models import AuditEntry
from netwerk.models import Consent, Referral
from netwerk.models.people import ShareItem
from netwerk.services import REFERRAL_VIEWED
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _login
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONSENT_LABEL = (
    "The person agrees that this is shared with the chosen organisation. I read the "
    "consent text to them and they know they can withdraw it at any time."
)


def nl(text) -> str:
    """What a Dutch-speaking person reads for this interface text."""
    with translation.override("nl"):
        return str(translation.gettext(text) if isinstance(text, str) else text)


def _open(browser, live_server, viewport, user):
    """A logged-in browser for `user` in Dutch; every request to another host is recorded."""
    context = browser.new_context(viewport=viewport, locale="nl-BE")
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    host = urlparse(live_server.url).hostname
    foreign: list[str] = []

    def record(request):
        other = urlparse(request.url).hostname
        if other and other not in {host, "localhost", "127.0.0.1"}:
            foreign.append(request.url)

    page.on("request", record)
    return context, page, foreign


def _fits_the_screen(page, viewport) -> None:
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_worker_refers_a_person_and_the_receiving_partner_accepts(
    page, browser, viewport, live_server, partner_a, partner_b, organisation_a, organisation_b
):
    # 1. Pia (partner A) records Mila's question, with Mila's consent, for partner B.
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(page.context, live_server, partner_a)
    page.goto(live_server.url + "/netwerk/")
    page.get_by_role("link", name=nl("Refer a person")).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == nl("Refer a person")
    _fits_the_screen(page, viewport)

    page.get_by_label(nl("Name or alias")).fill("Mila")
    page.get_by_label(nl("How to reach them (optional)")).fill("0470 12 34 56")
    page.get_by_label(nl("The person's question")).fill("Zoekt een plek om te wonen.")
    page.get_by_label(nl("What the partner needs to know to help")).fill(
        "Woont nu tijdelijk bij een vriend."
    )
    page.get_by_label(nl("Refer to")).select_option(label="Partner B")
    page.get_by_role("checkbox", name=nl(ShareItem.CONTACT.label), exact=True).check()
    assert page.get_by_role("checkbox", name=nl(ShareItem.QUESTION.label)).is_checked()
    # Without the explicit consent nothing is sent: the form says why, next to the checkbox.
    send = page.get_by_role("button", name=nl("Send the referral"))
    send.click()
    consent_field = page.locator(".form-field", has=page.locator("input[name=consent_given]"))
    refused = nl("Ask the person for their consent first. Without it, nothing is shared.")
    assert refused in consent_field.inner_text()
    assert not Referral.objects.exists()
    assert page.get_by_label(nl("Name or alias")).input_value() == "Mila"  # nothing is lost
    page.get_by_role("checkbox", name=nl(CONSENT_LABEL)).check()
    screenshot(page, "netwerk-doorverwijzen")
    send.click()

    referral = Referral.objects.get()
    assert page.url.endswith(referral.get_absolute_url())
    assert referral.from_organisation == organisation_a
    assert referral.to_organisation == organisation_b
    consent = Consent.objects.get()
    assert consent.recorded_by == partner_a
    assert set(consent.items) == {ShareItem.CONTACT, ShareItem.QUESTION}
    assert list(consent.organisations.all()) == [organisation_b]
    assert "Partner B" in page.locator(".messages").inner_text()
    assert _current_status(page) == nl(Referral.Status.SENT.label)
    _fits_the_screen(page, viewport)
    screenshot(page, "netwerk-doorverwezen")

    # 2. Piet (partner B) finds it in the inbox, opens it and accepts it.
    context_b, page_b, foreign_b = _open(browser, live_server, viewport, partner_b)
    page_b.goto(live_server.url + "/netwerk/")
    page_b.get_by_role("link", name=nl("Referrals"), exact=True).first.click()
    inbox = page_b.locator(".work-list")
    assert "Partner A" in inbox.inner_text()
    _fits_the_screen(page_b, viewport)
    screenshot(page_b, "netwerk-inbox")
    page_b.get_by_role("link", name="Mila").click()
    assert page_b.get_by_role("heading", level=1).inner_text() == nl("Referral of %(name)s") % {
        "name": "Mila"
    }
    person = page_b.get_by_role("region", name=nl("The person and their question"))
    assert "Zoekt een plek om te wonen." in person.inner_text()
    assert "0470 12 34 56" in person.inner_text()  # Mila allowed her contact to be shared
    assert AuditEntry.objects.filter(
        action=REFERRAL_VIEWED, actor=partner_b, object_id=str(referral.pk)
    ).exists()
    _fits_the_screen(page_b, viewport)
    screenshot(page_b, "netwerk-doorverwijzing-ontvangen")
    page_b.get_by_role("button", name=nl("Accept"), exact=True).click()
    page_b.wait_for_load_state()
    assert nl("Accepted. The sender sees it.") in page_b.locator(".messages").inner_text()
    assert _current_status(page_b) == nl(Referral.Status.ACCEPTED.label)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    context_b.close()
    assert foreign_b == []

    # 3. Pia follows it: in her sent list and on the referral's page it says "accepted".
    page.goto(live_server.url + "/netwerk/doorverwijzingen/?lijst=out")
    card = page.locator(".work-card", has=page.get_by_role("link", name="Mila"))
    assert nl(Referral.Status.ACCEPTED.label) in card.locator(".work-badge").inner_text()
    _fits_the_screen(page, viewport)
    screenshot(page, "netwerk-verstuurd-aanvaard")
    card.get_by_role("link", name="Mila").click()
    assert _current_status(page) == nl(Referral.Status.ACCEPTED.label)
    history = page.get_by_role("region", name=nl("History")).inner_text()
    assert "Partner B" in history and nl(Referral.Status.ACCEPTED.label) in history

    # 4. A worker of a third partner does not learn the referral exists.
    third = OrganisationFactory(name="Partner C", slug="partner-c")
    outsider = UserFactory(display_name="Cas", roles=[Role.PARTNER_WORKER])
    MembershipFactory(user=outsider, organisation=third)
    context_c, page_c, foreign_c = _open(browser, live_server, viewport, outsider)
    response = page_c.goto(live_server.url + referral.get_absolute_url())
    assert response.status == 404
    assert "Mila" not in page_c.content()
    screenshot(page_c, "netwerk-doorverwijzing-buitenstaander")
    page_c.goto(live_server.url + "/netwerk/doorverwijzingen/?lijst=in")
    assert "Mila" not in page_c.content()
    assert "Partner A" not in page_c.locator("main").inner_text()
    context_c.close()
    assert foreign_c == []


def _current_status(page) -> str:
    return page.locator(".nw-steps [aria-current=step]").inner_text().strip()


def test_the_map_of_welcoming_places_keeps_every_place_reachable(
    page, viewport, live_server, partner_a
):
    """The map is an extra beside the list: Leaflet from our own server, no tiles from anywhere
    (MAP_TILE_URL is empty), and places that would lie on top of each other share one marker
    whose popup lists them all, so no marker covers another."""
    from decimal import Decimal

    from netwerk import services
    from netwerk.models import WelcomingPlace

    spots = [
        ("Taalcafé Babbel", "51.0540", "3.7220"),
        ("Petanqueclub De Boule", "51.0541", "3.7221"),  # next door
        ("Moestuin Bloei", "51.0700", "3.7500"),
        ("Koor Samen", None, None),  # not on the map, still in the list
    ]
    for name, lat, lng in spots:
        place = services.place_create(
            actor=partner_a,
            details=services.PlaceDetails(
                name=name,
                kind="meeting",
                offer="Iedereen welkom.",
                address="Kouter 1",
                municipality="Gent",
                when="Elke woensdag",
                latitude=Decimal(lat) if lat else None,
                longitude=Decimal(lng) if lng else None,
            ),
        )
        WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)

    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    page.goto(live_server.url + "/gastvrije-plekken/kaart/")
    page.locator(".leaflet-marker-icon").first.wait_for()
    markers = page.locator(".leaflet-marker-icon")
    names = [markers.nth(i).get_attribute("title") for i in range(markers.count())]
    located = ["Taalcafé Babbel", "Petanqueclub De Boule", "Moestuin Bloei"]
    assert sorted(n for group in names for n in group.split(", ")) == sorted(located)
    boxes = [markers.nth(i).bounding_box() for i in range(markers.count())]
    for i, one in enumerate(boxes):
        assert one["width"] >= 24 and one["height"] >= 24
        for other in boxes[i + 1 :]:
            apart_x = (
                one["x"] + one["width"] <= other["x"] or other["x"] + other["width"] <= one["x"]
            )
            apart_y = (
                one["y"] + one["height"] <= other["y"] or other["y"] + other["height"] <= one["y"]
            )
            assert apart_x or apart_y, "two markers lie on top of each other"
    assert "Koor Samen" in page.get_by_role("main").inner_text()  # the list under the map
    _fits_the_screen(page, viewport)
    screenshot(page, "netwerk-kaart")

    # The shared marker opens, by keyboard, a popup with a link to each of its places.
    shared = page.locator(".leaflet-marker-icon[title*='Taalcafé Babbel']")
    shared.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert {"Taalcafé Babbel", "Petanqueclub De Boule"} <= set(
        popup.get_by_role("link").all_inner_texts()
    )
    popup.get_by_role("link", name="Petanqueclub De Boule").click()
    page.wait_for_url("**/gastvrije-plekken/petanqueclub-de-boule/")
    assert page.get_by_role("heading", level=1).inner_text() == "Petanqueclub De Boule"
