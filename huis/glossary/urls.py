from django.urls import path

from . import views

app_name = "glossary"
urlpatterns = [
    path("woorden/", views.GlossaryView.as_view(), name="index"),
    path("beheer/woorden/", views.TermListView.as_view(), name="manage"),
    path("beheer/woorden/nieuw/", views.TermEditView.as_view(), name="add"),
    path("beheer/woorden/<int:pk>/", views.TermEditView.as_view(), name="edit"),
]
