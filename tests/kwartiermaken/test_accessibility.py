"""axe-core on every page of kwartiermaken with the demo's data, as a partner worker and as a
coordinator, on a phone and a desktop, in Dutch and French: no WCAG 2.2 A/AA violation."""

import pytest

from huis.accounts.models import User
from kwartiermaken.models import OutreachEntry, PolicyRecommendation, Signal
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import _axe_violations, _login
from tests.browser.test_accessibility import demo_house as demo_house  # the shared fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pages(user: User) -> list[str]:
    entry = OutreachEntry.objects.filter(organisation__memberships__user=user).exclude(notes="")
    entry = entry.order_by("-date").first()
    signal = Signal.objects.filter(organisation=entry.organisation).first()
    paths = [
        "/kwartiermaken/",
        "/kwartiermaken/werk/",
        "/kwartiermaken/werk/nieuw/",
        f"/kwartiermaken/werk/{entry.pk}/",
        f"/kwartiermaken/werk/{entry.pk}/wijzigen/",
        f"/kwartiermaken/werk/{entry.pk}/notities/",
        "/kwartiermaken/signalen/",
        "/kwartiermaken/signalen/nieuw/",
        f"/kwartiermaken/signalen/{signal.pk}/",
        "/kwartiermaken/overzicht/?jaar=alle",
    ]
    if user.is_coordinator:
        answered = PolicyRecommendation.objects.get(status="answered")
        draft = PolicyRecommendation.objects.get(status="draft")
        paths += [
            "/kwartiermaken/aanbevelingen/",
            "/kwartiermaken/aanbevelingen/nieuw/",
            f"/kwartiermaken/aanbevelingen/{answered.pk}/",
            f"/kwartiermaken/aanbevelingen/{draft.pk}/",
            f"/kwartiermaken/aanbevelingen/{draft.pk}/wijzigen/",
            f"/kwartiermaken/aanbevelingen/{answered.pk}/afdrukken/",
        ]
    return paths


@pytest.mark.parametrize("email", ["partner@huis.example", "coordinator@huis.example"])
def test_kwartiermaken_pages_have_no_accessibility_violations(
    browser, live_server, demo_house, email
):
    user = User.objects.get(email=email)
    if email.startswith("coordinator"):
        # The coordinator also logs work for the house: give them an entry of their own.
        from huis.accounts.models import Organisation

        house = Organisation.objects.get(slug="huis")
        source = OutreachEntry.objects.exclude(notes="").first()
        OutreachEntry.objects.create(
            organisation=house,
            created_by=user,
            neighbourhood=source.neighbourhood,
            notes="Notitie",
        )
        Signal.objects.create(
            organisation=house,
            neighbourhood=source.neighbourhood,
            category="gap",
            description="Geen avondopvang.",
        )
    paths = _pages(user)
    problems = {}
    for language in ("nl", "fr"):
        for viewport in (PHONE, DESKTOP):
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            _login(context, live_server, user)
            page = context.new_page()
            for path in paths:
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                violations = _axe_violations(page)
                if violations:
                    problems[f"{language} {viewport['width']}px {path}"] = violations
            context.close()
    assert problems == {}
