"""A report sent back and corrected (history kept, the expert told, no skipping); a request linked
to an organisation of the portal; reads of an expert's profile audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import ReportEvent
from huis.accounts.models import Organisation
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from tests.factories import OrganisationFactory

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allowance_rates")]


@pytest.fixture
def done_assignment(expert_profile):
    request = ExpertRequestFactory(
        status="confirmed",
        starts_at=timezone.now() - dt.timedelta(days=2),
        organisation_name="Hogeschool Gent",
    )
    return AssignmentFactory(expert=expert_profile, request=request)


def _report(assignment, km=30):
    return services.assignment_report(
        assignment=assignment,
        actor=assignment.expert.user,
        hours=Decimal("2"),
        km=km,
        costs=Decimal("0"),
    )


def test_send_back_correct_resubmit_approve_with_history(done_assignment, coordinator):
    _report(done_assignment, km=300)
    services.assignment_return_report(
        assignment=done_assignment, actor=coordinator, reason="300 km is te veel: heen en terug?"
    )
    done_assignment.refresh_from_db()
    assert done_assignment.report_status == "returned"
    assert done_assignment.return_reason.startswith("300 km")
    mail = Notification.objects.get(kind="experts_report_returned")
    assert mail.recipient == done_assignment.expert.user
    assert mail.context["reason"].startswith("300 km")
    # A returned report cannot be approved: the expert corrects it first.
    with pytest.raises(services.ExpertsError, match="no report waiting"):
        services.assignment_approve(assignment=done_assignment, actor=coordinator, confirm=True)
    _report(done_assignment, km=30)
    approved = services.assignment_approve(
        assignment=done_assignment, actor=coordinator, confirm=True
    )
    assert approved.km_paid == 30 and approved.return_reason == ""
    steps = list(ReportEvent.objects.filter(assignment=done_assignment).order_by("at", "id"))
    assert [s.step for s in steps] == ["reported", "returned", "reported", "approved"]
    assert [s.km for s in steps] == [300, 300, 30, 30]
    assert steps[1].note.startswith("300 km") and steps[1].actor == coordinator


def test_no_skipping_in_the_report_workflow(done_assignment, coordinator):
    with pytest.raises(services.ExpertsError, match="Only a report that waits"):
        services.assignment_return_report(
            assignment=done_assignment, actor=coordinator, reason="Nog niets gemeld"
        )
    _report(done_assignment)
    with pytest.raises(services.ExpertsError, match="Say what"):
        services.assignment_return_report(assignment=done_assignment, actor=coordinator, reason=" ")
    services.assignment_approve(assignment=done_assignment, actor=coordinator, confirm=True)
    with pytest.raises(services.ExpertsError, match="Only a report that waits"):
        services.assignment_return_report(
            assignment=done_assignment, actor=coordinator, reason="Te laat"
        )
    with pytest.raises(services.ExpertsError, match="already approved"):
        _report(done_assignment)


def test_the_pages_of_sending_back(as_role, done_assignment):
    from django.test import Client

    client = Client()
    _report(done_assignment)
    coordinator_client = as_role("coordinator")
    approve_url = reverse("ervaringsdeskundigen:approve", args=[done_assignment.pk])
    assert "report_return" not in approve_url
    page = coordinator_client.get(approve_url).text
    assert reverse("ervaringsdeskundigen:report_return", args=[done_assignment.pk]) in page
    url = reverse("ervaringsdeskundigen:report_return", args=[done_assignment.pk])
    assert coordinator_client.post(url, {"reason": ""}).status_code == 400
    assert coordinator_client.post(url, {"reason": "Welke kosten?"}).status_code == 302
    assert coordinator_client.post(url, {"reason": "Nog eens"}).status_code == 400  # not twice
    client.force_login(done_assignment.expert.user)
    dashboard = client.get(reverse("ervaringsdeskundigen:dashboard")).text
    assert reverse("ervaringsdeskundigen:report", args=[done_assignment.pk]) in dashboard
    form = client.get(reverse("ervaringsdeskundigen:report", args=[done_assignment.pk])).text
    assert "Welke kosten?" in form
    response = client.post(
        reverse("ervaringsdeskundigen:report", args=[done_assignment.pk]),
        {"hours": "2", "km": "12", "costs": "0"},
    )
    assert response.status_code == 302
    done_assignment.refresh_from_db()
    assert done_assignment.report_status == "reported"
    history = coordinator_client.get(approve_url).text
    assert "Welke kosten?" in history


def test_link_a_request_to_an_existing_organisation(as_role, coordinator):
    organisation = OrganisationFactory(name="Hogeschool Gent", kind="requester")
    OrganisationFactory(name="Stad Gent")
    request = ExpertRequestFactory(organisation_name="HOGENT")
    client = as_role("coordinator")
    detail = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    found = client.get(detail, {"organisatie": "hogeschool"}).text
    assert "Hogeschool Gent" in found and "Stad Gent" not in found
    response = client.post(
        reverse("ervaringsdeskundigen:request_link_organisation", args=[request.pk]),
        {"organisation": organisation.pk},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.organisation == organisation
    assert AuditEntry.objects.filter(
        action="ervaringsdeskundigen.request.organisation_linked"
    ).exists()
    listed = client.get(
        reverse("ervaringsdeskundigen:organisation_requests", args=[organisation.pk])
    ).text
    assert detail in listed
    bad = client.post(
        reverse("ervaringsdeskundigen:request_link_organisation", args=[request.pk]),
        {"organisation": "999999"},
    )
    assert bad.status_code == 400
    client.post(reverse("ervaringsdeskundigen:request_unlink_organisation", args=[request.pk]))
    request.refresh_from_db()
    assert request.organisation is None


def test_make_an_organisation_from_the_request(as_role):
    request = ExpertRequestFactory(
        organisation_name="CAW Oost-Vlaanderen",
        contact_email="info@caw.example",
        contact_phone="09 000 00 00",
    )
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:request_create_organisation", args=[request.pk])
    assert client.post(url).status_code == 302
    organisation = Organisation.objects.get(name="CAW Oost-Vlaanderen")
    assert (organisation.kind, organisation.email, organisation.phone) == (
        "requester",
        "info@caw.example",
        "09 000 00 00",
    )
    request.refresh_from_db()
    assert request.organisation == organisation
    # The same name (in any case) is not made twice: link it instead.
    other = ExpertRequestFactory(organisation_name="caw oost-vlaanderen")
    again = client.post(
        reverse("ervaringsdeskundigen:request_create_organisation", args=[other.pk])
    )
    assert again.status_code == 400
    assert Organisation.objects.filter(name__iexact="caw oost-vlaanderen").count() == 1


def test_organisation_requests_page_costs_the_same_at_two_sizes(
    as_role, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:organisation_requests", args=[organisation.pk])
    client.get(url)  # warm up (session, caches)
    counts = []
    for n in (2, 30):
        ExpertRequestFactory.create_batch(n, organisation=organisation)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_every_read_of_a_profile_by_someone_else_is_audited(as_role, expert_profile):
    from django.test import Client

    client = Client()
    coordinator_client = as_role("coordinator")
    for name in ("expert_detail", "expert_update"):
        coordinator_client.get(reverse(f"ervaringsdeskundigen:{name}", args=[expert_profile.pk]))
    entries = AuditEntry.objects.filter(action="ervaringsdeskundigen.profile_viewed")
    assert entries.count() == 2
    assert {e.subject_id for e in entries} == {expert_profile.user_id}
    # The expert's own reads are not: the trail is about others reading.
    client.force_login(expert_profile.user)
    client.get(reverse("ervaringsdeskundigen:own_profile"))
    assert entries.count() == 2
    # Someone refused reads nothing, so nothing is logged as read.
    other = ExpertFactory()
    client.get(reverse("ervaringsdeskundigen:expert_detail", args=[other.pk]))
    assert not entries.filter(subject_id=other.user_id).exists()


def test_a_refused_organisation_says_what_is_wrong(as_role, t):
    """The link form's hidden organisation: one that is no longer active (hidden from the
    search), or something that is no organisation at all, is refused in words (issue 20)."""
    hidden = OrganisationFactory(name="Oude vzw", is_active=False)
    request = ExpertRequestFactory()
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:request_link_organisation", args=[request.pk])
    inactive = client.post(url, {"organisation": hidden.pk})
    assert inactive.status_code == 400
    assert t("This organisation is no longer active.") in inactive.text
    for value in ("abc", "", "1" * 30):
        refused = client.post(url, {"organisation": value})
        assert refused.status_code == 400
        assert t("Choose an organisation from the list.") in refused.text
    detail = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    assert f'href="{detail}"' in refused.text  # a way back to the form
    request.refresh_from_db()
    assert request.organisation is None
