"""The volunteer function's flows against PostgreSQL: applying and being accepted, signing up
through the places engine (never more than needed, a waiting list), giving back and swapping
with the others told, reminders the evening before that move with the shift, cancelling, and a
volunteer who stops giving back their coming shifts with a notice to the coordinators."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from vrijwilligers import notify, services
from vrijwilligers.models import Application, SwapRequest, Volunteer

from .factories import at, shift, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _kinds(user) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=user)
        .exclude(status="cancelled")
        .values_list("kind", flat=True)
    )


def test_applying_and_being_accepted_makes_an_account_a_role_and_a_profile(coordinator):
    application = services.application_submit(
        name="Mira", email="Mira@Example.org", tasks=["reception", "nonsense"], language="fr"
    )
    assert application.tasks == ["reception"]
    with pytest.raises(services.VolunteersError):
        services.application_submit(name="Mira", email="mira@example.org", tasks=[])
    volunteer_ = services.application_accept(application=application, actor=coordinator)
    user = volunteer_.user
    assert user.email == "mira@example.org"
    assert user.preferred_language == "fr"
    assert user.has_role("volunteer")
    assert volunteer_.tasks == ["reception"]
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert _kinds(user) == ["vrijwilligers_accepted"]
    with pytest.raises(services.VolunteersError):
        services.application_accept(application=application, actor=coordinator)
    assert AuditEntry.objects.filter(action="vrijwilligers.application.accepted").exists()


def test_accepting_an_existing_person_reuses_their_account(coordinator, visitor):
    application = services.application_submit(name="Vera", email=visitor.email.upper(), tasks=[])
    volunteer_ = services.application_accept(application=application, actor=coordinator)
    assert volunteer_.user == visitor


def test_sign_up_never_more_than_needed_then_the_waiting_list(coordinator):
    s = shift(coordinator, needed=2)
    a, b, c = volunteer("An"), volunteer("Bo"), volunteer("Cas")
    assert services.shift_sign_up(shift=s, volunteer=a, actor=a.user).status == "confirmed"
    assert services.shift_sign_up(shift=s, volunteer=b, actor=b.user).status == "confirmed"
    assert services.shift_sign_up(shift=s, volunteer=c, actor=c.user).status == "waiting"
    s.offering.refresh_from_db()
    assert s.offering.taken == 2
    with pytest.raises(services.VolunteersError, match="already"):
        services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    # Only the two with a place get a reminder, due at 18:00 the evening before.
    reminders = Notification.objects.filter(kind="vrijwilligers_reminder")
    assert {n.recipient for n in reminders} == {a.user, b.user}
    due = timezone.localtime(reminders.first().due_at)
    assert due.time() == dt.time(18, 0)
    assert due.date() == timezone.localtime(s.starts_at).date() - dt.timedelta(days=1)


def test_giving_back_promotes_the_first_waiting_who_is_told_and_reminded(coordinator):
    s = shift(coordinator, needed=1)
    a, b = volunteer("An"), volunteer("Bo")
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    services.shift_sign_up(shift=s, volunteer=b, actor=b.user)
    services.shift_give_back(shift=s, volunteer=a, actor=a.user)
    assert services.claim_of(s, b).status == "confirmed"
    assert "vrijwilligers_place_given" in _kinds(b.user)
    assert "vrijwilligers_reminder" in _kinds(b.user)
    assert "vrijwilligers_reminder" not in _kinds(a.user)  # a's reminder was cancelled


def test_giving_back_with_nobody_waiting_tells_the_others_who_can_take_it(coordinator):
    s = shift(coordinator, needed=1, tasks=("reception",))
    a = volunteer("An")
    fits, other_task = volunteer("Bo"), volunteer("Cas", tasks=("kitchen",))
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    services.shift_give_back(shift=s, volunteer=a, actor=a.user)
    assert _kinds(fits.user) == ["vrijwilligers_help_wanted"]
    assert _kinds(other_task.user) == []
    assert _kinds(a.user) == []


def test_a_swap_keeps_the_place_until_someone_takes_it_over(coordinator):
    s = shift(coordinator, needed=1)
    a, b = volunteer("An"), volunteer("Bo")
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    swap = services.swap_ask(shift=s, volunteer=a, actor=a.user, note="Ik ben ziek")
    assert swap.status == SwapRequest.Status.OPEN
    assert services.claim_of(s, a).status == "confirmed"
    assert "vrijwilligers_help_wanted" in _kinds(b.user)
    with pytest.raises(services.VolunteersError):
        services.swap_take(swap=swap, volunteer=a, actor=a.user)
    services.swap_take(swap=swap, volunteer=b, actor=b.user)
    assert services.claim_of(s, a) is None
    assert services.claim_of(s, b).status == "confirmed"
    swap.refresh_from_db()
    assert swap.status == SwapRequest.Status.TAKEN and swap.taken_by == b
    assert "vrijwilligers_swap_taken" in _kinds(a.user)
    assert "vrijwilligers_reminder" in _kinds(b.user)
    assert "vrijwilligers_reminder" not in _kinds(a.user)
    c = volunteer("Cas")
    with pytest.raises(services.VolunteersError):
        services.swap_take(swap=swap, volunteer=c, actor=c.user)


def test_asking_a_swap_when_someone_waits_gives_the_place_to_them(coordinator):
    s = shift(coordinator, needed=1)
    a, b = volunteer("An"), volunteer("Bo")
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    services.shift_sign_up(shift=s, volunteer=b, actor=b.user)
    assert services.swap_ask(shift=s, volunteer=a, actor=a.user) is None
    assert services.claim_of(s, b).status == "confirmed"


def test_moving_a_shift_tells_the_volunteers_and_moves_their_reminders(coordinator):
    s = shift(coordinator, days=3, needed=2)
    a = volunteer("An")
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    old = Notification.objects.get(kind="vrijwilligers_reminder", recipient=a.user)
    data = services.ShiftData(
        title=s.title, kind=s.kind, starts_at=at(5, 13), ends_at=at(5, 16), needed=2
    )
    services.shift_update(shift=s, data=data, actor=coordinator)
    old.refresh_from_db()
    assert old.status == "cancelled"
    new = Notification.objects.get(
        kind="vrijwilligers_reminder", recipient=a.user, status="pending"
    )
    assert timezone.localtime(new.due_at).date() == timezone.localdate() + dt.timedelta(days=4)
    assert "vrijwilligers_shift_changed" in _kinds(a.user)
    # Fewer places than people on it: refused, with the reason.
    b = volunteer("Bo")
    services.shift_sign_up(shift=s, volunteer=b, actor=b.user)
    with pytest.raises(services.VolunteersError, match="already on this shift"):
        services.shift_update(
            shift=s,
            data=services.ShiftData(
                title=s.title, kind=s.kind, starts_at=at(5, 13), ends_at=at(5, 16), needed=1
            ),
            actor=coordinator,
        )


def test_cancelling_a_shift_tells_everyone_and_cancels_reminders(coordinator):
    s = shift(coordinator)
    a = volunteer("An")
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    with pytest.raises(services.VolunteersError):
        services.shift_cancel(shift=s, actor=coordinator, reason=" ")
    services.shift_cancel(shift=s, actor=coordinator, reason="Het huis is dicht")
    assert _kinds(a.user) == ["vrijwilligers_shift_cancelled"]
    b = volunteer("Bo")
    with pytest.raises(services.VolunteersError, match="cancelled"):
        services.shift_sign_up(shift=s, volunteer=b, actor=b.user)


def test_a_volunteer_who_stops_gives_back_coming_shifts_with_a_notice(coordinator):
    first, second = shift(coordinator, days=2, needed=1), shift(coordinator, days=4, needed=1)
    a, b = volunteer("An"), volunteer("Bo")
    for s in (first, second):
        services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    services.shift_sign_up(shift=second, volunteer=b, actor=b.user)  # waits for the second
    freed = services.volunteer_deactivate(volunteer=a, actor=coordinator)
    assert [s.pk for s in freed] == [first.pk, second.pk]
    assert services.claim_of(first, a) is None
    assert services.claim_of(second, b).status == "confirmed"
    notice = Notification.objects.get(kind="vrijwilligers_volunteer_stopped", recipient=coordinator)
    assert len(notice.context["shifts"]) == 2
    assert "vrijwilligers_reminder" not in _kinds(a.user)
    a.refresh_from_db()
    assert not a.is_active and a.ended_on == timezone.localdate()
    with pytest.raises(services.VolunteersError):
        services.shift_sign_up(shift=first, volunteer=a, actor=a.user)


def test_a_weekly_shift_keeps_its_local_time_across_the_daylight_saving_change(coordinator):
    today = timezone.localdate()
    # A span of weeks that crosses the last Sunday of March or October whatever today is.
    series = services.series_create(
        title="Onthaal dinsdag",
        kind="reception",
        weekday=1,
        start_time=dt.time(9),
        end_time=dt.time(12),
        needed=2,
        starts_on=today + dt.timedelta(days=1),
        until=today + dt.timedelta(days=7 * 30),
        actor=coordinator,
    )
    shifts = list(series.shifts.order_by("starts_at"))
    assert 29 <= len(shifts) <= 31
    assert {timezone.localtime(s.starts_at).time() for s in shifts} == {dt.time(9)}
    assert {timezone.localtime(s.starts_at).weekday() for s in shifts} == {1}
    offsets = {timezone.localtime(s.starts_at).utcoffset() for s in shifts}
    assert len(offsets) == 2  # winter and summer time both met


def test_the_reminder_renders_in_the_volunteers_language(coordinator):
    from huis.notifications.services import render

    s = shift(coordinator)
    a = volunteer("An")
    a.user.preferred_language = "fr"
    a.user.save()
    services.shift_sign_up(shift=s, volunteer=a, actor=a.user)
    rendered = render(Notification.objects.get(kind="vrijwilligers_reminder"))
    assert "Onthaal" in rendered.text
    assert rendered.subject and rendered.subject != "Reminder: your volunteer shift tomorrow"


def test_reminder_due_is_the_evening_before(coordinator):
    s = shift(coordinator, days=3, hour=9)
    due = timezone.localtime(notify.reminder_due(s))
    assert (due.date(), due.time()) == (timezone.localdate() + dt.timedelta(days=2), dt.time(18))


def test_stopped_volunteer_is_not_active(coordinator):
    a = volunteer("An")
    services.volunteer_deactivate(volunteer=a, actor=coordinator)
    with pytest.raises(services.VolunteersError):
        services.volunteer_deactivate(volunteer=a, actor=coordinator)
    assert not Volunteer.objects.get(pk=a.pk).is_active
