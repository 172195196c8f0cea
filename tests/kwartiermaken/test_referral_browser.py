"""One intake, carried along, in a real browser (Dutch, phone and desktop): a home visit starts a
referral to partner B; B accepts it and passes it on to partner C with the person's consent; C
reads the person's question, needs and what was tried, and nobody types them again. Partner D,
outside the chain, gets 404. axe finds no violation on the new pages."""

from urllib.parse import urlparse

import pytest
from django.utils import translation

from huis.accounts.roles import Role
from netwerk.models import Referral
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import _axe_violations, _login
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nl(text: str) -> str:
    with translation.override("nl"):
        return str(translation.gettext(text))


def _worker(organisation, name):
    user = UserFactory(display_name=name, roles=[Role.PARTNER_WORKER])
    MembershipFactory(user=user, organisation=organisation)
    return user


def _open(browser, live_server, viewport, user):
    # bypass_csp only so the test can inject axe-core; the portal's own policy stays strict.
    context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    host = urlparse(live_server.url).hostname
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in {host, "localhost", "127.0.0.1", None}
            else None
        ),
    )
    return context, page, foreign


def _checked(page, viewport) -> None:
    assert _axe_violations(page) == [], page.url
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_home_visit_starts_a_referral_that_is_passed_on_with_the_intake(
    browser, viewport, live_server, partner_a, partner_b, organisation_b, entry_a
):
    organisation_c = OrganisationFactory(name="Partner C", slug="partner-c")
    partner_c = _worker(organisation_c, "Chris")
    partner_d = _worker(OrganisationFactory(name="Partner D", slug="partner-d"), "Dirk")

    # 1. Pia (partner A) refers the person she met on her home visit, from the visit itself.
    context, page, foreign = _open(browser, live_server, viewport, partner_a)
    page.goto(live_server.url + entry_a.get_absolute_url())
    page.get_by_role("link", name=nl("Refer the person to a partner")).click()
    assert "Wonen" in page.locator("main").inner_text()  # the needs go along
    _checked(page, viewport)
    page.get_by_label(nl("Name or alias")).fill("Mila")
    page.get_by_label(nl("The person's question")).fill("Zoekt een betaalbare woning.")
    page.get_by_label(nl("What was already tried (optional)")).fill("Sociale huisvesting.")
    page.get_by_label(nl("Refer to")).select_option(label="Partner B")
    page.get_by_role("checkbox", name="Partner C", exact=True).check()
    page.get_by_role(
        "checkbox",
        name=nl(
            "The person agrees that the receiving organisation passes the referral on to "
            "these organisations, with what they told."
        ),
    ).check()
    page.locator("input[name=consent_given]").check()
    page.get_by_role("button", name=nl("Send the referral")).click()
    first = Referral.objects.get()
    assert page.url.endswith(first.get_absolute_url())
    assert (first.origin, first.needs) == ("outreach", ["Wonen"])
    page.goto(live_server.url + entry_a.get_absolute_url())
    page.get_by_role("link", name=nl("Referred to %(name)s") % {"name": "Partner B"}).click()
    assert page.url.endswith(first.get_absolute_url())
    context.close()
    assert foreign == []

    # 2. Piet (partner B) accepts it and passes it on to C.
    context, page, foreign = _open(browser, live_server, viewport, partner_b)
    page.goto(live_server.url + first.get_absolute_url())
    page.get_by_role("button", name=nl("Accept"), exact=True).click()
    page.get_by_role("link", name=nl("Pass on, with the intake")).click()
    _checked(page, viewport)
    page.get_by_label(nl("Pass on to")).select_option(label="Partner C")
    page.get_by_role("button", name=nl("Pass on"), exact=True).click()
    onward = Referral.objects.get(parent=first)
    assert "Partner C" in page.locator(".messages").inner_text()
    context.close()
    assert foreign == []

    # 3. Chris (partner C) finds it in the inbox and reads the intake: nobody asks again.
    context, page, foreign = _open(browser, live_server, viewport, partner_c)
    page.goto(live_server.url + "/netwerk/doorverwijzingen/")
    page.get_by_role("link", name="Mila").click()
    assert page.url.endswith(onward.get_absolute_url())
    person = page.get_by_role("region", name=nl("The person and their question")).inner_text()
    for text in ["Zoekt een betaalbare woning.", "Sociale huisvesting.", "Wonen"]:
        assert text in person
    chain = page.get_by_role("region", name=nl("The way of this question through the network"))
    assert "Partner A → Partner B" in chain.inner_text()
    _checked(page, viewport)
    context.close()
    assert foreign == []

    # 4. Dirk (partner D, outside the chain) does not learn it exists.
    context, page, _foreign = _open(browser, live_server, viewport, partner_d)
    for referral in (first, onward):
        assert page.goto(live_server.url + referral.get_absolute_url()).status == 404
    assert "Mila" not in page.content()
    context.close()
