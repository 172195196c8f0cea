"""The privacy pages in a real browser, on a 360 px phone and a desktop, in Dutch: readable
without sideways scrolling, no WCAG violation, nothing loaded from another host."""

import pytest
from django.test import Client

from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _check(page, name: str, browser, live_server, user=None) -> None:
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, name)
    # axe is injected by the test, in a context that lets it: the page's own CSP stays strict.
    context = browser.new_context(viewport=page.viewport_size, bypass_csp=True)
    if user is not None:
        _login(context, live_server, user)
    checker = context.new_page()
    checker.goto(page.url)
    assert _axe_violations(checker) == []
    context.close()


def test_privacy_page(page, browser, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Je privacy").click()
    page.wait_for_load_state()
    assert "Je privacy" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("heading", name="Hoe lang we het bijhouden").is_visible()
    _check(page, "privacy", browser, live_server)


def test_my_data_and_delete_pages(page, browser, live_server):
    from huis.accounts.roles import Role
    from tests.factories import UserFactory

    user = UserFactory(display_name="Vera", roles=[Role.VISITOR])
    _log_in(page, live_server, user)
    page.goto(live_server.url + "/profiel/")
    page.get_by_role("link", name="Mijn gegevens: downloaden").click()
    page.wait_for_load_state()
    _check(page, "my-data", browser, live_server, user)
    page.get_by_role("link", name="Bekijk wie mijn gegevens las of aanpaste").click()
    page.wait_for_load_state()
    _check(page, "who-touched", browser, live_server, user)
    page.goto(live_server.url + "/profiel/account-verwijderen/")
    _check(page, "delete-account", browser, live_server, user)
    # Without ticking the box nothing happens but a clear message at the field.
    page.get_by_role("button", name="Mijn account verwijderen").click()
    page.wait_for_load_state()
    user.refresh_from_db()
    assert user.is_active
