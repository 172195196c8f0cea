"""The pages people use: the email link with one button, the expert's own pages and calendar
feed, the coordinator's request page, intervision through huis.places, and fixed query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import Absence, Assignment, ExpertRequest
from ervaringsdeskundigen.notify import proposal_url
from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from tests.factories import UserFactory

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory, theme

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]


def test_the_email_link_opens_a_page_and_only_the_button_accepts(client, coordinator):
    request = ExpertRequestFactory()
    expert = ExpertFactory()
    [assignment] = services.request_propose_experts(
        request=request, experts=[expert], actor=coordinator
    )
    url = _path(Notification.objects.get(kind="experts_proposal").context["proposal_url"])
    page = client.get(url)  # what a mail scanner does
    assert page.status_code == 200
    assignment.refresh_from_db()
    assert assignment.status == "proposed"
    response = client.post(url + "aanvaarden/")
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "accepted"
    assert ExpertRequest.objects.get(pk=request.pk).status == "confirmed"
    again = client.post(url + "aanvaarden/")  # pressing twice changes nothing
    assert again.status_code == 302
    assert Notification.objects.filter(kind="experts_request_confirmed").count() == 1


def test_a_changed_proposal_link_is_refused_in_words(client, t):
    assignment = AssignmentFactory(status="proposed")
    url = _path(proposal_url(assignment)).replace("/voorstel/", "/voorstel/x")
    response = client.post(url + "aanvaarden/")
    assert response.status_code == 404
    assert t("This link is not valid. Check that you copied all of it.") in response.text
    assignment.refresh_from_db()
    assert assignment.status == "proposed"


def test_the_expert_pauses_and_sets_availability_themselves(client, expert_profile):
    client.force_login(expert_profile.user)
    url = reverse("ervaringsdeskundigen:own_profile")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "is_paused": "on",
            "max_per_month": "3",
            "travel_km": "25",
            "public_text": "",
            "slot_0_morning": "on",
            "slot_4_evening": "on",
        },
    )
    assert response.status_code == 302
    expert_profile.refresh_from_db()
    assert expert_profile.is_paused
    assert set(expert_profile.availability.values_list("weekday", "part")) == {
        (0, "morning"),
        (4, "evening"),
    }
    bad = client.post(url, {"max_per_month": "0", "travel_km": "25"})
    assert bad.status_code == 400
    away = client.post(
        reverse("ervaringsdeskundigen:absence_add"),
        {"starts_on": "2030-05-10", "ends_on": "2030-05-01"},
    )
    assert away.status_code == 400
    assert not Absence.objects.exists()


def test_the_calendar_feed_and_its_renewable_secret(client, expert_profile):
    assignment = AssignmentFactory(expert=expert_profile)
    old = expert_profile.feed_token
    feed = client.get(reverse("ervaringsdeskundigen:feed", args=[old]))
    assert feed.status_code == 200
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert f"UID:experts-assignment-{assignment.pk}@" in body
    assert assignment.request.organisation_name in body
    client.force_login(expert_profile.user)
    assert client.post(reverse("ervaringsdeskundigen:feed_renew")).status_code == 302
    client.logout()
    assert client.get(reverse("ervaringsdeskundigen:feed", args=[old])).status_code == 404
    expert_profile.refresh_from_db()
    assert (
        client.get(
            reverse("ervaringsdeskundigen:feed", args=[expert_profile.feed_token])
        ).status_code
        == 200
    )


def test_dashboard_shows_proposals_upcoming_and_the_year(client, expert_profile, allowance_rates):
    proposal = AssignmentFactory(expert=expert_profile, status="proposed")
    AssignmentFactory(
        expert=expert_profile,
        request=ExpertRequestFactory(organisation_name="Kliniek Zonnebloem"),
    )
    client.force_login(expert_profile.user)
    html = client.get(reverse("ervaringsdeskundigen:dashboard")).text
    assert proposal.request.organisation_name in html
    assert "Kliniek Zonnebloem" in html
    assert reverse("ervaringsdeskundigen:my_accept", args=[proposal.pk]) in html
    assert expert_profile.feed_token in html


def test_coordinator_proposes_from_the_ranked_list_with_a_warning_step(as_role):
    request = ExpertRequestFactory(themes=[theme("psychose")])
    ExpertFactory(user__display_name="Zonder", receives_benefit=True)
    ready = ExpertFactory(user__display_name="Klaar", themes=[theme("psychose")])
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    html = client.get(url).text
    assert html.index("Klaar") < html.index("Zonder")
    warned = ExpertFactory(receives_benefit=True)
    propose = reverse("ervaringsdeskundigen:request_propose", args=[request.pk])
    response = client.post(propose, {"experts": [warned.pk, ready.pk]})
    assert response.status_code == 409
    assert 'name="confirm"' in response.text
    assert not Assignment.objects.exists()
    response = client.post(propose, {"experts": [warned.pk, ready.pk], "confirm": "1"})
    assert response.status_code == 302
    assert Assignment.objects.filter(request=request, status="proposed").count() == 2


def test_intervision_places_through_the_shared_mechanism(client, coordinator):
    now = timezone.now()
    session = services.intervision_create(
        title="Intervisie december",
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=3, hours=2),
        capacity=2,
        actor=coordinator,
    )
    experts = ExpertFactory.create_batch(3)
    statuses = []
    for expert in experts:
        client.force_login(expert.user)
        client.post(reverse("ervaringsdeskundigen:intervision_sign_up", args=[session.pk]))
        statuses.append(PlaceClaim.objects.get(user=expert.user).status)
    assert statuses == ["confirmed", "confirmed", "waiting"]
    client.force_login(experts[0].user)
    client.post(reverse("ervaringsdeskundigen:intervision_cancel", args=[session.pk]))
    assert PlaceClaim.objects.get(user=experts[2].user).status == "confirmed"
    client.force_login(coordinator)
    claim = PlaceClaim.objects.get(user=experts[1].user)
    client.post(
        reverse("ervaringsdeskundigen:intervision_attendance", args=[session.pk]),
        {"claim": claim.pk, "attendance": "attended"},
    )
    claim.refresh_from_db()
    assert claim.attendance == "attended"


def _fill(n: int) -> None:
    for i in range(n):
        expert = ExpertFactory(themes=[theme("psychose")])
        request = ExpertRequestFactory(
            themes=[theme("psychose")],
            starts_at=timezone.now() + dt.timedelta(days=1 + i % 5, hours=i),
        )
        AssignmentFactory(expert=expert, request=request)
        AssignmentFactory(
            expert=expert,
            request=ExpertRequestFactory(starts_at=request.starts_at + dt.timedelta(minutes=30)),
            status="proposed",
        )


PAGES = ["inbox", "expert_list", "board", "reports"]


@pytest.mark.parametrize("name", PAGES)
def test_coordinator_pages_cost_the_same_queries_at_two_sizes(as_role, name):
    client = as_role("coordinator")
    url = reverse(f"ervaringsdeskundigen:{name}")
    _fill(2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(12)
    # New experts join their role's group, which renews everyone's cached roles: the next page
    # view reads them again once. What is compared is the page's own cost, after that.
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_expert_dashboard_costs_the_same_queries_at_two_sizes(client, expert_profile):
    client.force_login(expert_profile.user)
    url = reverse("ervaringsdeskundigen:dashboard")
    AssignmentFactory(expert=expert_profile)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(8):
        AssignmentFactory(
            expert=expert_profile,
            request=ExpertRequestFactory(
                starts_at=timezone.now() + dt.timedelta(days=40, hours=_ * 5)
            ),
        )
        AssignmentFactory(expert=expert_profile, status="proposed")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_the_board_names_clashes_and_overloads_in_words(as_role, t):
    expert = ExpertFactory(max_per_month=1)
    first = AssignmentFactory(expert=expert)
    AssignmentFactory(
        expert=expert,
        request=ExpertRequestFactory(starts_at=first.starts_at + dt.timedelta(minutes=30)),
    )
    day = timezone.localtime(first.starts_at).date()
    html = (
        as_role("coordinator")
        .get(reverse("ervaringsdeskundigen:board") + f"?van={day.isoformat()}")
        .text
    )
    assert t("Clash!") in html
    assert "board-clash" in html
    assert "board-warning" in html  # "Overloaded: 2 this month, at most 1"
    month = (
        as_role("coordinator")
        .get(reverse("ervaringsdeskundigen:board") + f"?weergave=maand&van={day.isoformat()}")
        .text
    )
    assert first.request.organisation_name in month


def test_the_request_page_shows_the_best_experts_and_more_on_asking(as_role, t, monkeypatch):
    from ervaringsdeskundigen.views import requests

    monkeypatch.setattr(requests, "MATCHES_SHOWN", 2)
    request = ExpertRequestFactory(themes=[theme("psychose")], status="in_progress")
    for n in range(5):
        ExpertFactory(user__display_name=f"Kandidaat {n}", themes=[theme("psychose")][: n % 2])
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    html = client.get(url).text
    assert html.count('name="experts"') == 2
    assert t("Show more experts") in html
    assert f'href="{url}?toon=4#match-heading"' in html
    html = client.get(url + "?toon=4").text
    assert html.count('name="experts"') == 4
    assert f'href="{url}?toon=6#match-heading"' in html
    html = client.get(url + "?toon=6").text
    assert html.count('name="experts"') == 5
    assert t("Show more experts") not in html
    # Nonsense asks for the first page.
    assert client.get(url + "?toon=veel").text.count('name="experts"') == 2


def test_decline_and_cancel_each_label_their_own_reason_box(as_role):
    """Both forms ask for a reason on one page: each label must name its own box."""
    from tests.trust.test_crawl import duplicate_ids

    request = ExpertRequestFactory(status="in_progress")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    html = as_role("coordinator").get(url).text
    assert 'for="id_decline_reason"' in html and 'id="id_decline_reason"' in html
    assert 'for="id_cancel_reason"' in html and 'id="id_cancel_reason"' in html
    assert duplicate_ids(html) == []


def test_the_request_page_costs_the_same_queries_for_any_pool(as_role):
    request = ExpertRequestFactory(themes=[theme("psychose")], status="in_progress")
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    _fill(2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(12)
    client.get(url)  # the renewed role cache, as in the test above
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).text
    assert html.count('name="experts"') >= 14
    assert len(small) == len(large)


def test_the_month_board_marks_clashes_proposals_and_overloads_page_by_page(
    as_role, t, monkeypatch
):
    from ervaringsdeskundigen.views import planning

    monkeypatch.setattr(planning, "BOARD_ROWS", 1)
    busy = ExpertFactory(user__display_name="Anna", max_per_month=1)
    first = AssignmentFactory(expert=busy)
    AssignmentFactory(
        expert=busy,
        request=ExpertRequestFactory(starts_at=first.starts_at + dt.timedelta(minutes=30)),
    )
    calm = ExpertFactory(user__display_name="Bert")
    AssignmentFactory(
        expert=calm, status="proposed", request=ExpertRequestFactory(starts_at=first.starts_at)
    )
    day = timezone.localtime(first.starts_at).date()
    url = reverse("ervaringsdeskundigen:board") + f"?weergave=maand&van={day.isoformat()}"
    client = as_role("coordinator")
    html = client.get(url).text
    assert "Anna" in html and "Bert" not in html
    assert html.count("board-clash") == 2
    assert html.count(t("Clash!")) == 2
    assert "board-warning" in html
    # The time shows; the organisation is there for screen readers and as the title.
    time = f"{timezone.localtime(first.starts_at):%H:%M}"
    organisation = first.request.organisation_name
    assert (
        f'<span class="board-time">{time}</span> <span class="board-org">{organisation}</span>'
        in html
    )
    assert reverse("ervaringsdeskundigen:request_detail", args=[first.request_id]) in html
    html = client.get(url + "&pagina=2").text
    assert "Bert" in html and "Anna" not in html
    assert "board-proposed" in html and f"({t('proposed')})" in html
    assert "board-clash" not in html and "board-warning" not in html


@pytest.mark.parametrize("name", ["board", "request_detail", "inbox"])
def test_pages_kept_in_the_cache_cost_the_same_queries_when_drawn_anew(as_role, name):
    """The board, a request's page and the inbox are read from the cache after the first view;
    the view that draws them anew (after a change) must also cost the same at any size."""
    from ervaringsdeskundigen import caching

    request = ExpertRequestFactory(themes=[theme("psychose")], status="in_progress")
    client = as_role("coordinator")
    table = "ervaringsdeskundigen_assignment"
    if name == "board":
        url = reverse("ervaringsdeskundigen:board") + "?weergave=maand"
    elif name == "inbox":
        url, table = reverse("ervaringsdeskundigen:inbox"), "ervaringsdeskundigen_expertrequest"
    else:
        url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    counts = []
    for size in (2, 12):
        _fill(size)
        client.get(url)  # the renewed role cache, as in the tests above
        caching.bump_pool()  # a change: the next view draws the page anew
        caching.bump_requests()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert any(table in q["sql"] for q in queries)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_inbox_is_kept_and_shows_each_change_at_once(as_role, monkeypatch):
    """The inbox's rows come from the cache until a request, its kind of work or its handler's
    name changes; the page that follows a change shows it, also on the next page of the list."""
    from ervaringsdeskundigen.selectors import requests as inbox

    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    oldest = ExpertRequestFactory(organisation_name="School Oud")
    ExpertRequestFactory(organisation_name="School Midden")
    ExpertRequestFactory(organisation_name="School Nieuw")
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:inbox")
    html = client.get(url).text
    assert "School Nieuw" in html and "School Midden" in html and "School Oud" not in html
    with CaptureQueriesContext(connection) as queries:
        kept = client.get(url).text
    assert "School Nieuw" in kept and "School Midden" in kept
    assert not any("ervaringsdeskundigen_expertrequest" in q["sql"] for q in queries)
    # The link to the next page, and the page it opens (kept too).
    [more] = re.findall(r'href="(\?[^"]*na=[^"]*)"', html)
    next_page = url + more.replace("&amp;", "&")
    assert "School Oud" in client.get(next_page).text
    # The oldest request gets a handler: its row on the next page says so at once.
    handler = UserFactory(display_name="Katrien")
    oldest.handler = handler
    oldest.save()
    assert "Katrien" in client.get(next_page).text
    # A handler who renames themselves is named anew; a new request comes first.
    handler.display_name = "Katrien V."
    handler.save()
    assert "Katrien V." in client.get(next_page).text
    ExpertRequestFactory(organisation_name="School Allernieuwst")
    assert "School Allernieuwst" in client.get(url).text
