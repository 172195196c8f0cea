"""The volunteer's and the coordinator's pages with a real volunteer: applying on the public page
(in Dutch, French and English, without JavaScript), being accepted, signing up, asking a swap and
taking it over, writing down hours; a shift that staffs an activity (its volunteers come from the
roster), in the volunteer's private calendar feed; the activity form offers volunteers as
leaders."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from tests.factories import ActivityFactory
from vrijwilligers import services
from vrijwilligers.models import Application, Shift, SwapRequest

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "button"),
    [
        ("nl", "Word vrijwilliger", "Versturen"),
        ("fr", "Devenez bénévole", "Envoyer"),
        ("en", "Become a volunteer", "Send"),
    ],
)
def test_the_public_page_to_apply_in_three_languages(client, language, heading, button):
    client.cookies["django_language"] = language
    page = client.get(reverse("vrijwilligers:apply")).text
    assert heading in page and button in page
    response = client.post(
        reverse("vrijwilligers:apply"),
        {
            "name": "Mira",
            "email": "mira@example.org",
            "tasks": ["kitchen"],
            "phone": "0470 12 34 56",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.language == language and application.phone == "+32470123456"
    again = client.post(
        reverse("vrijwilligers:apply"), {"name": "Mira", "email": "mira@example.org"}
    )
    assert again.status_code == 200 and "email" in again.context["form"].errors


def test_bad_input_on_the_public_page_is_shown_not_a_500(client):
    response = client.post(reverse("vrijwilligers:apply"), {"name": "", "email": "not-an-address"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "email"}


def test_accepting_signing_up_swapping_and_hours_through_the_pages(client, coordinator):
    application = services.application_submit(name="Mira", email="mira@example.org", tasks=[])
    client.force_login(coordinator)
    response = client.post(reverse("vrijwilligers:application_accept", args=[application.pk]))
    assert response.status_code == 302
    mira = Application.objects.get().volunteer
    s = shift(coordinator, needed=1)

    client.force_login(mira.user)
    assert "Onthaal" in client.get(reverse("vrijwilligers:mine")).text
    assert client.post(reverse("vrijwilligers:shift_sign_up", args=[s.pk])).status_code == 302
    assert services.claim_of(s, mira).status == "confirmed"
    again = client.post(reverse("vrijwilligers:shift_sign_up", args=[s.pk]))
    assert again.status_code == 400  # refused with the reason, nothing changed
    client.post(reverse("vrijwilligers:swap_ask", args=[s.pk]), {"note": "Ik ben op reis"})
    swap = SwapRequest.objects.get()

    bo = volunteer("Bo")
    client.force_login(bo.user)
    assert "Ik ben op reis" in client.get(reverse("vrijwilligers:mine")).text
    assert client.post(reverse("vrijwilligers:swap_take", args=[swap.pk])).status_code == 302
    assert services.claim_of(s, bo).status == "confirmed"
    assert services.claim_of(s, mira) is None

    s = move_to_past(s, day=timezone.localdate() - dt.timedelta(days=1))
    bad = client.post(reverse("vrijwilligers:hours_report", args=[s.pk]), {"hours": "99"})
    assert bad.status_code == 400
    ok = client.post(reverse("vrijwilligers:hours_report", args=[s.pk]), {"hours": "3", "km": "4"})
    assert ok.status_code == 302
    assert bo.hours.get().km == 4


def test_a_shift_for_an_activity_and_the_volunteers_feed(client, coordinator):
    activity = ActivityFactory(title="Samen koken", actor=coordinator)
    client.force_login(coordinator)
    form = client.get(reverse("vrijwilligers:shift_create")).text
    assert "Samen koken" in form
    start = timezone.localtime(activity.starts_at)
    response = client.post(
        reverse("vrijwilligers:shift_create"),
        {
            "for_object": f"activity:{activity.pk}",
            "title": "Helpers Samen koken",
            "kind": "activity_help",
            "day": start.date().isoformat(),
            "start": start.strftime("%H:%M"),
            "end": (start + dt.timedelta(hours=1)).strftime("%H:%M"),
            "needed": "2",
            "tasks": ["activities"],
        },
    )
    assert response.status_code == 302
    s = Shift.objects.get(title="Helpers Samen koken")
    assert s.for_id == activity.pk
    page = client.get(s.get_absolute_url()).text
    assert activity.get_absolute_url() in page

    helper = volunteer("Hanne", tasks=("activities",))
    services.shift_sign_up(shift=s, volunteer=helper, actor=helper.user)
    feed = client.get(reverse("vrijwilligers:feed", args=[helper.feed_token]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert "Helpers Samen koken" in feed.content.decode()


def test_the_activity_form_offers_volunteers_of_the_roster_as_leaders(client, coordinator):
    from ontmoeting.forms import _leader_choices

    helper = volunteer("Hanne")
    assert helper.user in _leader_choices()


def test_the_board_says_the_gap_in_words(client, coordinator):
    s = shift(coordinator, needed=3)
    v = volunteer("An")
    services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    client.force_login(coordinator)
    week = client.get(reverse("vrijwilligers:board_week") + f"?van={s.starts_at:%Y-%m-%d}").text
    assert "2 vrijwilligers ontbreken (1 van 3)" in week
    assert "vw-gap" in week and "An" in week
    # A date that is not one is ignored, never a 500.
    assert client.get(reverse("vrijwilligers:board_week") + "?van=2026-99-99").status_code == 200
    assert client.get(reverse("vrijwilligers:board_month") + "?maand=xx-13").status_code == 200


def test_the_reminder_is_a_row_in_the_outbox_for_the_evening_before(coordinator):
    s = shift(coordinator, days=4)
    v = volunteer("An")
    services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    reminder = Notification.objects.get(kind="vrijwilligers_reminder")
    assert reminder.status == "pending" and reminder.due_at > timezone.now()
