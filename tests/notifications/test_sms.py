"""Text messages through Twilio, against the local fake of its API (tests/notifications/
fake_twilio.py): the phone-only guest's confirmation with a short link that cancels, retries and
failure of a provider 5xx, signed delivery reports (forged and replayed ones refused), the email
fallback, STOP, the monthly budget and the landline refusal."""

import re
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from huis.audit.models import AuditEntry
from huis.core.phone import NOT_MOBILE_MESSAGE
from huis.notifications.models import Notification, ShortLink, SmsOptOut
from huis.notifications.services import (
    NotificationError,
    notification_schedule,
    notification_send,
    notifications_send_due,
    preference_update,
)
from huis.notifications.shortlinks import new_code, short_link_for
from huis.places.models import PlaceClaim
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db

MOBILE = "+32470123456"
SHORT = re.compile(re.escape(settings.SITE_URL) + r"/k/([0-9A-Z]{12})")


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.NOTIFICATIONS_RETRY_DELAYS = [0, 0]


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def _sms(key="test:sms", kind="ontmoeting_reminder", phone=MOBILE, **extra):
    context = {"title": "Samen koken", "start": "10:00", "day": "dinsdag 1 december 2026"}
    context["day_short"] = "dinsdag 1/12"
    context["manage_url"] = settings.SITE_URL + "/agenda/inschrijving/" + "x" * 80 + "/"
    return notification_schedule(
        key=key, kind=kind, context=context, phone=phone, language="nl", **extra
    )


def _post_webhook(client, twilio, name, params, *, headers=None, url=None):
    path = url or reverse(name)
    headers = headers or twilio.signed(settings.SITE_URL + path, params)
    return client.post(path, params, **headers)


def test_phone_only_guest_gets_the_confirmation_by_sms_and_the_short_link_cancels(client, twilio):
    activity = ActivityFactory(title="Samen koken", capacity=5)
    response = client.post(
        reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug]),
        {"name": "Gert", "phone": "0470/12.34.56"},
    )
    assert response.status_code == 302
    claim = PlaceClaim.objects.get(phone=MOBILE)
    assert claim.status == PlaceClaim.Status.CONFIRMED

    notifications_send_due()
    (message,) = twilio.to(MOBILE)
    assert "Samen koken" in message.body
    assert message.sender == "HuisVK"
    assert message.status_callback.startswith(settings.SITE_URL + reverse("sms_status"))
    code = SHORT.search(message.body).group(1)
    row = Notification.objects.get(channel="sms", kind="ontmoeting_registration_confirmed")
    assert row.provider_id == message.sid and row.status == "sent"
    # The short link expires with the signed link it stands for: when the activity ends.
    assert ShortLink.objects.get(code=code).expires_at == activity.ends_at

    # The short link opens the same one-button page as the email's link; nothing happens yet.
    page = client.get(reverse("short_link", args=[code]), follow=True)
    assert page.status_code == 200
    assert nl("I can't come") in page.content.decode()
    assert "in the email we sent you" not in page.content.decode()  # phone only: no email
    claim.refresh_from_db()
    assert claim.status == PlaceClaim.Status.CONFIRMED
    token = page.resolver_match.kwargs["token"]
    client.post(reverse("ontmoeting:manage_cancel", args=[token]))
    claim.refresh_from_db()
    assert claim.status == PlaceClaim.Status.CANCELLED
    # Cancelled: the reminder by text message will not go.
    reminder = Notification.objects.get(kind="ontmoeting_reminder", phone=MOBILE)
    assert reminder.status == "cancelled"


def test_a_landline_is_refused_for_text_messages_with_a_clear_sentence(client, visitor):
    activity = ActivityFactory(capacity=5)
    response = client.post(
        reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug]),
        {"name": "Gert", "phone": "02 511 22 33"},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    with translation.override("nl"):
        assert str(NOT_MOBILE_MESSAGE) in response.content.decode()
    assert not PlaceClaim.objects.filter(name="Gert").exists()
    # The same number with an email address is fine: the messages go by email.
    visitor.phone = "+3225112233"
    visitor.save(update_fields=["phone"])
    with pytest.raises(NotificationError):
        preference_update(user=visitor, by_email=True, by_sms=True, actor=visitor)


def _race(work) -> list:
    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait()
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_the_reminder_is_sent_once_with_two_workers_racing(twilio):
    reminder = _sms(due_at=timezone.now() - timedelta(seconds=1))

    def claim_and_send():
        return notification_send(notification_id=reminder.pk) + notifications_send_due()

    assert sorted(_race(claim_and_send)) == [0, 1]
    assert len(twilio.to(MOBILE)) == 1
    reminder.refresh_from_db()
    assert reminder.status == "sent" and reminder.attempts == 1

    # Control: the same two workers sending the row without the claim's lock both hand it to
    # Twilio, so the test above would see a double send.
    from huis.notifications import services

    control = _sms(key="control", phone="+32470555555")

    def send_without_claim():
        with transaction.atomic():
            return services._deliver(Notification.objects.get(pk=control.pk))

    assert _race(send_without_claim) == [True, True]
    assert len(twilio.to("+32470555555")) == 2


@pytest.mark.django_db(transaction=True)
def test_a_sweep_on_four_connections_hands_over_side_by_side_and_sends_each_message_once(
    twilio,
):
    twilio.latency = 0.02  # a provider's answer takes time: the other connections go on
    rows = [_sms(key=f"side:{n}", phone=f"+3247055{n:04d}") for n in range(40)]
    Notification.objects.update(send_after=timezone.now() - timedelta(seconds=1))
    assert notifications_send_due(limit=100, threads=4) == 40
    assert twilio.most_in_flight > 1  # really at once
    assert sorted(m.to for m in twilio.messages) == sorted(row.phone for row in rows)
    assert Notification.objects.filter(status="sent", attempts=1).count() == 40


@pytest.mark.allow_logged_errors
def test_a_provider_5xx_is_retried_and_then_shown_as_failed(twilio, as_role):
    twilio.fail_next = 2
    row = _sms(key="retry:1")
    assert notification_send(notification_id=row.pk) is False  # 500
    row.refresh_from_db()
    assert row.status == "pending" and "20500" in row.last_error
    twilio.fail_next = 5
    notification_send(notification_id=row.pk)  # 500 again
    notification_send(notification_id=row.pk)  # and the last try
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 3
    assert twilio.messages == []
    page = as_role("staff").get(reverse("notifications:failed"))
    assert "ontmoeting_reminder" in page.content.decode()
    # Staff send it again; now Twilio takes it.
    twilio.fail_next = 0
    as_role("staff").post(reverse("notifications:retry", args=[row.pk]))
    notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert row.status == "sent" and len(twilio.to(MOBILE)) == 1


def test_delivery_reports_must_be_signed_and_are_taken_once(client, twilio, as_role):
    row = _sms(key="report:1")
    notification_send(notification_id=row.pk)
    (message,) = twilio.messages
    callback = message.status_callback.removeprefix(settings.SITE_URL)
    delivered = twilio.status_report(message, "delivered")

    # Forged: signed with another key, or not at all. Refused, logged for staff, nothing changes.
    forged = twilio.signed(settings.SITE_URL + callback, delivered, token="not-the-token")
    response = _post_webhook(client, twilio, "", delivered, headers=forged, url=callback)
    assert response.status_code == 403
    assert client.post(callback, delivered).status_code == 403
    # Signed, but the parameters changed on the way.
    headers = twilio.signed(settings.SITE_URL + callback, delivered)
    tampered = {**delivered, "MessageStatus": "failed"}
    assert client.post(callback, tampered, **headers).status_code == 403
    assert AuditEntry.objects.filter(action="notifications.sms_webhook_refused").count() == 3
    row.refresh_from_db()
    assert row.delivery == ""

    # The real report is taken; the same one again (a replay) is refused.
    assert client.post(callback, delivered, **headers).status_code == 204
    assert client.post(callback, delivered, **headers).status_code == 409
    row.refresh_from_db()
    assert row.delivery == "delivered"
    # An earlier state arriving late does not overwrite it.
    _post_webhook(client, twilio, "", twilio.status_report(message, "sent"), url=callback)
    row.refresh_from_db()
    assert row.delivery == "delivered"
    # Staff see it.
    page = as_role("staff").get(reverse("notifications:text_messages")).content.decode()
    assert nl("Delivered") in page


def test_an_undelivered_text_falls_back_to_email_once(client, twilio):
    from django.core import mail

    person = UserFactory(email="noor@test.example", phone=MOBILE)
    preference_update(user=person, by_email=False, by_sms=True, actor=person)
    row = notification_schedule(
        key="fallback:1", kind="test_message", context={"name": "Noor"}, recipient=person
    )
    assert row.channel == "sms"
    notification_send(notification_id=row.pk)
    (message,) = twilio.messages
    callback = message.status_callback.removeprefix(settings.SITE_URL)
    for _try in range(2):  # two reports of failure (each its own event): one email
        report = twilio.status_report(message, "undelivered", "30003")
        assert _post_webhook(client, twilio, "", report, url=callback).status_code == 204
    fallback = Notification.objects.get(key="fallback:1:email-fallback")
    assert fallback.channel == "email"
    notifications_send_due()
    assert [m.to for m in mail.outbox] == [["noor@test.example"]]


def test_stop_stops_the_next_reminder(client, twilio):
    reminder = _sms(key="reminder:stop", due_at=timezone.now() + timedelta(hours=1))
    params = twilio.incoming(MOBILE, "Stop")
    response = _post_webhook(client, twilio, "sms_incoming", params)
    assert response.status_code == 200 and b"<Response>" in response.content
    assert SmsOptOut.objects.filter(phone=MOBILE).exists()
    reminder.refresh_from_db()
    assert reminder.status == "cancelled"
    # A message scheduled later is not sent either.
    later = _sms(key="reminder:later", due_at=timezone.now() - timedelta(seconds=1))
    notifications_send_due()
    later.refresh_from_db()
    assert later.status == "cancelled" and "STOP" in later.last_error
    assert twilio.messages == []
    # START: messages go again.
    _post_webhook(client, twilio, "sms_incoming", twilio.incoming(MOBILE, "START"))
    assert not SmsOptOut.objects.filter(phone=MOBILE).exists()
    # A forged STOP is refused.
    forged = {"HTTP_X_TWILIO_SIGNATURE": "bm90IGEgc2lnbmF0dXJl"}
    response = client.post(reverse("sms_incoming"), twilio.incoming(MOBILE, "STOP"), **forged)
    assert response.status_code == 403
    assert not SmsOptOut.objects.filter(phone=MOBILE).exists()


@pytest.mark.allow_logged_errors
def test_a_number_twilio_knows_as_unsubscribed_is_recorded_and_not_retried(twilio):
    twilio.unsubscribed.add(MOBILE)
    row = _sms(key="unsubscribed:1")
    notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 1 and "21610" in row.last_error
    assert SmsOptOut.objects.get(phone=MOBILE).source == "provider"


def test_the_budget_stops_reminders_but_not_confirmations(twilio, settings, as_role):
    settings.NOTIFICATIONS_SMS_MONTHLY_BUDGET = 5
    now = timezone.now()
    for n in range(4):
        sent = _sms(key=f"sent:{n}", phone=f"+3247011111{n}")
        Notification.objects.filter(pk=sent.pk).update(status="sent", sent_at=now)
    page = as_role("staff").get(reverse("core:dashboard")).content.decode()
    with translation.override("nl"):
        warning = translation.gettext("Warning: %(percent)d %% of the budget is used.")
        assert warning % {"percent": 80} in page
    confirmation = _sms(key="confirm:1", kind="ontmoeting_registration_confirmed")
    notification_send(notification_id=confirmation.pk)
    reminder = _sms(key="reminder:budget", phone="+32470999999")
    notification_send(notification_id=reminder.pk)
    reminder.refresh_from_db()
    assert reminder.status == "cancelled" and "budget" in reminder.last_error
    assert [m.to for m in twilio.messages] == [MOBILE]
    # The confirmation still goes, beyond the budget too.
    later = _sms(key="confirm:2", kind="ontmoeting_registration_confirmed", phone="+32470888888")
    assert notification_send(notification_id=later.pk) is True
    page = as_role("staff").get(reverse("notifications:text_messages")).content.decode()
    assert "6" in page


def test_short_links_cannot_be_guessed_and_expire(client, settings):
    target = settings.SITE_URL + "/agenda/inschrijving/abc/"
    url = short_link_for(target, valid_until=timezone.now() + timedelta(days=1))
    code = url.rsplit("/", 1)[1]
    assert short_link_for(target) == url  # the same link, the same code
    assert client.get(f"/k/{code}").url == "/agenda/inschrijving/abc/"
    assert client.get(f"/k/{code.lower()}").status_code == 302
    # A made-up code (wrong signature) is refused without asking the database.
    made_up = new_code()[:10] + ("22" if not code.endswith("22") else "33")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/k/{made_up}").status_code == 404
    assert not [q for q in queries if "shortlink" in q["sql"]]
    # Expired: gone.
    ShortLink.objects.filter(code=code).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(f"/k/{code}").status_code == 404


def test_short_link_lookups_are_rate_limited(client):
    answers = [client.get(f"/k/{new_code()}").status_code for _ in range(21)]
    assert answers[:20] == [404] * 20
    assert answers[20] == 429


def test_the_profile_refuses_text_messages_to_a_landline(client, visitor):
    client.force_login(visitor)
    data = {"display_name": "Vera", "preferred_language": "nl", "notify_by_email": "on"}
    landline = client.post(
        reverse("accounts:profile"), {**data, "phone": "02 511 22 33", "notify_by_sms": "on"}
    )
    assert landline.status_code == 200
    with translation.override("nl"):
        assert str(NOT_MOBILE_MESSAGE) in landline.content.decode()
    mobile = client.post(
        reverse("accounts:profile"), {**data, "phone": "0470 12 34 56", "notify_by_sms": "on"}
    )
    assert mobile.status_code == 302
    visitor.refresh_from_db()
    assert visitor.notification_preference.by_sms is True


def test_the_sweep_makes_the_short_links_of_many_messages_in_one_statement(client, twilio):
    for n in range(5):
        context = {"title": "Samen koken", "start": "10:00", "day_short": "dinsdag 1/12"}
        context["manage_url"] = f"{settings.SITE_URL}/agenda/inschrijving/{'y' * 60}{n}/"
        notification_schedule(
            key=f"links:{n}",
            kind="ontmoeting_reminder",
            context=context,
            phone=f"+3247055500{n}",
            language="nl",
        )
    with CaptureQueriesContext(connection) as queries:
        assert notifications_send_due() == 5
    assert len([q for q in queries if "notifications_shortlink" in q["sql"]]) == 1
    for n in range(5):
        (message,) = twilio.to(f"+3247055500{n}")
        code = SHORT.search(message.body).group(1)
        assert client.get(f"/k/{code}").url == f"/agenda/inschrijving/{'y' * 60}{n}/"


def _sms_with_own_link(n: int, prefix: str) -> Notification:
    context = {"title": "Samen koken", "start": "10:00", "day_short": "dinsdag 1/12"}
    context["manage_url"] = f"{settings.SITE_URL}/agenda/inschrijving/{prefix * 60}{n}/"
    return notification_schedule(
        key=f"{prefix}:{n}",
        kind="ontmoeting_reminder",
        context=context,
        phone=f"+324706{n:05d}",
        language="nl",
    )


def _count_link_making(monkeypatch) -> dict[str, int]:
    """How often the sweep makes links: in a batch, or one message's alone."""
    from huis.notifications import shortlinks

    made = {"batches": 0, "alone": 0}
    batch, alone = shortlinks.short_links_for, shortlinks.short_link_for

    def count_batch(contexts):
        made["batches"] += 1
        return batch(contexts)

    def count_alone(*args, **kwargs):
        made["alone"] += 1
        return alone(*args, **kwargs)

    monkeypatch.setattr(shortlinks, "short_links_for", count_batch)
    monkeypatch.setattr(shortlinks, "short_link_for", count_alone)
    return made


def _link_of(twilio, phone: str) -> str:
    """Where the short link in the message to `phone` leads (read from the saved link: the
    lookup page is rate limited per address)."""
    (message,) = twilio.to(phone)
    link = ShortLink.objects.get(code=SHORT.search(message.body).group(1))
    return link.target.removeprefix(settings.SITE_URL)


@pytest.mark.django_db(transaction=True)
def test_a_sweep_on_four_connections_makes_each_short_link_once(twilio, monkeypatch):
    twilio.latency = 0.01
    made = _count_link_making(monkeypatch)
    rows = [_sms_with_own_link(n, "z") for n in range(40)]
    Notification.objects.update(send_after=timezone.now() - timedelta(seconds=1))
    assert notifications_send_due(limit=100, threads=4) == 40
    # One batch for the whole sweep, not one per connection.
    assert made == {"batches": 1, "alone": 0}
    for n, row in enumerate(rows):
        assert _link_of(twilio, row.phone) == f"/agenda/inschrijving/{'z' * 60}{n}/"


def test_a_message_beyond_the_batch_makes_its_own_link_and_the_next_batch_follows(
    twilio, monkeypatch
):
    from huis.notifications import sweep

    monkeypatch.setattr(sweep, "LINK_BATCH", 2)
    made = _count_link_making(monkeypatch)
    rows = [_sms_with_own_link(n, "w") for n in range(5)]
    assert notifications_send_due() == 5
    # Messages 1-2 in the first batch; the third makes its own; 4-5 in the next batch.
    assert made == {"batches": 2, "alone": 1}
    for n, row in enumerate(rows):
        assert _link_of(twilio, row.phone) == f"/agenda/inschrijving/{'w' * 60}{n}/"


def test_a_reminder_that_could_not_be_handed_over_gives_its_budget_place_back(twilio, settings):
    settings.NOTIFICATIONS_SMS_MONTHLY_BUDGET = 1
    twilio.fail_next = 1  # Twilio answers 500 once: the reminder waits for its next try
    first = _sms(key="reminder:place:1")
    assert notification_send(notification_id=first.pk) is False
    second = _sms(key="reminder:place:2", phone="+32470777777")
    assert notification_send(notification_id=second.pk) is True
    third = _sms(key="reminder:place:3", phone="+32470666666")
    assert notification_send(notification_id=third.pk) is False
    third.refresh_from_db()
    assert third.status == "cancelled" and "budget" in third.last_error
