"""The yearly report page in a real browser, as a coordinator: made in the background (the
worker's task run here), then opened; axe finds no violations and nothing is wider than a phone."""

import pytest
from django.utils import timezone

from huis.core.tasks import build_report_task
from tests.browser.test_accessibility import AXE, WCAG_TAGS, _login
from tests.factories import ActivityFactory, CampaignActionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_report_page_is_accessible_and_fits(browser, live_server, viewport, coordinator):
    ActivityFactory(capacity=5)
    CampaignActionFactory()
    year = timezone.localdate().year
    build_report_task(f"{year}-01-01", f"{year}-12-31", "nl")
    context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, coordinator)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/beheer/jaarverslag/?jaar={year}")
        assert page.get_by_role("heading", level=1).inner_text().strip() == "Jaarverslag"
        assert page.locator("svg[role=img]").count() >= 1  # the charts, as vectors
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        assert result["violations"] == [], [v["id"] for v in result["violations"]]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], width
    finally:
        context.close()
