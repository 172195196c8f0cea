"""Writes on people and organisations."""

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from huis.audit.services import log_action

from .authz import forget as forget_authz
from .models import User
from .roles import Role


@transaction.atomic
def user_grant_role(*, user: User, role: Role | str, actor: Any | None) -> None:
    group, _ = Group.objects.get_or_create(name=str(role))
    user.groups.add(group)
    forget_authz(user)
    log_action(actor=actor, action="accounts.role_granted", obj=user, data={"role": str(role)})


class _Unchanged:
    """A field the caller did not name: left as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    actor: User,
    display_name: str = UNCHANGED,
    preferred_language: str = UNCHANGED,
    phone: str = UNCHANGED,
) -> User:
    """Change the fields named (a misspelt one is a TypeError at the call); audit what changed."""
    fields = {
        name: value
        for name, value in (
            ("display_name", display_name),
            ("preferred_language", preferred_language),
            ("phone", phone),
        )
        if value is not UNCHANGED
    }
    if not fields:
        return user
    # Compare with what is stored: a bound ModelForm has already set the new values on `user`.
    stored = User.objects.filter(pk=user.pk).values(*fields).get()
    changed = [name for name, value in fields.items() if stored[name] != value]
    for name, value in fields.items():
        setattr(user, name, value)
    if changed:
        user.save(update_fields=changed)
        log_action(
            actor=actor, action="accounts.profile_changed", obj=user, data={"fields": changed}
        )
    return user
