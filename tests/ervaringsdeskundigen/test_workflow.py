"""A request's life: every status change is an allowed step, with a history row and who made it;
proposals, acceptances and declines move the request along; emails go out once."""

import datetime as dt

import pytest
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import Assignment, ExpertRequest, RequestEvent
from ervaringsdeskundigen.services.errors import NeedsConfirmation
from ervaringsdeskundigen.services.transitions import TRANSITIONS
from huis.notifications.models import Notification

from .factories import ExpertFactory, ExpertRequestFactory, theme, work_kind

pytestmark = pytest.mark.django_db


def _submit(**extra):
    data = {
        "organisation_name": "Sint-Lucas",
        "contact_name": "An",
        "contact_email": "an@school.example",
        "work_kind": work_kind(),
        "starts_at": timezone.now() + dt.timedelta(days=10),
        "place": "Gent",
        "audience": "Leerlingen",
        **extra,
    }
    return services.request_submit(data=data, themes=[theme("psychose")], language="fr")


def test_a_new_request_has_history_and_the_organisation_gets_a_link_in_its_language():
    request = _submit()
    assert request.status == "new"
    assert list(request.events.values_list("from_status", "to_status")) == [("", "new")]
    mail = Notification.objects.get(kind="experts_request_received")
    assert mail.email == "an@school.example"
    assert mail.language == "fr"
    assert "/ervaringsdeskundigen/aanvraag/volgen/" in mail.context["follow_url"]


def test_no_state_can_be_skipped(coordinator):
    request = _submit()
    with pytest.raises(services.ExpertsError):
        services.request_mark_done(request=request, actor=coordinator)  # new -> done
    with pytest.raises(services.ExpertsError):
        services.evaluation_submit(request=request, rating=5, went_well="", could_improve="")
    expert = ExpertFactory()
    with pytest.raises(services.ExpertsError, match="Take up"):
        services.request_propose_experts(request=request, experts=[expert], actor=coordinator)
    request.refresh_from_db()
    assert request.status == "new"
    assert request.events.count() == 1


def test_transitions_table_has_no_jump_to_done_or_evaluated_from_early_states():
    assert "done" not in TRANSITIONS["new"] | TRANSITIONS["in_progress"] | TRANSITIONS["proposed"]
    assert TRANSITIONS["done"] == {"evaluated"}
    for closed in ("evaluated", "declined", "cancelled"):
        assert TRANSITIONS[closed] == frozenset()


def test_the_whole_path_with_who_handled_each_step(coordinator, expert_profile):
    request = _submit(experts_wanted=1)
    services.request_take(request=request, actor=coordinator)
    request.refresh_from_db()
    assert (request.status, request.handler) == ("in_progress", coordinator)
    [assignment] = services.request_propose_experts(
        request=request, experts=[expert_profile], actor=coordinator
    )
    assert Notification.objects.filter(kind="experts_proposal", recipient=expert_profile.user)
    services.assignment_accept(assignment=assignment, actor=expert_profile.user)
    request.refresh_from_db()
    assert request.status == "confirmed"
    confirmed = Notification.objects.get(kind="experts_request_confirmed")
    assert expert_profile.user.display_name in confirmed.context["experts"]
    # Reminders wait as rows with a due time, two days before.
    reminder = Notification.objects.get(kind="experts_reminder_expert")
    assert reminder.due_at == assignment.starts_at - dt.timedelta(hours=48)
    assert Notification.objects.filter(kind="experts_reminder_organisation").exists()
    steps = list(request.events.values_list("to_status", "actor_id"))
    assert steps == [
        ("new", None),
        ("in_progress", coordinator.pk),
        ("proposed", coordinator.pk),
        ("confirmed", expert_profile.user_id),
    ]


def test_done_only_after_the_assignment_then_evaluation(coordinator):
    request = ExpertRequestFactory(status="confirmed")
    with pytest.raises(services.ExpertsError, match="not taken place"):
        services.request_mark_done(request=request, actor=coordinator)
    request.starts_at = timezone.now() - dt.timedelta(days=1)
    request.save()
    services.request_mark_done(request=request, actor=coordinator)
    assert Notification.objects.filter(kind="experts_evaluation").exists()
    services.evaluation_submit(request=request, rating=4, went_well="Sterk", could_improve="")
    request.refresh_from_db()
    assert request.status == "evaluated"
    with pytest.raises(services.ExpertsError):
        services.evaluation_submit(request=request, rating=1, went_well="", could_improve="")


def test_enough_acceptances_withdraw_the_other_proposals(coordinator):
    request = ExpertRequestFactory(experts_wanted=2)
    experts = ExpertFactory.create_batch(3)
    a, b, c = services.request_propose_experts(request=request, experts=experts, actor=coordinator)
    services.assignment_accept(assignment=a, actor=a.expert.user)
    request.refresh_from_db()
    assert request.status == "proposed"
    services.assignment_accept(assignment=b, actor=b.expert.user)
    c.refresh_from_db()
    assert c.status == "withdrawn"
    assert Notification.objects.filter(kind="experts_proposal_withdrawn", recipient=c.expert.user)
    with pytest.raises(services.ExpertsError):
        services.assignment_accept(assignment=c, actor=c.expert.user)
    assert Assignment.objects.filter(request=request, status="accepted").count() == 2


def test_all_declines_bring_the_request_back_to_in_progress(coordinator):
    request = ExpertRequestFactory()
    [a] = services.request_propose_experts(
        request=request, experts=[ExpertFactory()], actor=coordinator
    )
    services.assignment_decline(assignment=a, actor=a.expert.user)
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert RequestEvent.objects.filter(request=request, to_status="in_progress").count() == 1


def test_withdrawing_an_accepted_expert_reopens_and_cancels_the_reminder(coordinator):
    request = ExpertRequestFactory()
    [a] = services.request_propose_experts(
        request=request, experts=[ExpertFactory()], actor=coordinator
    )
    services.assignment_accept(assignment=a, actor=a.expert.user)
    services.assignment_withdraw(assignment=a, actor=coordinator)
    request.refresh_from_db()
    assert request.status == "in_progress"
    reminder = Notification.objects.get(kind="experts_reminder_expert")
    assert reminder.status == "cancelled"
    assert Notification.objects.get(kind="experts_reminder_organisation").status == "cancelled"


def test_paused_or_excluded_experts_are_never_proposed(coordinator):
    trauma = theme("trauma")
    request = ExpertRequestFactory(themes=[trauma])
    paused = ExpertFactory(is_paused=True)
    with pytest.raises(services.ExpertsError, match="paused"):
        services.request_propose_experts(request=request, experts=[paused], actor=coordinator)
    excluding = ExpertFactory()
    excluding.excluded_themes.add(trauma)
    with pytest.raises(services.ExpertsError, match="does not want"):
        services.request_propose_experts(request=request, experts=[excluding], actor=coordinator)
    assert not Assignment.objects.exists()


def test_missing_sickness_fund_permission_needs_a_confirmed_warning(coordinator):
    request = ExpertRequestFactory()
    expert = ExpertFactory(receives_benefit=True)
    with pytest.raises(NeedsConfirmation, match="sickness fund"):
        services.request_propose_experts(request=request, experts=[expert], actor=coordinator)
    assert not Assignment.objects.exists()
    services.request_propose_experts(
        request=request, experts=[expert], actor=coordinator, confirm_warnings=True
    )
    assert Assignment.objects.filter(expert=expert).exists()


def test_accepting_refuses_a_clash_with_another_assignment(coordinator):
    expert = ExpertFactory()
    first = ExpertRequestFactory()
    second = ExpertRequestFactory(starts_at=first.starts_at + dt.timedelta(minutes=30))
    [a] = services.request_propose_experts(request=first, experts=[expert], actor=coordinator)
    [b] = services.request_propose_experts(request=second, experts=[expert], actor=coordinator)
    services.assignment_accept(assignment=a, actor=expert.user)
    with pytest.raises(services.ExpertsError, match="another assignment"):
        services.assignment_accept(assignment=b, actor=expert.user)


def test_cancelling_tells_the_accepted_experts(coordinator):
    request = ExpertRequestFactory()
    [a] = services.request_propose_experts(
        request=request, experts=[ExpertFactory()], actor=coordinator
    )
    services.assignment_accept(assignment=a, actor=a.expert.user)
    services.request_cancel(request=request, actor=coordinator, reason="School dicht")
    a.refresh_from_db()
    assert a.status == "cancelled"
    assert Notification.objects.filter(kind="notice_cancelled", recipient=a.expert.user).exists()
    assert Notification.objects.get(kind="experts_reminder_expert").status == "cancelled"
    assert ExpertRequest.objects.get(pk=request.pk).status == "cancelled"


def test_a_clash_or_a_full_month_cannot_be_proposed_even_by_a_crafted_post(coordinator):
    request = ExpertRequestFactory()
    busy = ExpertFactory(max_per_month=5)
    other = ExpertRequestFactory(starts_at=request.starts_at + dt.timedelta(minutes=30))
    [a] = services.request_propose_experts(request=other, experts=[busy], actor=coordinator)
    services.assignment_accept(assignment=a, actor=busy.user)
    with pytest.raises(services.ExpertsError, match="Another assignment at that time"):
        services.request_propose_experts(request=request, experts=[busy], actor=coordinator)
    assert not Assignment.objects.filter(request=request).exists()


@pytest.mark.parametrize("status", list(TRANSITIONS))
def test_the_request_pages_buttons_are_exactly_the_steps_the_services_allow(status, coordinator):
    """One source for the buttons and the services (services.transitions): a button is shown
    exactly when its service would take the step."""
    past = timezone.now() - dt.timedelta(days=2)
    request = ExpertRequestFactory(status=status, starts_at=past)
    other = ExpertRequestFactory(status=status, starts_at=past)
    actions = services.request_actions(request=request, user=coordinator)
    steps = {
        "decline": lambda r: services.request_decline(request=r, actor=coordinator, reason="x"),
        "cancel": lambda r: services.request_cancel(request=r, actor=coordinator),
        "mark_done": lambda r: services.request_mark_done(request=r, actor=coordinator),
        "take": lambda r: services.request_take(request=r, actor=coordinator),
        "schedule": lambda r: services.request_schedule(
            request=r,
            starts_at=timezone.now() + dt.timedelta(days=9),
            duration_minutes=60,
            actor=coordinator,
        ),
    }
    for name, step in steps.items():
        fresh = ExpertRequest.objects.get(pk=other.pk)
        fresh.status = status
        fresh.save(update_fields=["status"])
        try:
            step(fresh)
            allowed = True
        except services.ExpertsError:
            allowed = False
        assert getattr(actions, name) == allowed, (status, name)
