"""Two-factor authentication: available to all, required (in production) for sensitive roles."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_2fa(settings):
    settings.HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES = True


@pytest.mark.parametrize("role", ["staff", "coordinator", "administrator", "partner_a"])
def test_sensitive_roles_must_set_up_two_factor_first(require_2fa, as_role, role):
    response = as_role(role).get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", ["staff", "partner_a"])
def test_the_setup_page_itself_stays_reachable(require_2fa, as_role, role):
    client = as_role(role)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    # allauth first asks to confirm who you are; no redirect loop back to the home page.
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/account/reauthenticate/")


@pytest.mark.parametrize("role", ["visitor", "expert"])
def test_visitors_and_experts_are_not_forced(require_2fa, as_role, role):
    client = as_role(role)
    assert client.get(reverse("core:home")).status_code == 200
    # ... but two-factor authentication is available to them too.
    assert client.get(reverse("mfa_index")).status_code == 200


def test_with_an_authenticator_staff_get_through(require_2fa, as_role, staff):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert as_role("staff").get(reverse("core:dashboard")).status_code == 200


def test_not_required_when_the_setting_is_off(settings, as_role):
    settings.HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES = False
    assert as_role("staff").get(reverse("core:dashboard")).status_code == 200


def test_sensitive_roles_sessions_end_after_30_idle_minutes(as_role):
    client = as_role("coordinator")
    client.get(reverse("core:home"))
    assert client.session.get_expiry_age() == 30 * 60


def test_visitors_sessions_last_longer(as_role):
    client = as_role("visitor")
    client.get(reverse("core:home"))
    assert client.session.get_expiry_age() > 30 * 60


def test_production_requires_two_factor_by_default():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DJANGO_ENV="production", SECRET_KEY="p" * 60, ALLOWED_HOSTS="huis.example")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'huis.settings');"
            "django.setup(); from django.conf import settings;"
            "print(settings.HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.stdout.strip() == "True", out.stderr
