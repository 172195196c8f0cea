"""Staff plan the programme: activities, weekly series, rooms, bad input."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.rooms.models import RoomBooking
from ontmoeting.models import Activity
from ontmoeting.services import ActivityData, ActivityError, activity_create, activity_update
from tests.factories import ActivityFactory, RoomFactory, _in_days

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def form_data(room, day: dt.date, **extra) -> dict:
    data = {
        "title": "Inloop",
        "summary": "Kom binnen voor koffie.",
        "description": "Iedereen is welkom.",
        "category": "ontmoeting",
        "room": room.pk,
        "date": day.isoformat(),
        "start_time": "14:00",
        "end_time": "17:00",
        "capacity": "",
        "waitlist_mode": "automatic",
        "offer_hours": "24",
        "max_places_per_claim": "4",
        "price": "0",
        "step_free": "on",
    }
    data.update(extra)
    return data


def test_staff_create_an_activity_as_a_draft_then_publish(as_role, staff):
    room = RoomFactory()
    client = as_role("staff")
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(
        reverse("ontmoeting:activity_create"), form_data(room, day, capacity="8")
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.status == "draft" and activity.step_free
    assert timezone.localtime(activity.starts_at).hour == 14
    assert activity.offering.capacity == 8 and not activity.offering.is_open
    assert RoomBooking.objects.get().room == room
    client.post(reverse("ontmoeting:activity_publish", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == "published" and activity.offering.is_open
    assert AuditEntry.objects.filter(action="ontmoeting.activity_published", actor=staff).exists()


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"end_time": "13:00"}, "end_time"),
        ({"capacity": "-3"}, "capacity"),
        ({"price": "-1"}, "price"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(as_role, extra, field):
    room = RoomFactory()
    day = timezone.localdate() + dt.timedelta(days=3)
    response = as_role("staff").post(
        reverse("ontmoeting:activity_create"), form_data(room, day, **extra)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_date_in_the_past_is_refused(as_role, t):
    room = RoomFactory()
    day = timezone.localdate() - dt.timedelta(days=1)
    response = as_role("staff").post(reverse("ontmoeting:activity_create"), form_data(room, day))
    assert response.status_code == 400
    assert t("This date is in the past. Choose a date in the future.") in response.text
    assert not Activity.objects.exists()


def test_the_form_names_the_booking_that_clashes(as_role):
    room = RoomFactory(name="Atelier")
    existing = ActivityFactory(title="Schilderen", room=room, starts_at=_in_days(4, 15))
    day = timezone.localtime(existing.starts_at).date()
    response = as_role("staff").post(
        reverse("ontmoeting:activity_create"), form_data(room, day, title="Klei")
    )
    assert response.status_code == 400
    assert "Atelier" in response.text and "Schilderen" in response.text
    assert Activity.objects.count() == 1


def test_a_weekly_series_keeps_its_wall_clock_time_across_the_change_to_summer_time():
    # Every Tuesday 14:00-17:00 from 16 March to 13 April 2027; the clocks go forward on 28 March.
    start = dt.datetime(2027, 3, 16, 14, tzinfo=BRUSSELS)
    data = ActivityData(
        title="Inloop",
        summary="Koffie",
        description="Welkom",
        category="ontmoeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        room=RoomFactory(),
    )
    first = activity_create(data=data, actor=None, repeat_weekly_until=dt.date(2027, 4, 13))
    series = list(Activity.objects.filter(series=first.series).order_by("starts_at"))
    assert len(series) == 5
    for activity in series:
        local_start = activity.starts_at.astimezone(BRUSSELS)
        assert (local_start.weekday(), local_start.hour, local_start.minute) == (1, 14, 0)
        assert activity.ends_at.astimezone(BRUSSELS).hour == 17
    offsets = {a.starts_at.astimezone(BRUSSELS).utcoffset() for a in series}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    assert RoomBooking.objects.count() == 5


def _series(room=None, weeks=4):
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=2), dt.time(14))
    )
    data = ActivityData(
        title="Inloop",
        summary="Koffie",
        description="Welkom",
        category="ontmoeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        room=room or RoomFactory(),
        capacity=10,
    )
    first = activity_create(
        data=data, actor=None, repeat_weekly_until=start.date() + dt.timedelta(weeks=weeks - 1)
    )
    return data, list(Activity.objects.filter(series=first.series).order_by("starts_at"))


def test_change_one_date_of_a_series(as_role):
    _data, series = _series()
    second = series[1]
    day = timezone.localtime(second.starts_at).date()
    data = form_data(second.room, day, title="Inloop met muziek", start_time="15:00", scope="one")
    data["capacity"] = "10"
    response = as_role("staff").post(reverse("ontmoeting:activity_update", args=[second.pk]), data)
    assert response.status_code == 302
    titles = [a.title for a in Activity.objects.filter(series=second.series).order_by("starts_at")]
    assert titles == ["Inloop", "Inloop met muziek", "Inloop", "Inloop"]
    second.refresh_from_db()
    assert second.series_detached and timezone.localtime(second.starts_at).hour == 15


def test_change_the_rest_of_a_series(as_role):
    _data, series = _series()
    third = series[2]
    series_id = third.series_id
    day = timezone.localtime(third.starts_at).date()
    data = form_data(
        third.room, day, title="Inloop (nieuw uur)", start_time="13:00", end_time="16:00"
    )
    data.update(scope="rest", capacity="10")
    response = as_role("staff").post(reverse("ontmoeting:activity_update", args=[third.pk]), data)
    assert response.status_code == 302
    after = list(Activity.objects.filter(series_id=series_id).order_by("starts_at"))
    assert [a.title for a in after] == [
        "Inloop",
        "Inloop",
        "Inloop (nieuw uur)",
        "Inloop (nieuw uur)",
    ]
    assert [timezone.localtime(a.starts_at).hour for a in after] == [14, 14, 13, 13]


def test_a_clash_in_one_week_refuses_the_whole_series_change_and_keeps_what_was_saved():
    room = RoomFactory(name="Atelier")
    data, series = _series(room=room)
    blocker_start = series[3].starts_at + dt.timedelta(hours=3)
    ActivityFactory(
        title="Klei",
        room=room,
        starts_at=blocker_start,
        ends_at=blocker_start + dt.timedelta(hours=1),
    )
    later = data.__class__(**{**data.__dict__, "ends_at": data.ends_at + dt.timedelta(hours=1)})
    with pytest.raises(ActivityError, match="Klei"):
        activity_update(activity=series[0], data=later, actor=None, scope="rest")
    hours = [
        timezone.localtime(a.ends_at).hour
        for a in Activity.objects.filter(series=series[0].series).order_by("starts_at")
    ]
    assert hours == [17, 17, 17, 17]


def test_fewer_places_than_taken_is_refused(as_role):
    from ontmoeting.services import registration_create

    activity = ActivityFactory(capacity=2)
    registration_create(activity=activity, actor=None, name="A", email="a@test.example")
    registration_create(activity=activity, actor=None, name="B", email="b@test.example")
    day = timezone.localtime(activity.starts_at).date()
    data = form_data(
        activity.room,
        day,
        start_time=timezone.localtime(activity.starts_at).strftime("%H:%M"),
        end_time=timezone.localtime(activity.ends_at).strftime("%H:%M"),
        capacity="1",
    )
    response = as_role("staff").post(
        reverse("ontmoeting:activity_update", args=[activity.pk]), data
    )
    assert response.status_code == 400
    activity.offering.refresh_from_db()
    assert activity.offering.capacity == 2
