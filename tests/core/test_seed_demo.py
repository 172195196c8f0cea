"""seed_demo: a living demo house, idempotent, never with DEBUG off."""

import pytest
from django.core.management import CommandError, call_command

from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
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
    # The demo logins work.
    assert client.login(email="coordinator@huis.example", password="huis-demo-2026")


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert User.objects.count() == 0
