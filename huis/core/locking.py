"""Row locks, taken one way everywhere: in a fixed order, with a lock timeout.

`lock(queryset, *pks)` locks the rows for the rest of the transaction, in primary-key order (so
two transactions that lock the same rows can never wait on each other in a circle), and waits at
most `LOCK_TIMEOUT_MS` for a row someone else holds. Then it raises `Busy`, which the views show
as "try again in a moment": a held lock costs the person a few seconds, never a hung worker.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Model, QuerySet

from .errors import Busy

# psycopg's SQLSTATE for "could not obtain lock" (lock_not_available).
LOCK_NOT_AVAILABLE = "55P03"


def _lock_timeout_ms() -> int:
    return int(getattr(settings, "LOCK_TIMEOUT_MS", 3000))


def _is_lock_timeout(error: DatabaseError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == LOCK_NOT_AVAILABLE


def lock_rows[M: Model](
    queryset: QuerySet[M], pks: Iterable[int] | None = None, **kwargs
) -> list[M]:
    """Lock the rows of `queryset` (only `pks` when given) in primary-key order and return them.

    Must run inside a transaction. `kwargs` go to `select_for_update` (`of=("self",)` when the
    queryset joins rows that must not be locked)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_rows() needs a transaction (transaction.atomic).")
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    with connection.cursor() as cursor:
        # SET LOCAL lasts until the transaction ends; the value is an int we built.
        cursor.execute(f"SET LOCAL lock_timeout = {_lock_timeout_ms()}")
    try:
        return list(queryset.select_for_update(**kwargs).order_by("pk"))
    except DatabaseError as error:
        if _is_lock_timeout(error):
            raise Busy() from error
        raise


def lock[M: Model](queryset: QuerySet[M], pk: int, **kwargs) -> M:
    """Lock one row of `queryset` and return it; `DoesNotExist` when it is not there."""
    rows = lock_rows(queryset, [pk], **kwargs)
    if not rows:
        raise queryset.model.DoesNotExist(f"{queryset.model.__name__} {pk} does not exist.")
    return rows[0]
