"""The portal's addresses under another root, for tests that swap the URL configuration."""

from django.urls import include, path

urlpatterns = [path("elders/", include("huis.urls"))]
