"""The decision workflow: prepare -> submit -> on the agenda -> one decision -> trajectory.

No step can be skipped, nothing is decided twice, the worker is told through the outbox, and the
family's consent is a condition at every step where something is shared.
"""

import datetime as dt
from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from trajecten import services
from trajecten.models import AgendaItem, Application, Decision
from trajecten.services import TrajectenError

from .factories import (
    ApplicationFactory,
    ConsentFactory,
    HousingStepFactory,
    MeetingFactory,
    decide,
    schedule,
    withdraw,
)

pytestmark = pytest.mark.django_db
Status = Application.Status


def _create(partner_a, organisation_a, programme, consent=None, **fields):
    consent = consent or ConsentFactory(person__organisation=organisation_a)
    defaults = {
        "family_label": "Gezin D.",
        "in_their_words": "Wij slapen al een jaar in de auto.",
        "what_they_ask": "Een huis.",
        "adults": 1,
        "children": 2,
        "children_elsewhere": 1,
        "current_situation": "car",
    }
    return services.application_create(
        actor=partner_a,
        programme=programme,
        organisation=organisation_a,
        consent=consent,
        details=services.ApplicationDetails(**{**defaults, **fields}),
    )


def _changed(application, **changes):
    return replace(services.ApplicationDetails.of(application), **changes)


def test_the_whole_way_from_draft_to_trajectory(
    partner_a, organisation_a, programme, committee, meeting, coordinator, partner_b
):
    application = _create(partner_a, organisation_a, programme)
    assert application.status == Status.DRAFT
    services.housing_step_add(
        application=application,
        actor=partner_a,
        started_on=dt.date(2024, 1, 1),
        ended_on=None,
        situation="car",
        note="Na uithuiszetting",
    )
    services.application_submit(application=application, actor=partner_a)
    item = services.meeting_schedule(meeting=meeting, application=application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == Status.SCHEDULED
    decision = services.decision_record(
        agenda_item=item, actor=partner_b, outcome="admitted", reasons="Past bij de criteria."
    )
    application.refresh_from_db()
    assert application.status == Status.ADMITTED
    # The worker is told, in their language, with the reasons.
    message = Notification.objects.get(key=f"trajecten-decision:{decision.pk}")
    assert message.recipient == partner_a
    assert message.context["reasons"] == "Past bij de criteria."
    trajectory = services.trajectory_start(
        application=application, actor=partner_a, lead_organisation=organisation_a
    )
    assert trajectory.agreement.lead_organisation == organisation_a
    assert trajectory.agreement.person == application.consent.person


def test_no_step_can_be_skipped(partner_a, organisation_a, programme, meeting, coordinator):
    application = _create(partner_a, organisation_a, programme)
    # Not on the agenda before it is submitted, and not submitted without a housing history.
    with pytest.raises(TrajectenError):
        services.meeting_schedule(meeting=meeting, application=application, actor=coordinator)
    with pytest.raises(TrajectenError, match="housing history"):
        services.application_submit(application=application, actor=partner_a)
    HousingStepFactory(application=application)
    services.application_submit(application=application, actor=partner_a)
    # No decision before it is on an agenda; no trajectory before it is admitted.
    item = AgendaItem.objects.create(meeting=meeting, application=application)
    with pytest.raises(TrajectenError, match="not waiting for a decision"):
        services.decision_record(
            agenda_item=item, actor=coordinator, outcome="admitted", reasons="Ja"
        )
    with pytest.raises(TrajectenError, match="Only an admitted family"):
        services.trajectory_start(
            application=application, actor=partner_a, lead_organisation=organisation_a
        )
    # A submitted application can no longer be changed.
    with pytest.raises(TrajectenError):
        services.application_update(
            application=application, actor=partner_a, details=_changed(application, adults=3)
        )


def test_a_decision_needs_reasons_and_a_known_outcome(scheduled, coordinator):
    with pytest.raises(TrajectenError, match="reasons"):
        services.decision_record(
            agenda_item=scheduled, actor=coordinator, outcome="admitted", reasons="   "
        )
    with pytest.raises(TrajectenError):
        services.decision_record(
            agenda_item=scheduled, actor=coordinator, outcome="maybe", reasons="Twijfel"
        )
    assert not Decision.objects.exists()


def test_no_double_decision(scheduled, coordinator, partner_b):
    services.decision_record(
        agenda_item=scheduled, actor=coordinator, outcome="not_admitted", reasons="Geen kinderen."
    )
    with pytest.raises(TrajectenError):
        services.decision_record(
            agenda_item=scheduled, actor=partner_b, outcome="admitted", reasons="Toch wel."
        )
    assert Decision.objects.get().outcome == "not_admitted"
    scheduled.application.refresh_from_db()
    assert scheduled.application.status == Status.NOT_ADMITTED


def test_more_information_goes_back_to_the_worker_and_to_a_next_meeting(
    scheduled, coordinator, partner_a, committee
):
    application = scheduled.application
    services.decision_record(
        agenda_item=scheduled,
        actor=coordinator,
        outcome="more_info",
        reasons="Hoe lang al in de auto?",
    )
    application.refresh_from_db()
    assert application.status == Status.MORE_INFO and application.is_editable
    services.application_update(
        application=application, actor=partner_a, details=_changed(application, adults=2)
    )
    services.application_submit(application=application, actor=partner_a)
    later = MeetingFactory(committee=committee, starts_at=timezone.now() + dt.timedelta(days=30))
    item = services.meeting_schedule(meeting=later, application=application, actor=coordinator)
    # The old agenda item keeps its decision; the new one is the only one open.
    with pytest.raises(TrajectenError):
        services.decision_record(
            agenda_item=scheduled, actor=coordinator, outcome="admitted", reasons="Ja"
        )
    services.decision_record(agenda_item=item, actor=coordinator, outcome="admitted", reasons="Ja")
    assert list(application.decisions.values_list("outcome", flat=True)) == [
        "more_info",
        "admitted",
    ]


def test_no_application_without_an_active_consent_and_withdrawal_stops_sharing(
    partner_a, organisation_a, organisation_b, programme, meeting, coordinator
):
    consent = ConsentFactory(person__organisation=organisation_a)
    withdraw(consent)
    with pytest.raises(TrajectenError, match="withdrew"):
        _create(partner_a, organisation_a, programme, consent=consent)
    # Another organisation's consent cannot be used either.
    with pytest.raises(TrajectenError, match="your organisation recorded"):
        _create(
            partner_a,
            organisation_a,
            programme,
            consent=ConsentFactory(person__organisation=organisation_b),
        )
    consent = ConsentFactory(person__organisation=organisation_a)
    application = _create(partner_a, organisation_a, programme, consent=consent)
    HousingStepFactory(application=application)
    services.application_submit(application=application, actor=partner_a)
    withdraw(consent)
    with pytest.raises(TrajectenError, match="withdrew"):
        services.meeting_schedule(meeting=meeting, application=application, actor=coordinator)


def test_a_withdrawn_consent_stops_the_trajectory_start(scheduled, coordinator, partner_a):
    decide(scheduled, "admitted")
    withdraw(scheduled.application.consent)
    with pytest.raises(TrajectenError, match="withdrew"):
        services.trajectory_start(
            application=scheduled.application,
            actor=partner_a,
            lead_organisation=scheduled.application.organisation,
        )


def test_no_diagnosis_fields_on_an_application():
    names = {f.name for f in Application._meta.get_fields()}
    assert not {n for n in names if "diagnos" in n or "medical" in n or "psychiat" in n}


def test_a_second_trajectory_for_the_same_family_is_refused(scheduled, partner_a):
    decide(scheduled, "admitted")
    application = scheduled.application
    services.trajectory_start(
        application=application, actor=partner_a, lead_organisation=application.organisation
    )
    with pytest.raises(TrajectenError, match="already started"):
        services.trajectory_start(
            application=application, actor=partner_a, lead_organisation=application.organisation
        )


def test_the_decision_page_refuses_a_second_decision_in_plain_words(client, coordinator, scheduled):
    client.force_login(coordinator)
    url = reverse("trajecten:decision_record", args=[scheduled.pk])
    response = client.post(url, {"outcome": "admitted", "reasons": "Past."})
    assert response.status_code == 302
    again = client.post(url, {"outcome": "not_admitted", "reasons": "Toch niet."}, follow=True)
    assert again.status_code == 200
    assert "already decided" in again.text
    assert Decision.objects.count() == 1


def test_bad_input_gets_a_message_not_a_500(client, partner_a, application_a, coordinator):
    client.force_login(partner_a)
    url = reverse("trajecten:housing_step_add", args=[application_a.pk])
    response = client.post(url, {"started_on": "gisteren", "situation": "car"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.text
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.post(url, {"started_on": future, "situation": "car"})
    assert response.status_code == 400
    assert "cannot be in the future" in response.text
    response = client.post(
        reverse("trajecten:application_create"),
        {"programme": "999999", "organisation": "x", "adults": "-4"},
    )
    assert response.status_code == 200
    client.force_login(coordinator)
    meeting_item = ApplicationFactory(programme=application_a.programme)
    response = client.post(
        reverse("trajecten:meeting_schedule", args=[MeetingFactory().pk]),
        {"application": meeting_item.pk},
    )
    assert response.status_code == 400


def test_a_withdrawn_application_cannot_be_decided(scheduled, partner_a, coordinator):
    services.application_withdraw(application=scheduled.application, actor=partner_a)
    with pytest.raises(TrajectenError):
        services.decision_record(
            agenda_item=scheduled, actor=coordinator, outcome="admitted", reasons="Ja"
        )


def test_schedule_is_for_the_programmes_own_committee(
    application_a, partner_a, coordinator, programme
):
    services.application_submit(application=application_a, actor=partner_a)
    other = MeetingFactory()
    with pytest.raises(TrajectenError, match="another programme"):
        services.meeting_schedule(meeting=other, application=application_a, actor=coordinator)


def test_schedule_fixture_helper_matches_the_service(application_a, meeting):
    item = schedule(application_a, meeting)
    assert item.application.status == Status.SCHEDULED


def test_a_member_who_saw_the_decision_may_not_start_the_trajectory(client, scheduled, partner_b):
    decide(scheduled, "admitted")
    client.force_login(partner_b)
    url = reverse("trajecten:trajectory_start", args=[scheduled.application.pk])
    assert client.get(url).status_code == 403


def test_every_application_detail_is_a_field_of_the_application():
    """The typed details are copied onto the model field by field: each must be a real field,
    and a misspelt one is a TypeError at the call, not a silently dropped value."""
    from dataclasses import fields

    model_fields = {f.name for f in Application._meta.get_fields()}
    assert {f.name for f in fields(services.ApplicationDetails)} <= model_fields
    with pytest.raises(TypeError):
        services.ApplicationDetails(
            family_label="D.",
            in_their_words="-",
            what_they_ask="-",
            current_situation="car",
            adultz=2,
        )
