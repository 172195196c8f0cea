"""axe-core on the network's pages with the demo's data, in Dutch, French and English, on a 360 px
phone and on a desktop: no violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules, and on the
phone no page wider than the screen.

- Public: the welcoming places (list, a filtered list, a place's page, the map).
- A partner worker (Yusuf, Buurtwerk De Brug, who still has to sign version 2 of the charter):
  the network's start page with the sign banner, the referral form (empty and refused), the inbox
  and the sent list, referrals he sent (open, declined, consent withdrawn), a referral he received
  with its answer buttons and the decline form, a person's page, the network, the charter, the
  guidance lists and a guidance, the welcoming places he keeps up to date.
- A coordinator: all referrals, guidance without a lead and its handover, publishing a charter,
  recording that an organisation leaves.
"""

import pytest

from huis.accounts.models import Organisation, User
from netwerk.models import GuidanceAgreement, Referral, WelcomingPlace
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import _axe_violations, _login
from tests.browser.test_accessibility import demo_house as demo_house  # the shared fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ("nl", "fr", "en")


def _public_pages() -> list[str]:
    place = WelcomingPlace.objects.filter(is_published=True).order_by("name").first()
    return [
        "/gastvrije-plekken/",
        f"/gastvrije-plekken/?wat={place.kind}&waar={place.municipality}&rolstoel=1",
        "/gastvrije-plekken/?zoek=niets-dat-bestaat",
        place.get_absolute_url(),
        "/gastvrije-plekken/kaart/",
    ]


def _partner_pages(user: User) -> list[str]:
    brug = Organisation.objects.get(slug="buurtwerk-de-brug")
    sent = Referral.objects.filter(from_organisation=brug)
    open_one = sent.get(person__alias="Mila")
    declined = sent.get(status=Referral.Status.DECLINED)
    withdrawn = sent.get(person__alias="Bart")
    received = Referral.objects.get(to_organisation=brug, status=Referral.Status.SENT)
    guidance = GuidanceAgreement.objects.filter(partners=brug).first()
    place = WelcomingPlace.objects.filter(partner=brug).first()
    return [
        "/netwerk/",
        "/netwerk/doorverwijzingen/nieuw/",
        "/netwerk/doorverwijzingen/",
        "/netwerk/doorverwijzingen/?lijst=out",
        open_one.get_absolute_url(),
        declined.get_absolute_url(),
        withdrawn.get_absolute_url(),
        received.get_absolute_url(),
        f"/netwerk/doorverwijzingen/{received.pk}/weigeren/",
        f"/netwerk/personen/{open_one.person_id}/",
        "/netwerk/partners/",
        "/netwerk/charter/",
        "/netwerk/charter/v1/",
        "/netwerk/begeleidingen/",
        guidance.get_absolute_url(),
        "/netwerk/plekken/",
        "/netwerk/plekken/nieuw/",
        f"/netwerk/plekken/{place.pk}/wijzigen/",
    ]


def _coordinator_pages(user: User) -> list[str]:
    without_lead = GuidanceAgreement.objects.filter(lead_organisation__isnull=True).first()
    partner = Organisation.objects.get(slug="buurtwerk-de-brug")
    return [
        "/netwerk/",
        "/netwerk/doorverwijzingen/?lijst=all",
        "/netwerk/begeleidingen/zonder-trekker/",
        without_lead.get_absolute_url(),
        f"/netwerk/begeleidingen/{without_lead.pk}/overdracht/",
        "/netwerk/charter/nieuw/",
        f"/netwerk/partners/{partner.pk}/uittreden/",
    ]


def _reflow(page, viewport) -> list[str]:
    """WCAG 1.4.10, which axe does not test: at 360 px nothing makes the page scroll sideways."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if viewport == PHONE and width > PHONE["width"]:
        return [f"reflow: the page is {width} px wide on a {PHONE['width']} px screen"]
    return []


def _check(browser, live_server, paths, user=None, refused_form=None) -> tuple[int, dict]:
    """Every path in every language at both sizes; `refused_form` is also sent empty once per
    language and size, so the error messages are checked too."""
    checked, problems = 0, {}
    for language in LANGUAGES:
        for viewport in (PHONE, DESKTOP):
            # The test injects axe itself; the portal's own CSP stays strict for real visitors.
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            if user is not None:
                _login(context, live_server, user)
            page = context.new_page()
            page.set_default_timeout(15_000)
            for path in paths:
                response = page.goto(live_server.url + path)
                assert response.status == 200, f"{language} {path}: {response.status}"
                checked += 1
                violations = _axe_violations(page) + _reflow(page, viewport)
                if violations:
                    problems[f"{language} {viewport['width']}px {path}"] = violations
            if refused_form:
                page.goto(live_server.url + refused_form)
                page.locator("main form[method=post] button[type=submit]").last.click()
                page.wait_for_load_state()
                assert page.locator("main .invalid-feedback, main .errorlist").count() > 0
                checked += 1
                if violations := _axe_violations(page):
                    problems[f"{language} {viewport['width']}px {refused_form} (refused)"] = (
                        violations
                    )
            context.close()
    return checked, problems


def test_public_welcoming_places_have_no_accessibility_violations(browser, live_server, demo_house):
    checked, problems = _check(browser, live_server, _public_pages())
    print(f"axe: {checked} public network page views checked, {len(problems)} with violations")
    assert checked == 5 * len(LANGUAGES) * 2
    assert problems == {}


def test_partner_pages_have_no_accessibility_violations(browser, live_server, demo_house):
    user = User.objects.get(email="partner@huis.example")
    paths = _partner_pages(user)
    checked, problems = _check(
        browser, live_server, paths, user, refused_form="/netwerk/doorverwijzingen/nieuw/"
    )
    print(f"axe: {checked} partner network page views checked, {len(problems)} with violations")
    assert checked == (len(paths) + 1) * len(LANGUAGES) * 2
    assert problems == {}


def test_coordinator_pages_have_no_accessibility_violations(browser, live_server, demo_house):
    user = User.objects.get(email="coordinator@huis.example")
    paths = _coordinator_pages(user)
    checked, problems = _check(browser, live_server, paths, user)
    print(f"axe: {checked} coordinator network page views checked, {len(problems)} with violations")
    assert checked == len(paths) * len(LANGUAGES) * 2
    assert problems == {}


def test_learning_group_pages_have_no_accessibility_violations(browser, live_server, demo_house):
    """Partners learn together: Yusuf leads the demo's intervision group (its list, the group,
    a coming session and an earlier one with minutes, and the forms he fills in); the
    coordinator makes a group."""
    from netwerk.models import LearningGroup

    group = LearningGroup.objects.get(name="Intervisie outreach")
    coming = group.sessions.filter(offering__isnull=False).get()
    earlier = group.sessions.filter(offering__isnull=True).get()
    yusuf = User.objects.get(email="partner@huis.example")
    paths = [
        "/netwerk/leren/",
        group.get_absolute_url(),
        coming.get_absolute_url(),
        earlier.get_absolute_url(),
        f"/netwerk/leren/{group.pk}/wijzigen/",
        f"/netwerk/leren/sessies/{coming.pk}/verplaatsen/",
        f"/netwerk/leren/sessies/{coming.pk}/afgelasten/",
        f"/netwerk/leren/sessies/{coming.pk}/agenda-verslag/",
    ]
    checked, problems = _check(
        browser, live_server, paths, yusuf, refused_form=f"/netwerk/leren/{group.pk}/sessie/"
    )
    coordinator = User.objects.get(email="coordinator@huis.example")
    more, more_problems = _check(browser, live_server, ["/netwerk/leren/nieuw/"], coordinator)
    print(f"axe: {checked + more} learning group page views checked")
    assert checked == (len(paths) + 1) * len(LANGUAGES) * 2
    assert {**problems, **more_problems} == {}
