"""Staff on the day: the desk, the attendance list and CSV, the waiting list, walk-in, figures."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from huis.places.models import PlaceChange, PlaceClaim
from ontmoeting.models import Activity, WalkInTally
from ontmoeting.selectors import overview
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, OpeningPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db


def soon(activity):
    """Move the activity to start within the hour, so check-in is open."""
    start = timezone.now() + dt.timedelta(minutes=30)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    activity.refresh_from_db()
    return activity


def test_staff_sign_up_someone_at_the_desk_also_into_their_account(as_role):
    activity = ActivityFactory(signup_opens_at=timezone.now() + dt.timedelta(days=1))
    known = UserFactory(email="karel@test.example")
    client = as_role("staff")
    url = reverse("ontmoeting:staff_sign_up", args=[activity.pk])
    desk = client.get(url)
    assert desk.status_code == 200
    # The desk says what the person will get, and where, before staff sign them up.
    with translation.override("nl"):
        for sentence in (
            "With an email address: the confirmation with their own link, and a reminder the "
            "day before, by email.",
            "With only a mobile number: the same by text message, with a short link. Replying "
            "STOP stops the text messages.",
            "With only a landline: no messages. Call them if something changes.",
        ):
            assert translation.gettext(sentence) in desk.text
    # Staff may sign up before the window opens (someone at the desk).
    response = client.post(url, {"name": "Karel", "email": "Karel@test.example"})
    assert response.status_code == 302
    claim = PlaceClaim.objects.get()
    assert claim.user == known and claim.status == "confirmed"
    response = client.post(url, {"name": "Mia", "phone": "0470 11 22 33"})
    assert PlaceClaim.objects.count() == 2


def test_attendance_list_check_in_and_printable_page(as_role):
    activity = ActivityFactory()
    claim = registration_create(activity=activity, actor=None, name="Ann", email="a@test.example")
    client = as_role("staff")
    url = reverse("ontmoeting:attendance", args=[activity.pk])
    page = client.get(url).text
    assert "Ann" in page and 'name="attendance"' not in page  # check-in opens 2 hours before
    refused = client.post(
        reverse("ontmoeting:claim_attendance", args=[claim.pk]), {"attendance": "attended"}
    )
    assert refused.status_code == 400
    soon(activity)
    assert 'name="attendance"' in client.get(url).text
    client.post(reverse("ontmoeting:claim_attendance", args=[claim.pk]), {"attendance": "attended"})
    claim.refresh_from_db()
    assert claim.attendance == "attended"
    client.post(reverse("ontmoeting:claim_attendance", args=[claim.pk]), {"attendance": "no_show"})
    claim.refresh_from_db()
    assert claim.attendance == "no_show"
    bad = client.post(reverse("ontmoeting:claim_attendance", args=[claim.pk]), {"attendance": "x"})
    assert bad.status_code == 400


def test_attendance_csv_neutralises_formulas(as_role):
    activity = ActivityFactory()
    for n, name in enumerate(["=HYPERLINK(1)", "+32 tel", "-min", "@sum", "Gewoon"]):
        registration_create(activity=activity, actor=None, name=name, email=f"p{n}@test.example")
    response = as_role("staff").get(reverse("ontmoeting:attendance_csv", args=[activity.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[0] for row in rows[1:]}
    assert names == {"'=HYPERLINK(1)", "'+32 tel", "'-min", "'@sum", "Gewoon"}
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_move_up_needs_a_reason_which_is_kept(as_role, staff):
    activity = ActivityFactory(capacity=1)
    for n in range(3):
        registration_create(activity=activity, actor=None, name=f"P{n}", email=f"p{n}@t.example")
    last = PlaceClaim.objects.get(name="P2")
    client = as_role("staff")
    url = reverse("ontmoeting:claim_move_up", args=[last.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert (
        client.post(url, {"reason": "Eerste keer in huis, hulpverlener vroeg het"}).status_code
        == 302
    )
    waiting = list(PlaceClaim.objects.filter(status="waiting").order_by("rank"))
    assert waiting[0] == last
    assert PlaceChange.objects.get(claim=last, action="move_up").actor == staff
    page = client.get(reverse("ontmoeting:staff_activity", args=[activity.pk])).text
    assert "P0" in page and "P1" in page and "P2" in page


def test_staff_cancel_a_sign_up_and_the_next_gets_the_place(as_role):
    activity = ActivityFactory(capacity=1)
    first = registration_create(activity=activity, actor=None, name="A", email="a@t.example")
    registration_create(activity=activity, actor=None, name="B", email="b@t.example")
    as_role("staff").post(reverse("ontmoeting:claim_cancel", args=[first.pk]))
    assert PlaceClaim.objects.get(status="confirmed").name == "B"


def test_walk_in_tally_is_a_number_per_open_session(as_role, staff):
    weekday = timezone.localdate().weekday()
    OpeningPeriodFactory(weekday=weekday, opens_at=dt.time(14), closes_at=dt.time(17))
    session = f"{weekday}-14:00-17:00"
    client = as_role("staff")
    url = reverse("ontmoeting:walk_in")
    assert client.get(url).status_code == 200
    today = timezone.localdate().isoformat()
    response = client.post(url, {"period": session, "date": today, "count": "17"})
    assert response.status_code == 302
    client.post(url, {"period": session, "date": today, "count": "19"})  # corrected
    tally = WalkInTally.objects.get()
    assert tally.count == 19 and (tally.opens_at, tally.closes_at) == (dt.time(14), dt.time(17))
    assert client.post(url, {"period": session, "date": today, "count": "-1"}).status_code == 400
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert client.post(url, {"period": session, "date": tomorrow, "count": "3"}).status_code == 400
    wrong_day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert client.post(url, {"period": session, "date": wrong_day, "count": "3"}).status_code == 400
    not_a_period = f"{weekday}-09:00-10:00"
    assert (
        client.post(url, {"period": not_a_period, "date": today, "count": "3"}).status_code == 400
    )


def test_the_walk_in_hours_are_the_houses_and_are_edited_on_the_facts_page(as_role):
    OpeningPeriodFactory(weekday=2, opens_at=dt.time(10), closes_at=dt.time(12))
    page = as_role("staff").get(reverse("ontmoeting:walk_in"))
    assert "10:00–12:00" in page.text
    assert f'href="{reverse("facts:edit")}"' in page.text


def test_overview_per_month_and_year(as_role):
    activity = soon(ActivityFactory(capacity=5))
    a = registration_create(activity=activity, actor=None, name="A", email="a@t.example")
    b = registration_create(
        activity=activity, actor=None, name="B", email="b@t.example", places_wanted=2
    )
    PlaceClaim.objects.filter(pk=a.pk).update(attendance="attended")
    PlaceClaim.objects.filter(pk=b.pk).update(attendance="no_show")
    walk = soon(ActivityFactory(capacity=None))
    Activity.objects.filter(pk=walk.pk).update(walk_in_count=12)
    ActivityFactory(status="cancelled")
    WalkInTally.objects.create(
        date=timezone.localdate(), opens_at=dt.time(14), closes_at=dt.time(17), count=9
    )
    year = timezone.localdate().year
    months, total = overview(year=year)
    assert total.activities == 2
    assert total.cancelled == 1
    assert total.places_signed_up == 3 and total.attended == 1 and total.no_show == 2
    assert total.activity_walk_ins == 12 and total.walk_ins == 9
    this_month = months[timezone.localtime(activity.starts_at).month - 1]
    assert this_month.places_signed_up == 3
    page = as_role("coordinator").get(reverse("ontmoeting:overview"), {"jaar": year})
    assert page.status_code == 200 and str(year) in page.text
    assert (
        as_role("coordinator").get(reverse("ontmoeting:overview"), {"jaar": "x"}).status_code == 200
    )


def test_walk_in_count_for_an_activity_without_sign_up(as_role):
    activity = ActivityFactory(capacity=None)
    client = as_role("staff")
    url = reverse("ontmoeting:activity_walk_ins", args=[activity.pk])
    assert client.post(url, {"count": "7"}).status_code == 302
    activity.refresh_from_db()
    assert activity.walk_in_count == 7
    assert client.post(url, {"count": "-2"}).status_code == 400
