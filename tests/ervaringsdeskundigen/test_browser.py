"""The whole path in a real browser at phone size (360 px), in Dutch, without JavaScript tricks:
an organisation files a request, a coordinator proposes an expert, the expert accepts from the
email link, the organisation is confirmed, and the expert reports hours afterwards."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from ervaringsdeskundigen.models import Assignment, ExpertRequest
from huis.notifications.models import Notification
from tests.browser.conftest import PHONE, screenshot

from .factories import ExpertFactory, theme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _context(browser, live_server, user=None):
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    if user is not None:
        from django.conf import settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.cached_db import SessionStore

        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            ]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    host = urlparse(live_server.url).hostname
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in {host, "localhost", "127.0.0.1"}
            else None
        ),
    )
    return context, page, foreign


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_request_to_report_in_a_browser(browser, live_server, settings, coordinator, managed_lists):
    settings.EXPERTS_REQUEST_MIN_SECONDS = 0
    depressie = theme("depressie")
    expert = ExpertFactory(user__display_name="Lotte", themes=[depressie])
    day = timezone.localdate() + dt.timedelta(days=14)

    # 1. The organisation, without an account.
    context, page, foreign = _context(browser, live_server)
    page.goto(live_server.url + "/ervaringsdeskundigen/")
    page.click("a[href='/ervaringsdeskundigen/aanvraag/']")
    page.fill("#id_organisation_name", "Sint-Lucasschool Gent")
    page.fill("#id_contact_name", "Leen")
    page.fill("#id_contact_email", "leen@school.example")
    page.select_option("#id_work_kind", index=1)
    page.check(f"input[name='themes'][value='{depressie.pk}']")
    page.fill("#id_date", day.isoformat())
    page.fill("#id_time", "10:00")
    page.fill("#id_place", "Aula, Kouter 1, Gent")
    page.fill("#id_audience", "Leerlingen zesde jaar")
    _fits(page)
    screenshot(page, "ervaringsdeskundigen-aanvraag")
    page.click("form.narrow-form button[type=submit]")
    page.wait_for_url("**/aanvraag/volgen/**")
    follow_url = page.url
    assert "Sint-Lucasschool Gent" in page.content()
    request = ExpertRequest.objects.get()
    assert Notification.objects.filter(kind="experts_request_received").exists()
    context.close()
    assert foreign == []

    # 2. The coordinator takes it up and proposes Lotte from the ranked list.
    context, page, foreign = _context(browser, live_server, coordinator)
    page.goto(live_server.url + f"/ervaringsdeskundigen/beheer/aanvraag/{request.pk}/")
    page.click("form[action$='/opnemen/'] button")
    page.check(f"#propose-{expert.pk}")
    _fits(page)
    screenshot(page, "ervaringsdeskundigen-aanvraag-beheer")
    page.click("form[action$='/voorstellen/'] button[type=submit]")
    page.wait_for_load_state()
    assert Assignment.objects.filter(expert=expert, status="proposed").exists()
    context.close()

    # 3. Lotte opens the link in her email and presses the one button.
    link = Notification.objects.get(kind="experts_proposal").context["proposal_url"]
    link = live_server.url + "/" + link.split("://", 1)[1].split("/", 1)[1]
    context, page, foreign = _context(browser, live_server)
    page.goto(link)
    assert Assignment.objects.get(expert=expert).status == "proposed"  # opening is not accepting
    _fits(page)
    screenshot(page, "ervaringsdeskundigen-voorstel")
    page.click("form[action$='/aanvaarden/'] button")
    page.wait_for_load_state()
    assert Assignment.objects.get(expert=expert).status == "accepted"
    context.close()

    # 4. The organisation is confirmed, with the practical details.
    request.refresh_from_db()
    assert request.status == "confirmed"
    confirmed = Notification.objects.get(kind="experts_request_confirmed")
    assert confirmed.context["experts"] == "Lotte"
    assert confirmed.context["place"] == "Aula, Kouter 1, Gent"
    context, page, foreign = _context(browser, live_server)
    page.goto(follow_url)
    assert "Lotte" in page.content()
    context.close()

    # 5. After the assignment, Lotte reports her hours from her dashboard.
    past = timezone.now() - dt.timedelta(days=1)
    ExpertRequest.objects.filter(pk=request.pk).update(starts_at=past)
    Assignment.objects.filter(request=request).update(
        starts_at=past, ends_at=past + dt.timedelta(hours=2)
    )
    context, page, foreign = _context(browser, live_server, expert.user)
    page.goto(live_server.url + "/ervaringsdeskundigen/mijn/")
    _fits(page)
    screenshot(page, "ervaringsdeskundigen-mijn")
    page.click("a[href$='/verslag/']")
    page.fill("#id_hours", "2.5")
    page.fill("#id_km", "24")
    page.fill("#id_debrief", "Goede vragen van de leerlingen.")
    page.click("main form button[type=submit].btn-primary")
    page.wait_for_url("**/ervaringsdeskundigen/mijn/")
    assignment = Assignment.objects.get(expert=expert)
    assert assignment.report_status == "reported"
    assert assignment.km == 24
    context.close()
    assert foreign == []
