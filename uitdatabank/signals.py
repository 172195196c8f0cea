"""Where changes come in: saves and deletions of activities, courses and their sessions, and
every change to places (sign-ups, cancellations, promotions). Each puts at most one waiting change
in the outbox, inside the transaction of the change itself (nothing is lost when a worker or the
API is down; nothing is queued for a change that rolled back)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from huis.places.models import PlaceOffering

from . import client, services
from .models import Source

# The models whose changes matter, by label: this app never imports another app's models.
HOLDERS = {
    ("ontmoeting", "activity"): Source.ACTIVITY,
    ("herstelacademie", "course"): Source.COURSE,
}


def _activity_changed(sender, instance, **kwargs) -> None:
    # A date of a weekly series is a subEvent of the series' one event.
    if instance.series_id:
        services.source_changed(source=Source.SERIES, pk=instance.series_id)
    else:
        services.source_changed(source=Source.ACTIVITY, pk=instance.pk)


def _course_changed(sender, instance, **kwargs) -> None:
    services.source_changed(source=Source.COURSE, pk=instance.pk)


def _session_changed(sender, instance, **kwargs) -> None:
    services.source_changed(source=Source.COURSE, pk=instance.course_id)


def _places_changed(sender, instance: PlaceOffering, created: bool = False, **kwargs) -> None:
    if created or not client.is_configured():
        return
    content_type = ContentType.objects.get_for_id(instance.holder_type_id)
    source = HOLDERS.get((content_type.app_label, content_type.model))
    if source is not None:
        services.places_changed(source=source, pk=instance.holder_id)


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_activity_changed, sender="ontmoeting.Activity", weak=False)
        signal.connect(_course_changed, sender="herstelacademie.Course", weak=False)
        signal.connect(_session_changed, sender="herstelacademie.CourseSession", weak=False)
    post_save.connect(_places_changed, sender=PlaceOffering, weak=False)
