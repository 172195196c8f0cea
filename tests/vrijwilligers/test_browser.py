"""In a real browser on a 360 px phone, in Dutch, without JavaScript of ours: someone applies on
the public page, the coordinator accepts them, the new volunteer signs up for a shift (the
reminder is waiting in the outbox), asks someone to take over, another volunteer takes it over,
writes down the hours afterwards and the coordinator confirms them. Nothing loads from another
host."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from huis.notifications.models import Notification
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _login
from tests.ervaringsdeskundigen.factories import rates
from vrijwilligers.models import Application, ShiftHours

from .factories import move_to_past, shift, volunteer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open(browser, live_server, user):
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    if user is not None:
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


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_apply_accept_sign_up_swap_and_hours(browser, live_server, coordinator):
    rates()
    s = shift(coordinator, needed=1, title="Onthaal voormiddag")

    # 1. Someone applies on the public page.
    context, page, foreign = _open(browser, live_server, None)
    page.goto(live_server.url + "/vrijwilligers/word-vrijwilliger/")
    assert page.get_by_role("heading", level=1).inner_text() == "Word vrijwilliger"
    page.get_by_label("Je naam").fill("Mira")
    page.get_by_label("Je e-mailadres").fill("mira@example.org")
    page.get_by_label("Onthaal").check()
    page.get_by_label("Wanneer heb je tijd?").fill("Dinsdagvoormiddag")
    _fits(page)
    screenshot(page, "vrijwilligers-apply")
    page.get_by_role("button", name="Versturen").click()
    # "Thank you" is one msgid in several catalogs: one Dutch text for it everywhere.
    assert page.get_by_role("heading", level=1).inner_text() == "Bedankt"
    assert foreign == []
    context.close()

    # 2. The coordinator accepts the application.
    context, page, foreign = _open(browser, live_server, coordinator)
    page.goto(live_server.url + "/vrijwilligers/")
    page.get_by_role("link", name="Mira").click()
    page.get_by_role("button", name="Aanvaarden als vrijwilliger").click()
    assert "Mira is nu vrijwilliger" in page.locator(".messages").inner_text()
    _fits(page)
    context.close()
    mira = Application.objects.get().volunteer

    # 3. Mira signs up for the open shift; her reminder waits in the outbox.
    context, page, foreign = _open(browser, live_server, mira.user)
    page.goto(live_server.url + "/vrijwilligers/mijn/")
    page.get_by_role("link", name="Onthaal voormiddag").first.click()
    page.get_by_role("button", name="Ik kom").click()
    assert "Je staat op deze shift" in page.locator(".messages").inner_text()
    assert Notification.objects.filter(kind="vrijwilligers_reminder", recipient=mira.user).exists()
    # 4. She cannot come after all and asks someone to take over.
    page.get_by_label("Bericht voor de anderen").fill("Ik moet naar de dokter")
    page.get_by_role("button", name="Vraag of iemand overneemt").click()
    assert "Je houdt de shift" in page.locator(".messages").inner_text()
    screenshot(page, "vrijwilligers-shift")
    _fits(page)
    assert foreign == []
    context.close()

    # 5. Bo sees the request and takes it over.
    bo = volunteer("Bo")
    context, page, foreign = _open(browser, live_server, bo.user)
    page.goto(live_server.url + "/vrijwilligers/mijn/")
    assert "Ik moet naar de dokter" in page.locator("main").inner_text()
    page.get_by_role("button", name="Ik neem over").click()
    assert "Je nam de shift over" in page.locator(".messages").inner_text()
    assert Notification.objects.filter(
        kind="vrijwilligers_swap_taken", recipient=mira.user
    ).exists()

    # 6. After the shift Bo writes down the hours.
    move_to_past(s, day=timezone.localdate() - dt.timedelta(days=1))
    page.goto(live_server.url + f"/vrijwilligers/diensten/{s.pk}/")
    page.get_by_label("Uren").fill("3")
    page.get_by_role("button", name="Mijn uren bewaren").click()
    assert "Je uren zijn genoteerd" in page.locator(".messages").inner_text()
    context.close()

    # 7. The coordinator confirms them: the allowance within the caps.
    context, page, foreign = _open(browser, live_server, coordinator)
    page.goto(live_server.url + "/vrijwilligers/uren/")
    page.get_by_role("link", name="Bo").click()
    assert "Vergoeding" in page.locator("main").inner_text()
    page.get_by_role("button", name="Uren bevestigen").click()
    assert "De uren zijn bevestigd" in page.locator(".messages").inner_text()
    _fits(page)
    screenshot(page, "vrijwilligers-hours")
    assert foreign == []
    context.close()
    assert ShiftHours.objects.get().status == "confirmed"
