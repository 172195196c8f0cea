"""The agenda feed at /agenda.ics, outside the /agenda/ namespace (huis/urls.py includes it)."""

from django.urls import path

from .views.feed import FeedView

urlpatterns = [
    path("", FeedView.as_view(), name="agenda_feed"),
]
