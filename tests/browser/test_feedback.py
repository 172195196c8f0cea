"""The day-after question in a real browser: the message arrives through the outbox, its link
opens the page (answering nothing), one tap on a face answers, anonymously and once. With and
without JavaScript, at phone and desktop size, and axe finds no violations on the page."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation

from huis.notifications.models import Notification
from huis.notifications.services import notifications_send_due
from ontmoeting import notify
from ontmoeting.models import Activity, ActivityFeedback
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_one_tap_on_a_face_from_the_email_link(browser, live_server, viewport, javascript):
    activity = ActivityFactory(title="Samen wandelen", capacity=5)
    claim = registration_create(
        activity=activity, actor=None, name="Greet", email="greet@test.example"
    )
    # The activity took place; the next morning the outbox sends the question.
    start = timezone.now() - dt.timedelta(days=1)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    past = timezone.now() - dt.timedelta(minutes=1)
    Notification.objects.filter(key__startswith=notify.feedback_key(claim)).update(
        due_at=past, send_after=past
    )
    mail.outbox.clear()
    notifications_send_due()
    (question,) = [m for m in mail.outbox if "Samen wandelen" in m.subject and "?" in m.subject]
    assert "Samen wandelen" in question.subject
    link = re.search(re.escape(settings.SITE_URL) + r"/agenda/hoe-was-het/\S+", question.body)
    assert link, question.body

    context = browser.new_context(
        viewport=viewport, locale="nl-BE", java_script_enabled=javascript, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(link.group(0).replace(settings.SITE_URL, live_server.url))
        assert page.get_by_role("heading", level=1).inner_text().strip() == nl("How was it?")
        assert not ActivityFeedback.objects.exists()  # opening the link answered nothing
        if javascript:
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => await axe.run(document, {runOnly: {type: 'tag', "
                "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
            assert result["violations"] == [], [v["id"] for v in result["violations"]]
        screenshot(page, f"feedback-{'js' if javascript else 'nojs'}")
        page.get_by_label(nl("Do you want to tell us more? (not needed)")).fill("Fijne groep")
        with page.expect_navigation():
            page.get_by_role("button", name=nl("Good"), exact=True).click()
        assert nl("Thank you! Your answer helps us make the house better.") in page.content()
        answer = ActivityFeedback.objects.get()
        assert (answer.face, answer.comment) == (ActivityFeedback.Face.GOOD, "Fijne groep")
        # The page now says thanks; a second answer is not possible.
        assert page.get_by_role("button", name=nl("Good"), exact=True).count() == 0
    finally:
        context.close()
