"""A person's roles and permissions, kept in the cache between requests.

Without this, every logged-in page starts with three queries (the person's groups, their own
permissions, their groups' permissions) before the page does any work of its own. The snapshot is
one cache read per request instead; it is exact because every change to groups, memberships of
groups, permissions or a person's superuser/active flags replaces the cache-wide version after
commit, and a snapshot taken under an older version is never used.
"""

from typing import Any
from uuid import uuid4

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "authz:version"
SNAPSHOT_TTL = 60 * 60
ATTRIBUTE = "_authz_snapshot"


def _user_key(pk: int) -> str:
    return f"authz:user:{pk}"


def bump_version(**_: Any) -> None:
    """Roles or permissions changed somewhere: every snapshot taken before is stale.

    Now (this transaction's own later reads) and again after commit (a snapshot another request
    took between the two still saw the old rows).
    """
    cache.set(VERSION_KEY, uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid4().hex, None))


def forget(user: Any) -> None:
    """Drop what this user object knows of its roles and permissions (after changing them)."""
    for name in (ATTRIBUTE, "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(name, None)


def _compute(user: Any) -> dict:
    backend = ModelBackend()
    fresh = type(user)(pk=user.pk, is_active=user.is_active, is_superuser=user.is_superuser)
    return {
        "roles": frozenset(user.groups.values_list("name", flat=True)),
        "user": frozenset(backend._get_permissions(fresh, None, "user")),
        "group": frozenset(backend._get_permissions(fresh, None, "group")),
    }


def snapshot(user: Any) -> dict:
    """{"roles", "user", "group"} of a saved user: from this object, the cache, or the database."""
    found = user.__dict__.get(ATTRIBUTE)
    if found is not None:
        return found
    stored = cache.get_many([VERSION_KEY, _user_key(user.pk)])
    version = stored.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    # The flags are part of the check: a snapshot taken while the person was a superuser (or
    # active) does not serve them once they are not, even before the version moves on.
    flags = (user.is_active, user.is_superuser)
    entry = stored.get(_user_key(user.pk))
    if entry and entry["version"] == version and entry["flags"] == flags:
        data = entry["data"]
    else:
        data = _compute(user)
        cache.set(
            _user_key(user.pk), {"version": version, "flags": flags, "data": data}, SNAPSHOT_TTL
        )
    user.__dict__[ATTRIBUTE] = data
    return data


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, with the permission sets read from the snapshot."""

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perm_cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, perm_cache_name):
            setattr(user_obj, perm_cache_name, set(snapshot(user_obj)[from_name]))
        return getattr(user_obj, perm_cache_name)


def connect_signals() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"authz-{through}")
    for model in (Group, Permission):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"authz-save-{model}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"authz-delete-{model}")
