"""A million audit rows for the benchmark (`manage.py seed_scale`), inserted by PostgreSQL."""

from django.db import connection

from huis.core.registry import register_scale_seeder

from .models import AuditEntry

ACTIONS = ["registration.created", "registration.cancelled", "activity.updated", "profile.viewed"]


@register_scale_seeder("audit", order=1000)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM accounts_user")
        low, high = cursor.fetchone()
        if low is None:
            return
        # Spread over five years, actors and subjects among the people, deterministic (no random()).
        cursor.execute(
            f"""
            INSERT INTO {table} (at, actor_id, subject_id, action, object_type, object_id, data)
            SELECT now() - (n %% 1826) * interval '1 day' - (n %% 86400) * interval '1 second',
                   %(low)s + (n * 7919) %% (%(high)s - %(low)s + 1),
                   %(low)s + (n * 104729) %% (%(high)s - %(low)s + 1),
                   (%(actions)s::text[])[1 + n %% %(n_actions)s],
                   'ontmoeting.activity', (n %% 25000)::text, '{{}}'::jsonb
            FROM generate_series(1::bigint, %(count)s) AS n
            """,  # noqa: S608 (the table name is ours)
            {
                "low": low,
                "high": high,
                "actions": ACTIONS,
                "n_actions": len(ACTIONS),
                "count": sizes["audit"],
            },
        )
    stdout.write(f"    {sizes['audit']} audit entries")
