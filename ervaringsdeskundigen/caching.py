"""The coordinators' heaviest pages (a request with its ranked experts, the planning board),
kept in the cache with exact invalidation.

The ranked experts of a request (`matching.ranking`) and the planning board's table are made from
the pool: experts, their accounts, usual availability, absences, home places, themes, kinds of
work, languages and assignments; the board also shows the requests' organisation names; a
request's page (`selectors.request_for_detail`) shows the request with its themes, assignments,
history and evaluation. They are stored under the versions of two page-cache scopes
(`huis.core.pagecache`), read before the data:

- POOL: bumped by every save and delete of those rows and every change of an expert's themes,
  kinds of work or languages (signals, connected in `connect()`), and by the services that write
  in bulk (`bump_pool()` after a bulk insert or a queryset update);
- REQUESTS: bumped by every save and delete of a request, its history, its evaluation, an
  organisation, a managed list item or place, a change of a request's themes, any account's
  change (a name on the page), and after a bulk update of requests.

A bump happens now and again after the transaction commits (see `pagecache.bump`), so a clash or
a new load shows on the next view, never "a few minutes later". Logging in only writes the
account's last login, which nothing here shows, and only an expert's account is in the pool:
other accounts' saves do not bump. The timeout only bounds
what a change made outside the application (a hand-written SQL statement) would leave behind.
"""

import hashlib
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from huis.core import pagecache

POOL = "ervaringsdeskundigen-pool"
REQUESTS = "ervaringsdeskundigen-requests"
TIMEOUT = 600  # seconds
SHAPE = 2  # raise it when what is stored changes shape: a new release then reads none of the old


def bump_pool() -> None:
    pagecache.bump(POOL)


def bump_requests() -> None:
    pagecache.bump(REQUESTS)


def key(name: str, *parts: Any, scopes: tuple[str, ...] = (POOL,)) -> str:
    """A cache key for `name` made of `parts` and the scopes' current versions."""
    words = [name, str(SHAPE), *map(str, parts), *map(str, pagecache.versions(*scopes))]
    digest = hashlib.sha256("\x1f".join(words).encode()).hexdigest()
    return f"ervaringsdeskundigen:{name}:{digest}"


def _pool_changed(sender, **kwargs) -> None:
    bump_pool()


def _account_changed(sender, instance, update_fields=None, **kwargs) -> None:
    """An account's name, address or being active shows in the pool only if it is an expert's;
    any account's name can show on a request's page (who handles it, who moved it)."""
    from .models import Expert

    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login
    bump_requests()
    if Expert.objects.filter(user_id=instance.pk).exists():
        bump_pool()


def _requests_changed(sender, **kwargs) -> None:
    bump_requests()


def _pool_relation_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_pool()


def _requests_relation_changed(sender, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump_requests()


def connect() -> None:
    from huis.accounts.models import Organisation

    from .models import (
        Absence,
        Assignment,
        Availability,
        Evaluation,
        Expert,
        ExpertRequest,
        Language,
        Region,
        RequestEvent,
        Theme,
        WorkKind,
    )

    post_save.connect(
        _account_changed, sender=get_user_model(), dispatch_uid="ervaringsdeskundigen-pool-account"
    )
    for model in (Expert, Availability, Absence, Assignment, Region):
        uid = f"ervaringsdeskundigen-pool-{model._meta.label_lower}"
        post_save.connect(_pool_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_pool_changed, sender=model, dispatch_uid=uid + "-delete")
    for relation in (
        Expert.themes,
        Expert.excluded_themes,
        Expert.work_kinds,
        Expert.languages,
    ):
        through = relation.through
        m2m_changed.connect(
            _pool_relation_changed,
            sender=through,
            dispatch_uid=f"ervaringsdeskundigen-pool-{through._meta.label_lower}",
        )
    # What a request's page shows besides the pool: the request, its history and evaluation,
    # the organisation, and the names of the managed lists and places it refers to.
    for model in (
        ExpertRequest,
        RequestEvent,
        Evaluation,
        Organisation,
        WorkKind,
        Language,
        Theme,
        Region,
    ):
        uid = f"ervaringsdeskundigen-requests-{model._meta.label_lower}"
        post_save.connect(_requests_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_requests_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        _requests_relation_changed,
        sender=ExpertRequest.themes.through,
        dispatch_uid="ervaringsdeskundigen-requests-themes",
    )
