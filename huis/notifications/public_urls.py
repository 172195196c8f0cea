"""Public addresses of the outbox: short links in text messages and Twilio's webhooks (signed)."""

from django.urls import path

from . import views

urlpatterns = [
    path("k/<str:code>", views.ShortLinkView.as_view(), name="short_link"),
    path("sms/twilio/status/", views.SmsStatusView.as_view(), name="sms_status"),
    path("sms/twilio/incoming/", views.SmsIncomingView.as_view(), name="sms_incoming"),
]
