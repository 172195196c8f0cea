"""Expert assignments use the core's change notices (issue #25): a moved request moves its
assignments and reminders and tells each expert once, in their language; a cancelled assignment
is told once and cancelling again frees nothing twice."""

import datetime as dt

import pytest
from django.utils import timezone

from ervaringsdeskundigen import services
from huis.notifications.models import Notification

from .factories import ExpertFactory, ExpertRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(coordinator):
    request = ExpertRequestFactory(starts_at=timezone.now() + dt.timedelta(days=10))
    expert = ExpertFactory(user__preferred_language="fr")
    [assignment] = services.request_propose_experts(
        request=request, experts=[expert], actor=coordinator
    )
    services.assignment_accept(assignment=assignment, actor=expert.user)
    assignment.refresh_from_db()
    return assignment


def _reminders(assignment, status="pending"):
    return Notification.objects.filter(
        kind="experts_reminder_expert", recipient=assignment.expert.user, status=status
    )


def test_an_assignment_moved_two_hours_moves_its_reminder_and_tells_the_expert_once(
    accepted, coordinator
):
    request = accepted.request
    old_due = _reminders(accepted).get().due_at
    new_start = request.starts_at + dt.timedelta(hours=2)
    for _ in range(2):  # the same move twice: told once
        services.request_schedule(
            request=request,
            starts_at=new_start,
            duration_minutes=request.duration_minutes,
            actor=coordinator,
        )
    accepted.refresh_from_db()
    assert accepted.starts_at == new_start
    assert accepted.ends_at == new_start + dt.timedelta(minutes=request.duration_minutes)
    [reminder] = _reminders(accepted)
    assert reminder.due_at == old_due + dt.timedelta(hours=2)
    [notice] = Notification.objects.filter(kind="notice_moved", recipient=accepted.expert.user)
    assert notice.language == "fr"
    assert notice.context["old_start"] != notice.context["start"]
    # The organisation's reminder follows too.
    org = Notification.objects.get(kind="experts_reminder_organisation", status="pending")
    assert org.due_at == new_start - dt.timedelta(hours=48)


def test_a_move_into_another_assignment_of_the_expert_is_refused(accepted, coordinator):
    other = ExpertRequestFactory(starts_at=accepted.starts_at + dt.timedelta(days=1))
    [second] = services.request_propose_experts(
        request=other, experts=[accepted.expert], actor=coordinator
    )
    services.assignment_accept(assignment=second, actor=accepted.expert.user)
    with pytest.raises(services.ExpertsError, match="another assignment"):
        services.request_schedule(
            request=other,
            starts_at=accepted.starts_at,
            duration_minutes=60,
            actor=coordinator,
        )
    assert not Notification.objects.filter(kind="notice_moved").exists()


def test_a_cancelled_assignment_is_told_once_and_frees_nothing_twice(accepted, coordinator):
    services.assignment_withdraw(assignment=accepted, actor=coordinator)
    with pytest.raises(services.ExpertsError):
        services.assignment_withdraw(assignment=accepted, actor=coordinator)
    services.request_cancel(request=accepted.request, actor=coordinator)
    notices = Notification.objects.filter(kind="notice_cancelled", recipient=accepted.expert.user)
    assert notices.count() == 1
    assert notices.get().language == "fr"
    assert not _reminders(accepted).exists()
    assert not Notification.objects.filter(kind="experts_proposal_withdrawn").exists()
