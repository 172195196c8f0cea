"""seed_demo: a living demo house, idempotent, never with DEBUG off."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.notifications.services import notifications_send_due
from huis.rooms.models import Room

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        Room.objects.count(),
    )


def test_seed_demo_builds_the_house_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    first = _counts()
    call_command("seed_demo", "--quiet-logins")
    assert _counts() == first
    assert Organisation.objects.filter(kind=Organisation.Kind.PARTNER).count() >= 3
    assert Room.objects.count() >= 4
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


def test_seed_demo_shows_the_people_functions_of_issue_25(settings):
    """An open invitation, a past import, a guest and a desk enrolment, a staff message."""
    from django.apps import apps

    from huis.accounts.models import ImportBatch, Invitation
    from huis.notifications.models import NoticeMessage

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    call_command("seed_demo", "--quiet-logins")
    assert [i.is_open for i in Invitation.objects.all()] == [True]
    assert ImportBatch.objects.filter(status=ImportBatch.Status.COMMITTED).count() == 1
    enrollment = apps.get_model("herstelacademie", "Enrollment")
    assert enrollment.objects.filter(user__isnull=True).count() == 2
    assert NoticeMessage.objects.count() == 1
    assert NoticeMessage.objects.get().recipients >= 3


def test_seed_demo_prints_every_demo_login_without_a_password(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()
    for user in User.objects.filter(email__endswith="@huis.example"):
        assert user.email in printed
    assert "password" not in printed.replace("no password", "")
    assert "huis-demo" not in printed


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0
