"""A person's roles and permissions, kept in the cache between requests.

Without this, every logged-in page starts with three queries (the person's groups, their own
permissions, their groups' permissions) before the page does any work of its own. The snapshot is
one cache read per request instead (a value of `huis.core.versioned_cache` under the scope
AUTHZ); it is exact because every change to groups, memberships of groups or permissions bumps
that scope (declared in `connect_signals()`), and a person's superuser and active flags are part
of the snapshot's key.
"""

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import salted_hmac

from huis.core.versioned_cache import Cached, bump, read_ahead, watch

from .access import organisation_ids
from .models import SESSION_HASH_ATTRIBUTE

AUTHZ = "authz"
SNAPSHOT_TTL = 60 * 60
ATTRIBUTE = "_authz_snapshot"
SNAPSHOT = Cached(
    "accounts:authz-snapshot", scopes=(AUTHZ,), timeout=SNAPSHOT_TTL, code=(__name__,)
)


def bump_version(**_: Any) -> None:
    """Roles or permissions changed somewhere: every snapshot taken before is stale (now, and
    again after commit: see versioned_cache.bump)."""
    bump(AUTHZ)


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
    # The flags are part of the key: a snapshot taken while the person was a superuser (or
    # active) does not serve them once they are not, even before the version moves on.
    data = SNAPSHOT.get_or_set(
        user.pk, user.is_active, user.is_superuser, compute=lambda: _compute(user)
    )
    user.__dict__[ATTRIBUTE] = data
    return data


# The logged-in person, read on every request of theirs: from the cache instead of a query (the
# query was 40 % of a logged-in request that does nothing else, issue #30). Any save or delete of
# a person bumps the scope (`connect_signals`), a password change and a deactivation included, so
# the next request reads them anew; what writes people without signals bumps it itself; the
# timeout bounds the rest. The models' source is part of the key (a new field, a new shape).
USERS = "accounts-users"
# The organisations a person works for (`access.organisation_ids`: what a partner may see), kept
# on the person too: every save or delete of a membership or an organisation bumps it, and the
# writes without signals (a leaver's memberships ended at once) bump it themselves.
MEMBERSHIPS = "accounts-memberships"
# The person's roles and permissions (their snapshot) are kept in the same value, so a request
# reads both at once: the value is under the roles' scope too.
USER = Cached(
    "accounts:user",
    scopes=(USERS, AUTHZ, MEMBERSHIPS),
    timeout=5 * 60,
    code=(__name__, "huis.accounts.models", "huis.accounts.access"),
)


def _without_password(user: Any) -> Any:
    """A copy of `user` to keep in the cache: its password hash left out (read from the
    database only if something asks for it: a password check), its session hash (what Django
    compares with the session's, an HMAC of the password under SECRET_KEY) and its roles'
    snapshot kept on it, so one cache read gives the person, their roles and the session check."""
    names = [f.attname for f in user._meta.concrete_fields if f.attname != "password"]
    kept = type(user).from_db(user._state.db, names, [getattr(user, n) for n in names])
    kept.__dict__[SESSION_HASH_ATTRIBUTE] = user.get_session_auth_hash()
    snapshot(kept)
    organisation_ids(kept)  # read now and kept with the person (a partner's every page asks)
    return kept


@cache
def _secret_epoch() -> str:
    """Part of every kept person's key: a session hash kept under an older SECRET_KEY (during a
    rotation, processes with the old and new key side by side) is never compared with one made
    under the new key."""
    return salted_hmac("huis.accounts.authz.USER", "epoch", algorithm="sha256").hexdigest()[:16]


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, with the permission sets read from the snapshot and the person
    from the cache. Logins by email address and password, and by a text message's link, are
    this backend's (allauth's own comes after it, for its other ways in)."""

    def get_user(self, user_id):
        load = super().get_user

        def compute():
            user = load(user_id)
            return None if user is None else _without_password(user)

        parts = (str(user_id), _secret_epoch())
        # The person is the first thing a logged-in request reads: what nearly every page shows
        # (the house's facts) comes along in the same round trip.
        read_ahead((USER, parts), with_pages=True)
        return USER.get_or_set(*parts, compute=compute)

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perm_cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, perm_cache_name):
            setattr(user_obj, perm_cache_name, set(snapshot(user_obj)[from_name]))
        return getattr(user_obj, perm_cache_name)


def connect_signals() -> None:
    """What a snapshot is made of: groups, their permissions, people's groups and permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    user_model = get_user_model()
    watch(
        user_model.groups,
        user_model.user_permissions,
        Group.permissions,
        Group,
        Permission,
        ContentType,  # a permission's name is "app_label.codename": the label is read from here
        scopes=[AUTHZ],
    )
    watch(user_model, scopes=[USERS])
    from .models import Membership, Organisation

    watch(Membership, Organisation, scopes=[MEMBERSHIPS])
    watch(
        Membership,
        scopes=[MEMBERSHIPS],
        bumped_by="huis.accounts.invitations.person_deactivate and huis.accounts.scale",
    )
