"""Signing up (account and guest), the waiting list, the signed links and the messages sent."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import render
from huis.notifications.shortlinks import resolve
from huis.places.models import PlaceClaim
from huis.places.services import claim_from_token, claim_make_token
from ontmoeting.models import Activity
from ontmoeting.services import registration_create, sign_up_refusal
from tests.factories import ActivityFactory, _in_days

pytestmark = pytest.mark.django_db


def sign_up_url(activity):
    return reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])


def guest(client, activity, n=1, **extra):
    data = {"name": f"Gast {n}", "email": f"gast{n}@test.example", **extra}
    return client.post(sign_up_url(activity), data)


def claims(activity, status=None):
    qs = PlaceClaim.objects.filter(offering_id=activity.offering_id)
    return qs.filter(status=status) if status else qs


def test_with_an_account_it_is_one_click(as_role, visitor):
    activity = ActivityFactory()
    client = as_role("visitor")
    page = client.get(activity.get_absolute_url()).text
    assert 'name="email"' not in page  # nothing to fill in
    response = client.post(sign_up_url(activity))
    assert response.status_code == 302 and response.url == reverse("ontmoeting:mine")
    claim = claims(activity).get()
    assert claim.user == visitor and claim.status == "confirmed" and claim.email == visitor.email


def own_link(kind="ontmoeting_registration_confirmed", **lookup):
    message = Notification.objects.filter(kind=kind, **lookup).latest("pk")
    return message.context["manage_url"].removeprefix("http://127.0.0.1:8000")


def test_a_guest_gives_a_name_and_an_email_and_gets_their_own_link(client, t):
    activity = ActivityFactory()
    response = guest(client, activity)
    signed_up = reverse("ontmoeting:signed_up", args=[activity.pk, activity.slug])
    assert response.status_code == 302 and response.url == signed_up
    page = client.get(response.url).text
    assert t("You are signed up. See you soon!") in page
    assert activity.title in page
    # The sign-up itself is behind the link in the message, not on the page a form answered.
    assert t("You have a place.") in client.get(own_link()).text
    assert claims(activity, "confirmed").get().name == "Gast 1"


def test_a_guest_may_give_a_phone_number_instead(client):
    activity = ActivityFactory()
    response = client.post(sign_up_url(activity), {"name": "Jan", "phone": "0470 12 34 56"})
    assert response.status_code == 302
    claim = claims(activity).get()
    assert claim.phone == "+32470123456"  # stored one way (E.164)
    assert claim.phone_digits == "0470123456"
    # Without an email address, the confirmation goes by text message.
    assert Notification.objects.get(kind="ontmoeting_registration_confirmed").channel == "sms"


def test_a_guest_without_email_or_phone_is_told_and_nothing_is_saved(client, t):
    activity = ActivityFactory()
    response = client.post(sign_up_url(activity), {"name": "Jan"})
    assert response.status_code == 400
    assert t("Give an email address or a phone number.") in response.text
    assert not claims(activity).exists()


def test_the_same_person_cannot_take_two_places(client, t):
    activity = ActivityFactory()
    guest(client, activity)
    guest(client, activity, name="Nog eens", email="GAST1@test.example")
    assert claims(activity).count() == 1


def _answer(client, activity, data):
    """What the poster of a guest sign-up sees: status, where they are sent, and that page's
    text (without the per-request CSRF token and nonce)."""
    response = client.post(sign_up_url(activity), data)
    page = client.get(response.url).text
    page = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", page)
    return response.status_code, response.url, page


@pytest.mark.parametrize(
    "owner, poster",
    [
        ({"email": "an@test.example"}, {"email": "AN@test.example"}),
        ({"phone": "0470 12 34 56"}, {"phone": "+32470123456"}),
        ({"phone": "+32 470 12 34 56"}, {"phone": "0470/12.34.56"}),
    ],
)
def test_signing_up_with_someone_elses_address_answers_as_a_new_sign_up(owner, poster):
    from django.test import Client

    activity = ActivityFactory(capacity=10)
    Client().post(sign_up_url(activity), {"name": "An", **owner})
    owner_claim = claims(activity).get()
    outsider = Client()
    new = _answer(outsider, activity, {"name": "Nieuw", "email": "nieuw@test.example"})
    known = _answer(outsider, activity, {"name": "Vreemde", **poster})
    assert new[0] == known[0] == 302
    assert new[1] == known[1]
    assert new[2] == known[2]
    # Nothing changed for the owner, who is told, with their own link; the poster gets nothing.
    assert claims(activity).count() == 2
    owner_claim.refresh_from_db()
    assert owner_claim.name == "An" and owner_claim.status == "confirmed"
    told = Notification.objects.get(kind="ontmoeting_already_signed_up")
    assert (told.email, told.phone) == (owner_claim.email, owner_claim.phone)
    assert told.context["name"] == "An"
    rendered = render(told)
    if told.email:
        assert told.context["manage_url"] in rendered.text
    else:  # a text message carries the short link that stands for it
        code = re.search(r"/k/([0-9A-Z]{12})", rendered.sms).group(1)
        assert settings.SITE_URL + resolve(code) == told.context["manage_url"]
    token = told.context["manage_url"].rstrip("/").rsplit("/", 1)[1]
    assert claim_from_token(token=token) == owner_claim
    # Posting again within the hour does not flood the owner.
    _answer(outsider, activity, {"name": "Vreemde", **poster})
    assert Notification.objects.filter(kind="ontmoeting_already_signed_up").count() == 1


def test_a_known_address_on_a_full_activity_answers_waiting_list_like_anyone_else(client, t):
    from django.test import Client

    activity = ActivityFactory(capacity=1)
    guest(Client(), activity, 1)
    new = _answer(client, activity, {"name": "Nieuw", "email": "nieuw@test.example"})
    known = _answer(client, activity, {"name": "Vreemde", "email": "gast1@test.example"})
    assert new == known
    assert t("The activity is full. You are on the waiting list. We will tell you.") in known[2]


@pytest.mark.parametrize("phone", ["<script>alert(1)</script>", "0470\x0712 34 56", "bel me maar"])
def test_a_phone_number_that_is_not_one_is_refused(client, t, phone):
    activity = ActivityFactory()
    response = client.post(sign_up_url(activity), {"name": "Jan", "phone": phone})
    assert response.status_code == 400
    if "\x07" not in phone:  # a control character is stopped earlier, by the input guard
        assert t("This is not a phone number we can use. Write it like 0470 12 34 56.") in (
            response.text
        )
    assert not claims(activity).exists()


def test_when_full_people_go_on_the_waiting_list_and_are_told(client):
    activity = ActivityFactory(capacity=1)
    guest(client, activity, 1)
    guest(client, activity, 2)
    assert claims(activity, "confirmed").count() == 1
    assert claims(activity, "waiting").count() == 1
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"ontmoeting_registration_confirmed", "ontmoeting_waiting_list"} <= kinds


def test_group_places_are_one_sign_up(client):
    activity = ActivityFactory(capacity=3, max_places_per_claim=3)
    guest(client, activity, places="2")
    claim = claims(activity).get()
    assert claim.places == 2
    activity.offering.refresh_from_db()
    assert activity.offering.places_left == 1


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda: ActivityFactory(status="cancelled"),
            "This activity is cancelled. You cannot sign up.",
        ),
        (
            lambda: ActivityFactory(capacity=None),
            "You do not need to sign up for this. Just walk in.",
        ),
        (
            lambda: ActivityFactory(signup_closes_at=timezone.now() + dt.timedelta(minutes=1)),
            "Signing up is closed.",
        ),
        (
            lambda: ActivityFactory(signup_opens_at=timezone.now() + dt.timedelta(days=1)),
            "Signing up is not open yet.",
        ),
    ],
)
def test_signing_up_when_it_is_not_possible_is_refused_with_a_message(client, t, make, message):
    activity = make()
    if "closed" in message:
        # The window closed after the activity was planned.
        activity.offering.closes_at = timezone.now() - dt.timedelta(seconds=1)
        activity.offering.save()
    response = guest(client, activity)
    assert response.status_code == 400
    assert t(message) in response.text
    assert not claims(activity).exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActivityFactory(status="cancelled"),
        lambda: ActivityFactory(capacity=None),
        lambda: ActivityFactory(signup_opens_at=timezone.now() + dt.timedelta(days=1)),
        lambda: ActivityFactory(),
    ],
)
def test_the_page_shows_the_form_exactly_when_the_sign_up_would_be_taken(client, make):
    """One rule (`sign_up_refusal`) for the page and the service: no form that then refuses."""
    activity = make()
    page = client.get(activity.get_absolute_url()).text
    shows_form = f'action="{sign_up_url(activity)}"' in page
    taken = guest(client, activity).status_code == 302
    assert shows_form == taken
    assert (sign_up_refusal(Activity.objects.get(pk=activity.pk)) is None) == taken


def test_signing_up_after_the_start_is_refused(client, t):
    activity = ActivityFactory()
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    response = guest(client, activity)
    assert response.status_code == 400
    assert not claims(activity).exists()


def test_confirmation_email_has_the_ics_and_a_cancel_link_that_works_without_login(client):
    activity = ActivityFactory(title="Klei", starts_at=_in_days(3, 14))
    guest(client, activity)
    message = Notification.objects.get(kind="ontmoeting_registration_confirmed")
    assert message.email == "gast1@test.example"
    attachment = message.attachments[0]
    assert attachment["mimetype"] == "text/calendar" and "BEGIN:VEVENT" in attachment["content"]
    rendered = render(message)
    assert "Klei" in rendered.subject and "14:00" in rendered.text
    link = message.context["manage_url"]
    assert link in rendered.text and link in rendered.html
    # The link, in a fresh browser without logging in, lets the guest cancel.
    path = link.removeprefix("http://127.0.0.1:8000")
    client.logout()
    assert client.get(path).status_code == 200
    response = client.post(path.rstrip("/") + "/annuleren/")
    assert response.status_code == 302
    assert claims(activity).get().status == "cancelled"


def test_reminder_is_planned_a_day_before_and_dropped_when_cancelled(client):
    activity = ActivityFactory(starts_at=_in_days(5, 10))
    guest(client, activity)
    claim = claims(activity).get()
    reminder = Notification.objects.get(key=f"reminder-24h:registration:{claim.pk}")
    assert reminder.due_at == activity.starts_at - dt.timedelta(hours=24)
    assert reminder.status == "pending" and reminder.kind == "ontmoeting_reminder"
    assert "manage_url" in reminder.context
    rendered = render(reminder)
    assert reminder.context["manage_url"] in rendered.text
    token = reminder.context["manage_url"].rstrip("/").rsplit("/", 1)[1]
    client.post(reverse("ontmoeting:manage_cancel", args=[token]))
    reminder.refresh_from_db()
    assert reminder.status == "cancelled"


def test_reminder_across_the_change_to_summer_time(client):
    # 14:00 on Sunday 28 March 2027, the day the clocks go forward: the reminder is due exactly
    # 24 hours earlier (13:00 on Saturday, winter time), and says 14:00.
    start = dt.datetime(2027, 3, 28, 14, tzinfo=ZoneInfo("Europe/Brussels"))
    activity = ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2))
    guest(client, activity)
    reminder = Notification.objects.get(kind="ontmoeting_reminder")
    assert reminder.due_at == start.astimezone(dt.UTC) - dt.timedelta(hours=24)
    assert timezone.localtime(reminder.due_at).hour == 13
    assert reminder.context["start"] == "14:00"


def test_a_freed_place_goes_to_the_first_waiting_who_is_told(client):
    activity = ActivityFactory(capacity=1)
    guest(client, activity, 1)
    guest(client, activity, 2)
    guest(client, activity, 3)
    first = claims(activity, "confirmed").get()
    token = claim_make_token(claim=first, valid_until=activity.ends_at)
    client.post(reverse("ontmoeting:manage_cancel", args=[token]))
    assert claims(activity, "confirmed").get().name == "Gast 2"
    promoted = Notification.objects.get(kind="ontmoeting_place_free")
    assert promoted.email == "gast2@test.example"
    assert promoted.attachments  # the calendar file comes with the place


def test_offer_mode_sends_an_offer_that_can_be_accepted_from_the_email(client, t):
    activity = ActivityFactory(capacity=1, waitlist_mode="offer", offer_hours=12)
    guest(client, activity, 1)
    guest(client, activity, 2)
    first = claims(activity, "confirmed").get()
    registration = claims(activity, "waiting").get()
    client.post(
        reverse(
            "ontmoeting:manage_cancel",
            args=[claim_make_token(claim=first, valid_until=activity.ends_at)],
        )
    )
    offer = Notification.objects.get(kind="ontmoeting_place_offered")
    assert offer.context["offer_until"]
    path = offer.context["manage_url"].removeprefix("http://127.0.0.1:8000")
    assert t("Yes, I take the place") in client.get(path).text
    client.post(path.rstrip("/") + "/aanvaarden/")
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_leaving_the_waiting_list_from_the_email(client):
    activity = ActivityFactory(capacity=1)
    guest(client, activity, 1)
    guest(client, activity, 2)
    waiting = Notification.objects.get(kind="ontmoeting_waiting_list")
    path = waiting.context["manage_url"].removeprefix("http://127.0.0.1:8000")
    client.post(path.rstrip("/") + "/annuleren/")
    assert claims(activity, "waiting").count() == 0


def test_a_tampered_or_expired_link_is_refused_and_changes_nothing(client, t):
    activity = ActivityFactory()
    guest(client, activity)
    claim = claims(activity).get()
    token = claim_make_token(claim=claim, valid_until=activity.ends_at)
    bad = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(reverse("ontmoeting:manage_cancel", args=[bad]))
    assert response.status_code == 400
    assert t("This link is not valid. Check that you copied all of it.") in response.text
    assert client.get(reverse("ontmoeting:manage", args=[bad])).status_code == 400
    expired = claim_make_token(claim=claim, valid_until=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(reverse("ontmoeting:manage_cancel", args=[expired]))
    assert response.status_code == 400 and t("This link has expired.") in response.text
    claim.refresh_from_db()
    assert claim.status == "confirmed"


def test_cancelling_twice_is_a_clear_4xx(client, t):
    activity = ActivityFactory()
    guest(client, activity)
    claim = claims(activity).get()
    url = reverse(
        "ontmoeting:manage_cancel",
        args=[claim_make_token(claim=claim, valid_until=activity.ends_at)],
    )
    client.post(url)
    response = client.post(url)
    assert response.status_code == 400
    assert t("This sign-up was already cancelled.") in response.text


def test_cancelling_an_activity_tells_everyone_signed_up_and_frees_the_room(as_role):
    activity = ActivityFactory(capacity=1)
    registration_create(activity=activity, actor=None, name="A", email="a@test.example")
    registration_create(activity=activity, actor=None, name="B", email="b@test.example")
    client = as_role("staff")
    response = client.post(
        reverse("ontmoeting:activity_cancel", args=[activity.pk]),
        {"reason": "De lesgever is ziek."},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "cancelled"
    told = Notification.objects.filter(kind="notice_cancelled")
    assert set(told.values_list("email", flat=True)) == {"a@test.example", "b@test.example"}
    assert "De lesgever is ziek." in render(told.first()).text
    assert not Notification.objects.filter(kind="ontmoeting_reminder", status="pending").exists()
    from huis.rooms.models import RoomBooking

    assert not RoomBooking.objects.filter(holder_id=activity.pk).exists()
    # Cancelled twice: a clear 4xx.
    again = client.post(reverse("ontmoeting:activity_cancel", args=[activity.pk]))
    assert again.status_code == 400


def test_sign_up_form_works_in_french(client):
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    activity = ActivityFactory()
    response = client.post(sign_up_url(activity), {"name": "Jean"})
    assert response.status_code == 400
    assert '<html lang="fr">' in response.text
    guest(client, activity)
    assert claims(activity).get().language == "fr"


def test_manage_page_offers_the_right_buttons(client, t):
    activity = ActivityFactory(capacity=1)
    guest(client, activity, 1)
    guest(client, activity, 2)
    html = client.get(own_link("ontmoeting_waiting_list")).text
    assert t("You are on the waiting list.") in html
    assert t("Take me off the waiting list") in html
    assert re.search(r'<meta name="robots" content="noindex">', html)
