# ruff: noqa: S608 (the SQL holds only our own table names; values go as parameters)
"""The monthly figures behind the overviews: counted once per change, not on every visit.

`refresh(organisation_id=..., days=...)` recounts the months of those days for one organisation,
and the network's totals of the same months, in the caller's transaction: the services call it
with every change of an entry or a signal, so the overview is exact the moment the change commits.
A month's recount holds a transaction-level advisory lock on that month, so two changes in the same
month (from any organisation) recount one after the other and the second sees the first one's
rows. `refresh_all()` recounts everything; a nightly task runs it (it also repairs figures after
changes made outside the services) and `seed_scale` after its bulk inserts.

Every recount also bumps `version()`, the version of the scope the overview page keeps its cached
drawings under (kwartiermaken.figures_cache): a drawing made from older figures is never served
again.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

from . import figures_cache
from .models import NeedMonth, OutreachEntry, OutreachMonth, Signal, SignalMonth

LOCK_NAMESPACE = 0x4B57  # "KW": the advisory locks of these figures


def version() -> int:
    """The figures' current version (kept by `figures_cache`). Read it before the figures: a
    drawing stored under it then never holds figures older than the version says."""
    return figures_cache.version()


def bump_version() -> None:
    """A change of the figures: bump now, and again once the change commits."""
    figures_cache.bump_version()


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def _tables() -> dict[str, str]:
    return {
        "entry": OutreachEntry._meta.db_table,
        "needs": OutreachEntry.needs.through._meta.db_table,
        "signal": Signal._meta.db_table,
        "month": OutreachMonth._meta.db_table,
        "need_month": NeedMonth._meta.db_table,
        "signal_month": SignalMonth._meta.db_table,
    }


def _recount(cursor, month: dt.date, organisation_id: int | None) -> None:
    """Recount one month: for one organisation, or (None) for every organisation; then the
    network's totals of that month from the organisations' rows."""
    t = _tables()
    params = {"month": month, "next": _next_month(month), "org": organisation_id}
    own = "organisation_id = %(org)s" if organisation_id else "organisation_id IS NOT NULL"
    entry_own = "e.organisation_id = %(org)s" if organisation_id else "TRUE"
    statements = [
        f"DELETE FROM {t['month']} WHERE month = %(month)s AND ({own} OR organisation_id IS NULL)",
        f"""INSERT INTO {t["month"]} (month, organisation_id, neighbourhood_id, kind, entries,
                people, referrals, follow_ups_open)
            SELECT %(month)s, e.organisation_id, e.neighbourhood_id, e.kind, count(*),
                coalesce(sum(e.people_reached), 0), coalesce(sum(e.referrals), 0),
                count(*) FILTER (WHERE e.follow_up_on IS NOT NULL
                                 AND e.follow_up_done_at IS NULL)
            FROM {t["entry"]} e
            WHERE e.date >= %(month)s AND e.date < %(next)s AND {entry_own}
            GROUP BY e.organisation_id, e.neighbourhood_id, e.kind""",
        f"""INSERT INTO {t["month"]} (month, organisation_id, neighbourhood_id, kind, entries,
                people, referrals, follow_ups_open)
            SELECT month, NULL, neighbourhood_id, kind, sum(entries), sum(people),
                sum(referrals), sum(follow_ups_open)
            FROM {t["month"]} WHERE month = %(month)s AND organisation_id IS NOT NULL
            GROUP BY month, neighbourhood_id, kind""",
        f"DELETE FROM {t['need_month']} "
        f"WHERE month = %(month)s AND ({own} OR organisation_id IS NULL)",
        f"""INSERT INTO {t["need_month"]} (month, organisation_id, need_id, entries)
            SELECT %(month)s, e.organisation_id, n.need_id, count(*)
            FROM {t["needs"]} n JOIN {t["entry"]} e ON e.id = n.outreachentry_id
            WHERE e.date >= %(month)s AND e.date < %(next)s AND {entry_own}
            GROUP BY e.organisation_id, n.need_id""",
        f"""INSERT INTO {t["need_month"]} (month, organisation_id, need_id, entries)
            SELECT month, NULL, need_id, sum(entries)
            FROM {t["need_month"]} WHERE month = %(month)s AND organisation_id IS NOT NULL
            GROUP BY month, need_id""",
        f"DELETE FROM {t['signal_month']} "
        f"WHERE month = %(month)s AND ({own} OR organisation_id IS NULL)",
        f"""INSERT INTO {t["signal_month"]} (month, organisation_id, category, signals,
                times_seen)
            SELECT %(month)s, e.organisation_id, e.category, count(*),
                coalesce(sum(e.times_seen), 0)
            FROM {t["signal"]} e
            WHERE e.observed_on >= %(month)s AND e.observed_on < %(next)s AND {entry_own}
            GROUP BY e.organisation_id, e.category""",
        f"""INSERT INTO {t["signal_month"]} (month, organisation_id, category, signals,
                times_seen)
            SELECT month, NULL, category, sum(signals), sum(times_seen)
            FROM {t["signal_month"]} WHERE month = %(month)s AND organisation_id IS NOT NULL
            GROUP BY month, category""",
    ]
    cursor.execute(
        "SELECT pg_advisory_xact_lock(%(ns)s, %(key)s)",
        {"ns": LOCK_NAMESPACE, "key": month.toordinal()},
    )
    for sql in statements:
        cursor.execute(sql, params)


@transaction.atomic
def refresh(*, organisation_id: int, days: Iterable[dt.date | None]) -> None:
    """Recount the months of `days` for one organisation (and the network's totals)."""
    months = sorted({month_of(day) for day in days if day is not None})
    with connection.cursor() as cursor:
        for month in months:  # in order: two changes never wait for each other's locks in turn
            _recount(cursor, month, organisation_id)
    bump_version()


@transaction.atomic
def refresh_all() -> int:
    """Recount every month that has entries, signals or figures. Returns the number of months."""
    t = _tables()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT DISTINCT date_trunc('month', day)::date FROM (
                    SELECT date AS day FROM {t["entry"]}
                    UNION ALL SELECT observed_on FROM {t["signal"]}
                    UNION ALL SELECT month FROM {t["month"]}
                    UNION ALL SELECT month FROM {t["need_month"]}
                    UNION ALL SELECT month FROM {t["signal_month"]}
                ) AS days ORDER BY 1"""
        )
        months = [row[0] for row in cursor.fetchall()]
        for month in months:
            _recount(cursor, month, None)
    bump_version()
    return len(months)
