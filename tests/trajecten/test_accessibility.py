"""axe-core on the main pages of trajecten with the demo's data, as the worker who prepares, a
committee member and a coordinator, on a phone and a desktop, in Dutch, French and English:
no WCAG 2.2 A/AA violation."""

import pytest

from huis.accounts.models import User
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import _axe_violations, _login
from tests.browser.test_accessibility import demo_house as demo_house  # the shared fixture
from trajecten.models import AgendaItem, Application, Meeting, Trajectory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pages(email: str) -> list[str]:
    by_status = {a.status: a for a in Application.objects.order_by("pk")}
    trajectory = Trajectory.objects.order_by("pk").first()
    coming = Meeting.objects.order_by("-starts_at").first()
    if email == "partner@huis.example":
        draft = by_status["draft"]
        return [
            "/trajecten/",
            "/trajecten/programmas/housing-first-gezinnen/",
            "/trajecten/aanvragen/",
            "/trajecten/aanvragen/nieuw/",
            f"/trajecten/aanvragen/{draft.pk}/",
            f"/trajecten/aanvragen/{draft.pk}/wijzigen/",
            f"/trajecten/aanvragen/{by_status['admitted'].pk}/",
            "/trajecten/trajecten/",
            f"/trajecten/trajecten/{trajectory.pk}/",
            f"/trajecten/trajecten/{trajectory.pk}/afsluiten/",
        ]
    if email == "partner2@huis.example":
        item = AgendaItem.objects.filter(meeting=coming).first()
        return [
            "/trajecten/commissie/",
            f"/trajecten/commissie/{coming.pk}/",
            f"/trajecten/aanvragen/{item.application_id}/",
            f"/trajecten/commissie/agendapunt/{item.pk}/beslissing/",
            f"/trajecten/aanvragen/{by_status['not_admitted'].pk}/",
        ]
    return [
        "/trajecten/commissie/nieuw/",
        f"/trajecten/commissie/{coming.pk}/",
        "/trajecten/resultaten/",
    ]


@pytest.mark.parametrize(
    "email", ["partner@huis.example", "partner2@huis.example", "coordinator@huis.example"]
)
def test_trajecten_pages_have_no_accessibility_violations(browser, live_server, demo_house, email):
    user = User.objects.get(email=email)
    paths = _pages(email)
    problems = {}
    for language in ("nl", "fr", "en"):
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
                # Open the folded forms, so axe checks them too.
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                violations = _axe_violations(page)
                if violations:
                    problems[f"{language} {viewport['width']}px {path}"] = violations
                if viewport is PHONE:
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > PHONE["width"]:
                        wide = page.evaluate(
                            "[...document.querySelectorAll('body *')].filter(e => "
                            "e.getBoundingClientRect().right > 361).slice(-3).map(e => "
                            "e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect()"
                            ".right)"
                        )
                        problems[f"{language} {path}"] = f"{width}px wide on a phone: {wide}"
            context.close()
    for key, value in problems.items():
        print(key, value)
    assert problems == {}
