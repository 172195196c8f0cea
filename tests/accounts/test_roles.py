"""The role matrix of the foundation: what each role may reach, and what is refused."""

import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users made once per module)

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}
SIGNED_IN = set(ROLE_FIXTURES) - {"anonymous"}

# url name -> who gets 200; everyone else signed in gets 403, anonymous is sent to login
# (public pages: everyone gets 200).
PAGES = {
    "core:home": set(ROLE_FIXTURES),
    "ontmoeting:home": set(ROLE_FIXTURES),
    "herstelacademie:home": set(ROLE_FIXTURES),
    "ervaringsdeskundigen:home": set(ROLE_FIXTURES),
    "beeldvorming:home": set(ROLE_FIXTURES),
    "core:dashboard": HOUSE,
    "accounts:profile": SIGNED_IN,
    "kwartiermaken:home": HOUSE | {"partner_a", "partner_b"},
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_role_matrix(as_role, role, url_name):
    client = as_role(role)
    response = client.get(reverse(url_name))
    if role in PAGES[url_name]:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_django_admin_is_for_administrators_only(as_role, role):
    response = as_role(role).get(reverse("admin:index"))
    if role == "administrator":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response.url


def test_dashboard_shows_every_function_of_the_house(as_role):
    response = as_role("staff").get(reverse("core:dashboard"))
    for url_name in [
        "ontmoeting:home",
        "herstelacademie:home",
        "ervaringsdeskundigen:home",
        "beeldvorming:home",
        "kwartiermaken:home",
    ]:
        assert f'href="{reverse(url_name)}"' in response.text
    assert reverse("admin:index") not in response.text


def test_dashboard_links_the_admin_for_administrators(as_role):
    response = as_role("administrator").get(reverse("core:dashboard"))
    assert reverse("admin:index") in response.text


@pytest.mark.parametrize(
    ("role", "destination"),
    [
        ("visitor", "core:home"),
        ("partner_a", "core:home"),
        ("staff", "core:dashboard"),
        ("coordinator", "core:dashboard"),
    ],
)
def test_after_login_each_role_lands_where_its_work_starts(as_role, role, destination):
    response = as_role(role).get(reverse("core:after_login"))
    assert response.url == reverse(destination)
