"""The coordinators' heaviest pages (a request with its ranked experts, the planning board, the
inbox), kept in the cache with exact invalidation (`huis.core.versioned_cache`).

Two scopes, and the four values made of them:

- POOL: the experts, their accounts, usual availability, absences, home places, themes, kinds
  of work, languages and assignments. The ranked experts of a request (`RANKING`) are made of it.
- REQUESTS: the requests with their themes, history and evaluation, the organisations, the
  managed lists and places, and any account's name (who handles a request, who moved it).
  A request's page (`REQUEST`) and the planning board's rows (`BOARD`) are made of both; the
  inbox's rows (`INBOX`) of the requests alone.

What bumps each scope is declared in `connect()` (called from the app's `ready()`); services that
write in bulk (a bulk insert, a queryset update) call `bump_pool()` / `bump_requests()`.
Logging in only writes the account's last login, which nothing here shows, and only an expert's
account is in the pool: other accounts' saves do not bump it. The guard test
(tests/core/test_versioned_cache.py) fails when one of these values reads a table that is not
declared here. A proposal never decides from the cached ranking (see `matching.rank_experts`).
"""

from typing import Any

from huis.core.versioned_cache import Cached, bump, watch

POOL = "ervaringsdeskundigen-pool"
REQUESTS = "ervaringsdeskundigen-requests"
TIMEOUT = 600  # seconds: bounds only what a change made past the application leaves behind
# What is stored (matches with model instances, a request with its relations, rows of HTML)
# changes shape with this app's code and the accounts' models: both are part of every key.
CODE = ("ervaringsdeskundigen", "huis.accounts.models")

RANKING = Cached("ervaringsdeskundigen:ranking", scopes=(POOL,), timeout=TIMEOUT, code=CODE)
REQUEST = Cached(
    "ervaringsdeskundigen:request", scopes=(POOL, REQUESTS), timeout=TIMEOUT, code=CODE
)
BOARD = Cached("ervaringsdeskundigen:board", scopes=(POOL, REQUESTS), timeout=TIMEOUT, code=CODE)
INBOX = Cached("ervaringsdeskundigen:inbox", scopes=(REQUESTS,), timeout=TIMEOUT, code=CODE)


def bump_pool() -> None:
    bump(POOL)


def bump_requests() -> None:
    bump(REQUESTS)


def _not_a_login(*, instance: Any, update_fields: Any) -> bool:
    return update_fields is None or not set(update_fields) <= {"last_login"}


def _an_experts_account(*, instance: Any, update_fields: Any) -> bool:
    from .models import Expert

    return _not_a_login(instance=instance, update_fields=update_fields) and (
        Expert.objects.filter(user_id=instance.pk).exists()
    )


def connect() -> None:
    from django.contrib.auth import get_user_model

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

    user = get_user_model()
    watch(user, scopes=[POOL], when=_an_experts_account)
    watch(
        Expert,
        Availability,
        Absence,
        Assignment,
        Region,
        Expert.themes,
        Expert.excluded_themes,
        Expert.work_kinds,
        Expert.languages,
        scopes=[POOL],
    )
    # What a request's page and the board show besides the pool.
    watch(user, scopes=[REQUESTS], when=_not_a_login)
    watch(
        ExpertRequest,
        ExpertRequest.themes,
        RequestEvent,
        Evaluation,
        Organisation,
        WorkKind,
        Language,
        Theme,
        Region,
        scopes=[REQUESTS],
    )
