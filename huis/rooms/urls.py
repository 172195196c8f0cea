from django.urls import path

from . import views

app_name = "rooms"
urlpatterns = [
    path("", views.CalendarView.as_view(), name="calendar"),
    path("reserveren/", views.BookView.as_view(), name="book"),
    path("mijn-reservaties/", views.MineView.as_view(), name="mine"),
    path("reservatie/<int:pk>/annuleren/", views.CancelView.as_view(), name="cancel"),
    path("aanvragen/", views.RequestsView.as_view(), name="requests"),
    path("aanvraag/<int:pk>/goedkeuren/", views.ApproveView.as_view(), name="approve"),
    path("aanvraag/<int:pk>/weigeren/", views.RefuseView.as_view(), name="refuse"),
    path("regels/", views.RulesView.as_view(), name="rules"),
    path("regels/<int:pk>/", views.RulesEditView.as_view(), name="rules_edit"),
]
