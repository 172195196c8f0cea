from django.urls import path

from . import message_views, views

app_name = "notifications"
urlpatterns = [
    path("mislukt/", views.FailedListView.as_view(), name="failed"),
    path("<int:pk>/opnieuw/", views.RetryView.as_view(), name="retry"),
    path("sms/", views.TextMessagesView.as_view(), name="text_messages"),
    path(
        "schrijven/<slug:audience>/<int:pk>/",
        message_views.MessageWriteView.as_view(),
        name="message_write",
    ),
]
