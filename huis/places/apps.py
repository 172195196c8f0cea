from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "huis.places"
    label = "places"
    verbose_name = _("Places and waiting lists")

    def ready(self) -> None:
        from django.conf import settings

        # Lapsed offers pass on within minutes. Kept here so the schedule lives with the task;
        # settings.py may override it by defining the same entry.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "places-offers-expire", {"task": "places.offers_expire", "schedule": 300.0}
        )
