""" "Iedereen welkom" (issue #25): enrolling for a course as a guest (no account) and at the desk,
through the same places and waiting list; the guest's own link; claiming it with an account."""

import pytest
from django.urls import reverse

from herstelacademie import services
from herstelacademie.models import Enrollment
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from huis.notifications.services import render
from huis.places.models import PlaceClaim

from .factories import make_course

pytestmark = pytest.mark.django_db


def guest_url(course) -> str:
    return reverse("herstelacademie:enrol_guest", kwargs={"pk": course.pk, "slug": course.slug})


def link_of(enrollment) -> str:
    """The guest's own link, as the confirmation message carries it."""
    message = Notification.objects.filter(
        key__startswith=f"herstelacademie:enrolled:{enrollment.pk}:"
    ).first() or Notification.objects.get(key=f"herstelacademie:waiting:{enrollment.pk}")
    url = message.context["plan_url"]
    assert "/inschrijving/" in url
    return url.split("://", 1)[-1].split("/", 1)[-1].join(["/", ""])


@pytest.fixture
def small_course(expert, staff):
    return make_course(title="Veerkracht", experts=[expert], professionals=[staff], max_students=1)


def test_a_guest_enrols_with_a_name_and_an_email_and_sees_their_link(client, small_course):
    page = client.get(guest_url(small_course))
    assert page.status_code == 200
    response = client.post(
        guest_url(small_course), {"name": "Nadia", "email": "nadia@example.org", "language": "fr"}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "herstelacademie/guest_thanks.html"
    enrollment = Enrollment.objects.get()
    assert enrollment.user is None and enrollment.claim.status == PlaceClaim.Status.CONFIRMED
    assert enrollment.display_name == "Nadia"
    message = Notification.objects.get(key__startswith=f"herstelacademie:enrolled:{enrollment.pk}")
    assert message.email == "nadia@example.org" and message.language == "fr"
    assert "Nadia" in render(message).text
    # A reminder before each session reaches the guest too.
    assert Notification.objects.filter(
        key__startswith="herstelacademie:reminder:", email="nadia@example.org"
    ).exists()
    own = client.get(link_of(enrollment))
    assert own.status_code == 200 and "Veerkracht" in own.content.decode()
    assert AuditEntry.objects.filter(action="herstelacademie.guest_enrolled").exists()


def test_a_full_course_puts_a_guest_on_the_same_waiting_list_and_promotes_them(
    client, small_course, visitor
):
    services.enrollment_create(course=small_course, user=visitor)
    client.post(
        guest_url(small_course), {"name": "Sam", "phone": "0470 11 22 33", "language": "nl"}
    )
    guest = Enrollment.objects.get(user=None)
    assert guest.claim.status == PlaceClaim.Status.WAITING
    waiting = Notification.objects.get(key=f"herstelacademie:waiting:{guest.pk}")
    assert waiting.channel == "sms" and waiting.phone == "+32470112233"
    student = Enrollment.objects.get(user=visitor)
    services.enrollment_cancel(enrollment=student, actor=visitor)
    guest.claim.refresh_from_db()
    assert guest.claim.status == PlaceClaim.Status.CONFIRMED
    assert Notification.objects.filter(
        key__startswith=f"herstelacademie:enrolled:{guest.pk}:", channel="sms"
    ).exists()


def test_the_same_address_twice_gives_the_same_answer_and_one_enrolment(client, small_course):
    data = {"name": "Nadia", "email": "nadia@example.org", "language": "nl"}
    first = client.post(guest_url(small_course), data)
    second = client.post(guest_url(small_course), {**data, "email": "NADIA@example.org"})
    assert first.status_code == second.status_code == 200
    assert first.templates[0].name == second.templates[0].name
    assert Enrollment.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "email": "a@example.org", "language": "nl"},
        {"name": "Nadia", "language": "nl"},
        {"name": "Nadia", "phone": "abc", "language": "nl"},
        {"name": "Nadia", "email": "not-an-address", "language": "nl"},
    ],
)
def test_bad_input_is_a_400_and_nothing_is_saved(client, small_course, data):
    response = client.post(guest_url(small_course), data)
    assert response.status_code == 400
    assert not Enrollment.objects.exists() and not PlaceClaim.objects.exists()


def test_a_course_with_an_intake_takes_guests_only_at_the_desk(client, as_role, expert, staff):
    course = make_course(experts=[expert], professionals=[staff], requires_intake=True)
    response = client.post(
        guest_url(course), {"name": "Nadia", "email": "n@example.org", "language": "nl"}
    )
    assert response.status_code == 400 and not Enrollment.objects.exists()
    desk = reverse("herstelacademie:desk_enrol", kwargs={"pk": course.pk})
    answer = as_role("staff").post(
        desk, {"name": "Nadia", "phone": "0470 99 88 77", "language": "nl"}
    )
    assert answer.status_code == 302
    enrollment = Enrollment.objects.get()
    assert enrollment.claim.status == "confirmed" and enrollment.intake == "approved"


def test_staff_enrol_at_the_desk_with_the_same_places_and_waiting_list(
    as_role, staff, small_course
):
    client = as_role("staff")
    desk = reverse("herstelacademie:desk_enrol", kwargs={"pk": small_course.pk})
    assert client.get(desk).status_code == 200
    client.post(desk, {"name": "Ahmed", "email": "ahmed@example.org", "language": "nl"})
    client.post(desk, {"name": "Bea", "email": "bea@example.org", "language": "nl"})
    statuses = dict(Enrollment.objects.values_list("claim__name", "claim__status"))
    assert statuses == {"Ahmed": "confirmed", "Bea": "waiting"}
    entry = AuditEntry.objects.filter(action="herstelacademie.enrolled_at_desk").first()
    assert entry.actor == staff
    again = client.post(desk, {"name": "Ahmed", "email": "ahmed@example.org", "language": "nl"})
    assert again.status_code == 400
    assert "already enrolled" in str(again.context["form"].errors) or again.context["form"].errors


def test_a_guest_cancels_from_their_link_and_the_place_is_free(client, small_course):
    client.post(
        guest_url(small_course), {"name": "Nadia", "email": "n@example.org", "language": "nl"}
    )
    enrollment = Enrollment.objects.get()
    link = link_of(enrollment)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    cancel = reverse("herstelacademie:guest_cancel", kwargs={"token": token})
    assert client.post(cancel).status_code == 302
    enrollment.refresh_from_db()
    small_course.offering.refresh_from_db()
    assert enrollment.cancelled_at is not None and small_course.offering.taken == 0
    assert client.post(cancel).status_code == 400  # nothing is freed twice


def test_a_guest_claims_the_enrolment_with_an_account(client, as_role, visitor, small_course):
    client.post(
        guest_url(small_course), {"name": "Nadia", "email": "n@example.org", "language": "nl"}
    )
    enrollment = Enrollment.objects.get()
    token = link_of(enrollment).rstrip("/").rsplit("/", 1)[-1]
    claim_url = reverse("herstelacademie:guest_claim", kwargs={"token": token})
    anonymous = client.post(claim_url)
    assert anonymous.status_code == 302 and "login" in anonymous.url
    response = as_role("visitor").post(claim_url)
    assert response.status_code == 302 and response.url == reverse("herstelacademie:plan")
    enrollment.refresh_from_db()
    assert enrollment.user == visitor and enrollment.claim.user == visitor
    assert AuditEntry.objects.filter(
        action="herstelacademie.guest_enrolment_claimed", subject=visitor
    ).exists()
    plan = as_role("visitor").get(reverse("herstelacademie:plan"))
    assert "Veerkracht" in plan.content.decode()


def test_a_broken_link_is_refused_and_an_activity_link_is_not_found(client):
    bad = reverse("herstelacademie:guest", kwargs={"token": "nope"})
    assert client.get(bad).status_code == 400
