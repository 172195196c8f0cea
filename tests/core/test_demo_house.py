"""seed_demo: a living demo house of every function, idempotent, never with DEBUG off.

The house is seeded once for this module (tests/demo_house.py) and a second time on top of it:
every table holds as many rows after the second run as after the first. Each function's test then
checks what a newcomer must find in its part of the demo, in a savepoint rolled back after it.
"""

import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.db.models import Max, Min
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.notifications.services import notifications_send_due
from huis.rooms.models import Room
from tests.demo_house import seeded_demo_house

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(scope="module")
def demo_house(django_db_setup, django_db_blocker):
    """What the first run printed, and the row count of every table after the first and the
    second run."""
    with seeded_demo_house(django_db_blocker, quiet=False) as printed:
        first = _row_counts()
        with override_settings(DEBUG=True):
            call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
        yield printed, first, _row_counts()


@pytest.fixture
def house(demo_house, db):
    return demo_house


def test_a_second_run_adds_nothing_to_any_table(house):
    _printed, first, second = house
    assert {k: (v, second[k]) for k, v in first.items() if second[k] != v} == {}
    # Every function seeds something (an empty table set would make the check above trivial).
    for label in [
        "ontmoeting.Activity",
        "ervaringsdeskundigen.Expert",
        "herstelacademie.Course",
        "beeldvorming.Campaign",
        "kwartiermaken.OutreachEntry",
        "netwerk.Referral",
        "trajecten.Application",
        "vrijwilligers.Shift",
        "uitdatabank.Publication",
    ]:
        assert first[label] > 0, label


def test_the_house_has_partners_rooms_and_every_role_and_the_logins_work(house, client):
    assert Organisation.objects.filter(kind=Organisation.Kind.PARTNER).count() >= 3
    assert Room.objects.count() >= 4
    assert Membership.objects.exists()
    for role in Role:
        assert User.objects.filter(groups__name=role).exists(), role
    # The demo logins work, the way the house logs in: a code sent by email. There is no
    # password to promise (issue 22).
    coordinator = User.objects.get(email="coordinator@huis.example")
    assert not coordinator.has_usable_password()
    response = client.post(reverse("account_request_login_code"), {"email": coordinator.email})
    assert response.status_code == 302
    notifications_send_due()
    body = mail.outbox[-1].body
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", body, re.MULTILINE)
    assert client.post(response.url, {"code": code.group(1)}).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_every_demo_login_is_printed_without_a_password(house):
    printed = house[0]
    for user in User.objects.filter(email__endswith="@huis.example"):
        assert user.email in printed
    assert "password" not in printed.replace("no password", "")
    assert "huis-demo" not in printed


def test_the_people_functions_of_issue_25(house):
    """An open invitation, a past import, a guest and a desk enrolment, a staff message."""
    from huis.accounts.models import ImportBatch, Invitation
    from huis.notifications.models import NoticeMessage

    # A new colleague at De Brug, and the contact person of a partner being onboarded.
    assert [i.is_open for i in Invitation.objects.all()] == [True, True]
    assert ImportBatch.objects.filter(status=ImportBatch.Status.COMMITTED).count() == 1
    enrollment = apps.get_model("herstelacademie", "Enrollment")
    assert enrollment.objects.filter(user__isnull=True).count() == 2
    assert NoticeMessage.objects.count() == 1
    assert NoticeMessage.objects.get().recipients >= 3


def test_ontmoeting_fills_the_next_four_weeks(house, client):
    from huis.facts.models import OpeningPeriod
    from ontmoeting.models import Activity

    published = Activity.objects.filter(status="published")
    today = timezone.localdate()
    weeks = {
        (timezone.localtime(a.starts_at).date() - today).days // 7
        for a in published
        if timezone.localtime(a.starts_at).date() > today
    }
    assert {0, 1, 2, 3} <= weeks
    assert published.filter(offering__capacity__isnull=True).exists()
    assert published.filter(series__isnull=False).exists()
    assert OpeningPeriod.objects.count() >= 2  # the house's hours are the walk-in hours
    assert published.filter(starts_at__lte=timezone.now() + dt.timedelta(weeks=4)).count() >= 15
    html = client.get(reverse("ontmoeting:home")).text
    assert "Schilderatelier" in html or "Zachte yoga" in html


def test_ontmoeting_past_activities_have_anonymous_feedback_staff_and_report_see(house, client):
    from huis.core.report.figures import Period
    from ontmoeting import report
    from ontmoeting.models import Activity, ActivityFeedback

    answers = ActivityFeedback.objects.count()
    assert answers >= 10
    past = Activity.objects.filter(feedback__isnull=False, ends_at__lt=timezone.now()).distinct()
    assert past.count() == 3
    for activity in past:
        assert activity.status == "published" and activity.offering.taken > 0
        assert activity.offering.taken >= activity.feedback.count()  # one answer per place
    activity = past.order_by("starts_at").last()
    comment = activity.feedback.exclude(comment="").first().comment
    client.force_login(User.objects.get(email="medewerker@huis.example"))
    html = client.get(reverse("ontmoeting:staff_activity", args=[activity.pk])).text
    assert comment in html
    faces = {f: ActivityFeedback.objects.filter(face=f) for f in (1, 2, 3)}
    today = timezone.localdate()
    days = Period(today - dt.timedelta(days=30), today)
    section = report.build(period=days)
    assert section.value("feedback") == answers
    assert section.value("feedback_good") == faces[3].count() > 0
    assert section.value("feedback_bad") == faces[1].count()


def test_ervaringsdeskundigen_pool_of_25_and_a_month_of_requests(house, client):
    from ervaringsdeskundigen.models import Expert, ExpertRequest

    assert Expert.objects.count() == 25
    assert ExpertRequest.objects.count() >= 25
    statuses = set(ExpertRequest.objects.values_list("status", flat=True))
    assert {"new", "in_progress", "proposed", "confirmed", "done", "evaluated"} <= statuses
    client.force_login(Expert.objects.get(user__email="ervaringsdeskundige@huis.example").user)
    assert client.get(reverse("ervaringsdeskundigen:dashboard")).status_code == 200
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    inbox = client.get(reverse("ervaringsdeskundigen:inbox"))
    assert "Sint-Lucasschool Gent" in inbox.text or "AZ Zeestad" in inbox.text
    proposed = ExpertRequest.objects.filter(status="in_progress").first()
    page = client.get(reverse("ervaringsdeskundigen:request_detail", args=[proposed.pk]))
    assert page.status_code == 200


def test_herstelacademie_fills_a_full_term(house, client):
    from herstelacademie.models import Attendance, Course, EvaluationResponse

    courses = Course.objects.filter(status="published")
    assert 8 <= courses.count() <= 12
    assert all(c.trainers.filter(role="expert").exists() for c in courses)
    assert all(c.trainers.filter(role="professional").exists() for c in courses)
    assert courses.filter(requires_intake=True, enrollments__intake="pending").exists()
    full = [c for c in courses if c.offering.is_full]
    assert full and full[0].enrollments.filter(claim__status="waiting").exists()
    assert any(c.is_over for c in courses) and any(not c.is_over for c in courses)
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(session__starts_at__gt=timezone.now()).exists()
    assert EvaluationResponse.objects.exists()
    for course in courses:  # weekly at the same hour, also across the change to winter time
        assert len({timezone.localtime(s.starts_at).hour for s in course.sessions.all()}) == 1
    html = client.get(reverse("herstelacademie:home")).text
    assert "Slapen en rust" in html


def test_kwartiermaken_holds_a_year_of_work_by_three_partners(house, client):
    from kwartiermaken.models import OutreachEntry, PolicyRecommendation, Signal

    entries = OutreachEntry.objects.count()
    assert OutreachEntry.objects.values("organisation").distinct().count() == 3
    span = OutreachEntry.objects.aggregate(first=Min("date"), last=Max("date"))
    assert span["last"] - span["first"] >= dt.timedelta(days=330)
    assert entries >= 300
    assert Signal.objects.count() >= 10
    statuses = set(PolicyRecommendation.objects.values_list("status", flat=True))
    assert statuses == {"answered", "draft"}
    # No names: every contact code holds a number.
    for codes in OutreachEntry.objects.exclude(contact_codes=[]).values_list(
        "contact_codes", flat=True
    ):
        assert all(any(c.isdigit() for c in code) for code in codes)

    client.force_login(User.objects.get(email="partner@huis.example"))
    start = client.get(reverse("kwartiermaken:home"))
    assert len(start.context["follow_ups"]) >= 2
    assert all(
        e.follow_up_on <= timezone.localdate() + dt.timedelta(days=7)
        for e in start.context["follow_ups"]
    )
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    overview = client.get(reverse("kwartiermaken:overview"), {"jaar": "alle"}).context["overview"]
    assert overview.total_entries == entries


def test_netwerk_charter_referrals_in_every_status_and_ten_places(house, client):
    from netwerk.models import Charter, GuidanceAgreement, Referral, WelcomingPlace

    assert Charter.objects.count() == 2
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert WelcomingPlace.objects.filter(is_published=True).count() == 10
    without_lead = GuidanceAgreement.objects.filter(status="active", lead_organisation__isnull=True)
    assert without_lead.count() == 1

    client.force_login(User.objects.get(email="partner@huis.example"))
    home = client.get(reverse("netwerk:home"))
    assert home.status_code == 200
    assert home.context["to_sign"], "De Brug has not signed version 2: the banner shows"
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    page = client.get(reverse("netwerk:guidance_without_lead"))
    assert len(page.context["agreements"]) == 1
    assert len(client.get(reverse("netwerk:place_list")).context["places"]) == 10
    # A referred person erased on her request by the referring worker (issue #25).
    from huis.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="netwerk.person_erased_on_behalf").count() == 1
    # Onboarding: one partner signed the charter in force, a new one not yet.
    people = client.get(reverse("people:list")).context["organisations"]
    charter = {o.name: [state for _label, state in o.onboarding] for o in people}
    assert [s.done for s in charter["Welzijnsdienst Zeestad"]] == [True]
    assert [s.done for s in charter["Kringwinkel Zeestad"]] == [False]


def test_trajecten_every_state_and_three_trajectories(house, client):
    from trajecten.models import Application, Committee, Meeting, Programme, Trajectory
    from trajecten.selectors import programme_results

    assert Programme.objects.count() == 1
    assert Committee.objects.get().members.count() == 2
    assert Meeting.objects.count() == 2 and Trajectory.objects.count() == 3
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    # The more-information decision is in the history of an application back on the agenda.
    assert Application.objects.filter(decisions__outcome="more_info", status="scheduled").exists()
    results = programme_results(programme=Programme.objects.get())
    assert [c.checked for c in results.checks] == [3, 2, 1]
    assert results.check(24).share == 100

    client.force_login(User.objects.get(email="coordinator@huis.example"))
    assert client.get(reverse("trajecten:results")).status_code == 200
    client.force_login(User.objects.get(email="partner2@huis.example"))
    assert client.get(reverse("trajecten:meeting_list")).context["meetings"]


def test_vrijwilligers_a_month_of_shifts_with_gaps(house, client):
    from vrijwilligers.models import Application, Shift, ShiftHours, Volunteer
    from vrijwilligers.selectors import board

    assert Volunteer.objects.count() >= 5 and Shift.objects.count() >= 25
    assert Application.objects.filter(status="new").count() == 2
    assert ShiftHours.objects.filter(status="confirmed").exists()
    coordinator = User.objects.get(email="coordinator@huis.example")
    days = board(user=coordinator, start=timezone.localdate(), days=31)
    items = [s for d in days for s in d.shifts]
    assert {"full", "gap"} <= {s.state for s in items}

    client.force_login(coordinator)
    for name in ["board_week", "board_month", "volunteer_list", "hours_list", "figures"]:
        assert client.get(reverse(f"vrijwilligers:{name}")).status_code == 200
    client.force_login(User.objects.get(email="vrijwilliger@huis.example"))
    for name in ["mine", "my_hours"]:
        assert client.get(reverse(f"vrijwilligers:{name}")).status_code == 200


def test_uitdatabank_shows_each_publishing_state(house, as_role):
    page = as_role("staff").get(reverse("uitdatabank:publications")).text
    for word in ["Gepubliceerd", "Mislukt", "Wacht", "Niet gepubliceerd", "Opnieuw proberen"]:
        assert word in page


def test_pages_the_home_texts_and_two_news_items_in_three_languages(house, client):
    from huis.pages.models import NewsItem, PageBlock

    assert set(PageBlock.objects.filter(is_published=True).values_list("key", flat=True)) >= {
        "home-welcome",
        "home-what",
        "about",
    }
    assert NewsItem.objects.filter(is_published=True).count() == 2
    for block in PageBlock.objects.all():
        assert block.body_nl and block.body_fr and block.body_en, block.key
    seen = {}
    for language in ("nl", "fr", "en"):
        client.cookies["django_language"] = language
        seen[language] = client.get("/").text
    assert "Iedereen is welkom" in seen["nl"] and "De tuin is weer open" in seen["nl"]
    assert "Le jardin est de nouveau ouvert" in seen["fr"]
    assert "The garden is open again" in seen["en"]
    assert "<li>Meeting: a place to drop in" in seen["en"]


def test_the_demo_has_rules_bookings_and_a_waiting_request(house):
    """Partners' room bookings (from tests/rooms/test_partner_bookings.py: it seeded twice)."""
    from huis.rooms.models import PartnerBooking

    _printed, first, second = house
    counts = first["rooms.PartnerBooking"]
    assert PartnerBooking.objects.count() == second["rooms.PartnerBooking"] == counts == 3
    assert PartnerBooking.objects.filter(status=PartnerBooking.Status.PENDING).exists()
    assert PartnerBooking.objects.filter(status=PartnerBooking.Status.APPROVED).exists()


def test_seed_demo_refuses_with_debug_off(settings, db):
    settings.DEBUG = False
    users = User.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == users
