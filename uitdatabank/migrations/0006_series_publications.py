"""Dates of a weekly series were published one event per date; a series is now one event with a
subEvent per date. A series with a published date becomes a wanted series publication (its event
is made by the next sweep), and each date's own event is withdrawn (DELETE, by the next sweep)."""

from django.db import migrations
from django.utils import timezone


def one_event_per_series(apps, schema_editor):
    Publication = apps.get_model("uitdatabank", "Publication")
    Change = apps.get_model("uitdatabank", "Change")
    Activity = apps.get_model("ontmoeting", "Activity")
    now = timezone.now()
    dated = Publication.objects.filter(source="activity")
    series_of = dict(
        Activity.objects.filter(pk__in=dated.values("object_id"), series__isnull=False).values_list(
            "pk", "series_id"
        )
    )
    for publication in dated.filter(object_id__in=list(series_of)):
        series_id = series_of[publication.object_id]
        if publication.wanted:
            series, _created = Publication.objects.get_or_create(
                source="series", object_id=series_id, defaults={"wanted": True}
            )
            if not series.wanted:
                series.wanted = True
                series.save(update_fields=["wanted"])
            if not Change.objects.filter(publication=series, kind="sync", status="pending"):
                Change.objects.create(publication=series, kind="sync", due_at=now)
        publication.wanted = False
        publication.save(update_fields=["wanted"])
        Change.objects.filter(publication=publication, status__in=["pending", "failed"]).delete()
        if publication.event_id and publication.sent_status != "deleted":
            Change.objects.create(publication=publication, kind="sync", due_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("uitdatabank", "0005_facility_terms"),
        ("ontmoeting", "0001_initial"),
    ]
    operations = [migrations.RunPython(one_event_per_series, migrations.RunPython.noop)]
