"""Retention: every registered rule is applied with the number of days in the retention table.

`retention_policies_sync()` adds a row (with the rule's default) for every rule that has none;
`retention_apply()` runs every rule once, nightly through Celery beat (`core.apply_retention`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from huis.audit.services import log_action

from .models import RetentionPolicy
from .registry import RetentionRule, retention_rules


@dataclass(frozen=True)
class RetentionRow:
    """A rule and its period, for the privacy page and the admin."""

    key: str
    label: str
    days: int


def retention_policies_sync() -> int:
    """Create the missing rows of the retention table from the registered rules' defaults."""
    existing = set(RetentionPolicy.objects.values_list("key", flat=True))
    missing = [
        RetentionPolicy(key=rule.key, days=rule.default_days)
        for rule in retention_rules()
        if rule.key not in existing
    ]
    RetentionPolicy.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def retention_periods() -> list[RetentionRow]:
    """Every rule with its current number of days (the default when no row exists yet). Reads
    only, in one query."""
    days = dict(RetentionPolicy.objects.values_list("key", "days"))
    return [
        RetentionRow(
            key=rule.key, label=str(rule.label), days=days.get(rule.key, rule.default_days)
        )
        for rule in retention_rules()
    ]


def _apply_rule(rule: RetentionRule, policy: RetentionPolicy, now: datetime) -> int:
    cutoff = now - timedelta(days=policy.days)
    with transaction.atomic():
        count = int(rule.purge(cutoff=cutoff) or 0)
        RetentionPolicy.objects.filter(pk=policy.pk).update(last_applied_at=now, last_count=count)
        log_action(
            actor=None,
            action="core.retention_applied",
            obj=policy,
            data={"rule": rule.key, "days": policy.days, "count": count},
        )
    return count


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """Apply every retention rule; each in its own transaction. Returns the count per rule."""
    now = now or timezone.now()
    retention_policies_sync()
    policies = {p.key: p for p in RetentionPolicy.objects.all()}
    return {rule.key: _apply_rule(rule, policies[rule.key], now) for rule in retention_rules()}
