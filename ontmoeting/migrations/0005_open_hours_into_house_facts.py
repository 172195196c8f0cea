"""The walk-in hours move into the house's opening hours (huis.facts' OpeningPeriod), so the house
keeps its hours once: the contact page, "open now" and the agenda read the same rows.

Forwards, idempotent (0006 runs it again for rows the version still serving wrote meanwhile):
- every OpenHours row in use becomes an opening period, unless the house's hours already cover
  (overlap) it on that weekday: no period is doubled, and the facts page's rule "two periods of
  one day do not overlap" keeps holding. Its room and note are not kept (the facts have neither).
- every walk-in count gets the times of its session from its OpenHours row.

Backwards: nothing to undo. The OpenHours rows and the counts' link to them are untouched until
0006, so the version before this one finds them as they were; the copied periods are the house's
hours now and may have been edited since, so they stay.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    OpenHours = apps.get_model("ontmoeting", "OpenHours")
    WalkInTally = apps.get_model("ontmoeting", "WalkInTally")
    OpeningPeriod = apps.get_model("facts", "OpeningPeriod")
    periods = list(OpeningPeriod.objects.values_list("weekday", "opens_at", "closes_at"))
    for hours in OpenHours.objects.filter(is_active=True).order_by("weekday", "opens_at", "pk"):
        covered = any(
            weekday == hours.weekday and opens < hours.closes_at and hours.opens_at < closes
            for weekday, opens, closes in periods
        )
        if not covered:
            OpeningPeriod.objects.create(
                weekday=hours.weekday, opens_at=hours.opens_at, closes_at=hours.closes_at
            )
            periods.append((hours.weekday, hours.opens_at, hours.closes_at))
    for tally in WalkInTally.objects.filter(opens_at__isnull=True, open_hours__isnull=False):
        # Two OpenHours rows with the same start on one day were one session: one count.
        same = WalkInTally.objects.filter(date=tally.date, opens_at=tally.open_hours.opens_at)
        if same.exists():
            same.update(count=tally.count + same.get().count)
            tally.delete()
            continue
        tally.opens_at = tally.open_hours.opens_at
        tally.closes_at = tally.open_hours.closes_at
        tally.save(update_fields=["opens_at", "closes_at"])


def backwards(apps, schema_editor):
    """Nothing to undo: see the module's text."""


class Migration(migrations.Migration):
    dependencies = [
        ("ontmoeting", "0004_walk_in_sessions"),
        ("facts", "0002_seed_house_facts"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
