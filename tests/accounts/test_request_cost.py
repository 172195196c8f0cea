"""What a logged-in page costs before it does its own work, and that the savings stay exact.

A person's roles and permissions come from a cached snapshot (huis.accounts.authz), and the
session list's "last seen" and the idle clock are written at most once a minute
(huis.accounts.middleware). These tests prove both that the queries are gone and that every
change of a role or permission still counts on the very next request.
"""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huis.accounts import middleware
from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.accounts.services import user_grant_role

pytestmark = pytest.mark.django_db

AUTH_TABLES = ("auth_group", "auth_permission", "usersessions_usersession")


def _auth_queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if any(t in q["sql"] for t in AUTH_TABLES)]


def test_a_logged_in_page_reads_roles_permissions_and_session_list_once(client, visitor):
    client.force_login(visitor)
    url = reverse("ontmoeting:mine")
    assert _auth_queries(client, url)  # the first request fills the snapshot and the session list
    assert _auth_queries(client, url) == []
    assert _auth_queries(client, url) == []


def test_a_role_granted_counts_on_the_next_request(client, visitor):
    client.force_login(visitor)
    dashboard = reverse("core:dashboard")
    assert client.get(dashboard).status_code == 403
    user_grant_role(user=User.objects.get(pk=visitor.pk), role=Role.STAFF, actor=None)
    assert client.get(dashboard).status_code == 200


def test_a_role_taken_away_counts_on_the_next_request(client, staff):
    client.force_login(staff)
    dashboard = reverse("core:dashboard")
    assert client.get(dashboard).status_code == 200
    User.objects.get(pk=staff.pk).groups.remove(Group.objects.get(name=Role.STAFF))
    assert client.get(dashboard).status_code == 403


def test_a_permission_given_to_a_group_counts_for_its_members_at_once(visitor):
    permission = Permission.objects.get(codename="add_organisation")
    assert not User.objects.get(pk=visitor.pk).has_perm("accounts.add_organisation")
    Group.objects.get(name=Role.VISITOR).permissions.add(permission)
    assert User.objects.get(pk=visitor.pk).has_perm("accounts.add_organisation")
    Group.objects.get(name=Role.VISITOR).permissions.remove(permission)
    assert not User.objects.get(pk=visitor.pk).has_perm("accounts.add_organisation")


def test_losing_superuser_or_active_is_not_hidden_by_the_snapshot(administrator):
    assert User.objects.get(pk=administrator.pk).has_perm("accounts.delete_user")
    User.objects.filter(pk=administrator.pk).update(is_superuser=False)
    fresh = User.objects.get(pk=administrator.pk)
    assert fresh.has_perm("accounts.delete_user") == bool(
        fresh.groups.filter(permissions__codename="delete_user").exists()
    )
    User.objects.filter(pk=administrator.pk).update(is_active=False)
    assert not User.objects.get(pk=administrator.pk).has_perm("accounts.delete_user")


def test_the_session_list_is_written_at_most_once_a_minute(client, visitor, monkeypatch):
    client.force_login(visitor)
    url = reverse("ontmoeting:mine")
    now = middleware._clock()
    monkeypatch.setattr(middleware, "_clock", lambda: now)
    client.get(url)
    first = UserSession.objects.get(session_key=client.session.session_key).last_seen_at
    client.get(url)
    assert UserSession.objects.get(session_key=client.session.session_key).last_seen_at == first
    monkeypatch.setattr(middleware, "_clock", lambda: now + middleware.REFRESH_SECONDS + 1)
    client.get(url)
    assert UserSession.objects.get(session_key=client.session.session_key).last_seen_at > first


def test_the_idle_clock_of_a_sensitive_role_restarts_after_the_interval(as_role, monkeypatch):
    client = as_role("coordinator")
    url = reverse("core:dashboard")
    now = middleware._clock()
    monkeypatch.setattr(middleware, "_clock", lambda: now)
    client.get(url)
    stamp = client.session["_huis_idle_refreshed"]
    assert client.session.get_expiry_age() == middleware.IDLE_TIMEOUT_SENSITIVE
    client.get(url)
    assert client.session["_huis_idle_refreshed"] == stamp  # not saved again within the minute
    monkeypatch.setattr(middleware, "_clock", lambda: now + middleware.REFRESH_SECONDS + 1)
    client.get(url)
    assert client.session["_huis_idle_refreshed"][1] > stamp[1]
    assert client.session.get_expiry_age() == middleware.IDLE_TIMEOUT_SENSITIVE


def test_the_person_and_their_roles_come_from_one_cache_read_without_a_query(
    visitor, redis_round_trips
):
    from huis.accounts.authz import CachedModelBackend

    backend = CachedModelBackend()
    backend.get_user(visitor.pk)  # kept
    redis_round_trips[0] = 0
    with CaptureQueriesContext(connection) as queries:
        user = backend.get_user(visitor.pk)
        assert user.pk == visitor.pk and user.has_perm("ontmoeting.view_own_registrations")
        assert not user.has_perm("accounts.delete_user")
    assert (len(queries), redis_round_trips[0]) == (0, 1)


def test_a_new_password_ends_the_other_sessions_on_their_next_request(client, visitor):
    client.force_login(visitor)
    mine = reverse("ontmoeting:mine")
    assert client.get(mine).status_code == 200  # the person is kept in the cache now
    person = User.objects.get(pk=visitor.pk)
    person.set_password("een-heel-ander-wachtwoord-2026")
    person.save()
    assert client.get(mine).status_code == 302  # logged out: to the login page


def test_a_person_made_inactive_is_out_on_the_next_request(client, visitor):
    client.force_login(visitor)
    mine = reverse("ontmoeting:mine")
    assert client.get(mine).status_code == 200
    person = User.objects.get(pk=visitor.pk)
    person.is_active = False
    person.save()
    assert client.get(mine).status_code == 302


def test_a_changed_name_shows_on_the_next_request(client, visitor):
    client.force_login(visitor)
    profile = reverse("accounts:profile")
    assert "Marleen Vandenbroucke" not in client.get(profile).text
    person = User.objects.get(pk=visitor.pk)
    person.display_name = "Marleen Vandenbroucke"
    person.save(update_fields=["display_name"])
    assert "Marleen Vandenbroucke" in client.get(profile).text


def test_no_password_hash_is_kept_in_the_cache_and_a_password_check_still_works(visitor):
    import pickle

    import redis
    from django.conf import settings

    from huis.accounts.authz import CachedModelBackend

    person = User.objects.get(pk=visitor.pk)
    person.set_password("het-oude-wachtwoord-2026")
    person.save()
    kept = CachedModelBackend().get_user(visitor.pk)  # from the database, then kept
    kept = CachedModelBackend().get_user(visitor.pk)  # from the cache
    assert "password" not in kept.__dict__
    raw = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    stored = b"".join(v for k in raw.keys("*accounts:user*") if (v := raw.get(k)))
    assert stored and person.password.encode() not in stored
    assert pickle.dumps(kept).find(person.password.encode()) == -1
    # Asked for, the password comes from the database: a check of it works as before.
    assert kept.has_usable_password() and kept.check_password("het-oude-wachtwoord-2026")
    assert kept.get_session_auth_hash() == person.get_session_auth_hash()
