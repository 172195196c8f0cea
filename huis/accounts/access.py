"""The one place that decides who may see and do what.

Every app asks here instead of writing its own checks:

- role predicates (`is_house`, `is_coordinator`, ...) to combine into rules in an app's
  `permissions.py` with `rules.add_perm`;
- object predicates for data that belongs to an organisation (`belongs_to_own_organisation`) or to a
  person (`is_own`);
- `visible_to()`, which narrows a queryset to what a user may see, so lists never leak;
- `fetch_for()`, which fetches one object and authorises in one step: an outsider gets 404 (they
  must not learn it exists), someone who may see but not change it gets 403; `authorise()` is
  the same check for an object read another way.
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .roles import HOUSE_ROLES, Role


def _roles(user: Any) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return user.role_names


def has_role(*roles: str) -> rules.Predicate:
    """A predicate that holds for users with any of the given roles (superusers hold all)."""
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role:{'|'.join(sorted(wanted))}")
    def predicate(user: Any) -> bool:
        return bool(getattr(user, "is_superuser", False) or _roles(user) & wanted)

    return predicate


is_authenticated = rules.is_authenticated
is_visitor = has_role(Role.VISITOR)
is_expert = has_role(Role.EXPERT)
is_volunteer = has_role(Role.VOLUNTEER)
is_partner_worker = has_role(Role.PARTNER_WORKER)
is_house = has_role(*HOUSE_ROLES)
is_coordinator = has_role(Role.COORDINATOR, Role.ADMINISTRATOR)
is_administrator = has_role(Role.ADMINISTRATOR)


def organisation_ids(user: Any) -> frozenset[int]:
    """Ids of the organisations the user currently works for (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(
                ended_on__isnull=True, organisation__is_active=True
            ).values_list("organisation_id", flat=True)
        )
        user._organisation_ids = cached
    return cached


def organisations_of(user: Any) -> list[Any]:
    """The organisations the user currently works for, in name order (for a form's choices)."""
    from .models import Organisation

    return list(Organisation.objects.filter(pk__in=organisation_ids(user)).order_by("name"))


@rules.predicate
def belongs_to_own_organisation(user: Any, obj: Any) -> bool:
    """The object's `organisation_id` is one of the user's organisations."""
    return obj is not None and getattr(obj, "organisation_id", None) in organisation_ids(user)


@rules.predicate
def is_own(user: Any, obj: Any) -> bool:
    """The object's `user_id` is the user's."""
    return (
        obj is not None
        and getattr(user, "is_authenticated", False)
        and getattr(obj, "user_id", None) == user.pk
    )


def visible_to[M: Model](
    user: Any,
    queryset: QuerySet[M],
    *,
    organisation_field: str | None = None,
    person_field: str | None = None,
    everything_for: rules.Predicate = is_coordinator,
) -> QuerySet[M]:
    """Narrow `queryset` to the rows `user` may see.

    Users for whom `everything_for` holds see all rows; others see the rows of their own
    organisations (through `organisation_field`) and their own rows (through `person_field`).
    Anonymous users see nothing.
    """
    if everything_for.test(user):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    condition = Q(pk__in=[])
    if organisation_field:
        condition |= Q(**{f"{organisation_field}__in": organisation_ids(user)})
    if person_field:
        condition |= Q(**{person_field: user.pk})
    return queryset.filter(condition)


def fetch_for[M: Model](
    user: Any,
    queryset: QuerySet[M],
    *,
    view_perm: str,
    change_perm: str | None = None,
    **lookup: Any,
) -> M:
    """Fetch one object and authorise in one step (see `authorise`)."""
    obj = queryset.filter(**lookup).first()
    return authorise(user, obj, view_perm=view_perm, change_perm=change_perm)


def authorise[M: Model](
    user: Any, obj: M | None, *, view_perm: str, change_perm: str | None = None
) -> M:
    """The object, if `user` may see it (and change it, when `change_perm` is given).

    404 when there is none or `user` may not see it (they must not learn it exists);
    403 when the user may see but not change it. For an object read some other way than
    through a queryset (from the cache, for example).
    """
    if obj is None or not user.has_perm(view_perm, obj):
        raise Http404
    if change_perm and not user.has_perm(change_perm, obj):
        raise PermissionDenied
    return obj
