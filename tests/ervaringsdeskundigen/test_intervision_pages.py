"""A coordinator moves or cancels an expert intervision session from its page: the experts
signed up are told once (the services' change notices), the page says so."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import IntervisionSession
from huis.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(coordinator, expert):
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=6)
    session = services.intervision_create(
        title="Intervisie",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=8,
        place="Zaal boven",
        actor=coordinator,
    )
    services.intervision_sign_up(session=session, user=expert)
    return session


def test_a_coordinator_moves_the_session_and_the_expert_is_told_once(client, coordinator, session):
    client.force_login(coordinator)
    url = reverse("ervaringsdeskundigen:intervision_move", args=[session.pk])
    page = client.get(url)
    assert page.context["form"].initial["place"] == "Zaal boven"
    day = timezone.localdate() + dt.timedelta(days=8)
    form = {"date": day.isoformat(), "start": "10:00", "end": "12:00", "place": "Zaal beneden"}
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # the same move again: nobody told twice
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).date() == day
    assert session.place == "Zaal beneden"
    moved = Notification.objects.filter(key__startswith="notice:moved:", channel="email")
    assert moved.count() == 1


def test_a_coordinator_cancels_the_session_with_a_reason(client, coordinator, session):
    client.force_login(coordinator)
    url = reverse("ervaringsdeskundigen:intervision_call_off", args=[session.pk])
    assert client.post(url, {"reason": "Ziek"}).status_code == 302
    assert IntervisionSession.objects.get(pk=session.pk).is_cancelled
    cancelled = Notification.objects.filter(key__startswith="notice:cancelled:", channel="email")
    assert cancelled.count() == 1
    assert client.post(url, {"reason": "Nog eens"}).status_code == 400  # already cancelled
    assert cancelled.count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_move_and_cancel_pages_pass_axe_on_a_phone(browser, live_server, coordinator, session):
    from tests.browser.conftest import PHONE
    from tests.browser.test_accessibility import _axe_violations, _login

    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, coordinator)
    page = context.new_page()
    problems = {}
    for name in ("intervision_attendance", "intervision_move", "intervision_call_off"):
        url = reverse(f"ervaringsdeskundigen:{name}", args=[session.pk])
        assert page.goto(live_server.url + url).status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        if violations := _axe_violations(page):
            problems[url] = violations
    context.close()
    assert problems == {}
