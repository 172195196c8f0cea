"""axe-core on the pages of vrijwilligers with the demo's data, as the public (the page to become
a volunteer), a volunteer and a coordinator, on a phone and a desktop, in Dutch, French and
English: no WCAG 2.2 A/AA violation, and nothing wider than a 360 px phone."""

import pytest

from huis.accounts.models import User
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import _axe_violations, _login
from tests.browser.test_accessibility import demo_house as demo_house  # the shared fixture
from vrijwilligers.models import Application, Shift, ShiftHours, Volunteer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pages(who: str) -> list[str]:
    if who == "public":
        return ["/vrijwilligers/word-vrijwilliger/", "/vrijwilligers/word-vrijwilliger/bedankt/"]
    shift = Shift.objects.filter(status="planned").order_by("starts_at").first()
    if who == "vrijwilliger@huis.example":
        return [
            "/vrijwilligers/mijn/",
            "/vrijwilligers/mijn/uren/",
            f"/vrijwilligers/diensten/{shift.pk}/",
        ]
    volunteer = Volunteer.objects.filter(user__email="vrijwilliger@huis.example").get()
    application = Application.objects.filter(status="new").first()
    hours = ShiftHours.objects.filter(status="reported").first()
    return [
        "/vrijwilligers/planning/week/",
        "/vrijwilligers/planning/maand/",
        "/vrijwilligers/",
        "/vrijwilligers/diensten/nieuw/",
        "/vrijwilligers/diensten/wekelijks/",
        f"/vrijwilligers/diensten/{shift.pk}/",
        f"/vrijwilligers/diensten/{shift.pk}/wijzigen/",
        f"/vrijwilligers/aanmeldingen/{application.pk}/",
        f"/vrijwilligers/profielen/{volunteer.pk}/",
        "/vrijwilligers/uren/",
        f"/vrijwilligers/uren/{hours.pk}/bevestigen/",
        "/vrijwilligers/cijfers/",
    ]


@pytest.mark.parametrize("who", ["public", "vrijwilliger@huis.example", "coordinator@huis.example"])
def test_volunteer_pages_have_no_accessibility_violations(browser, live_server, demo_house, who):
    user = None if who == "public" else User.objects.get(email=who)
    paths = _pages(who)
    problems = {}
    for language in ("nl", "fr", "en"):
        for viewport in (PHONE, DESKTOP):
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            if user is not None:
                _login(context, live_server, user)
            page = context.new_page()
            for path in paths:
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                violations = _axe_violations(page)
                if violations:
                    problems[f"{language} {viewport['width']}px {path}"] = violations
                if viewport is PHONE:
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE["width"]:
                        problems[f"{language} {path}"] = f"{width}px wide on a phone"
            context.close()
    for key, value in problems.items():
        print(key, value)
    assert problems == {}
