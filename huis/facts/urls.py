from django.urls import path

from . import views

app_name = "facts"
urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("beheer/huis/", views.FactsEditView.as_view(), name="edit"),
]
