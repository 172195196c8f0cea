from django.urls import path

from . import guest_views, phone_login_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("mijn-gegevens/", views.MyDataView.as_view(), name="my_data"),
    path("mijn-gegevens/maken/", views.ExportRequestView.as_view(), name="export_request"),
    path(
        "mijn-gegevens/bestand/<uuid:pk>/", views.ExportDownloadView.as_view(), name="export_file"
    ),
    path("wie-zag-mijn-gegevens/", views.AuditAboutMeView.as_view(), name="who_touched"),
    path("account-verwijderen/", views.AccountDeleteView.as_view(), name="delete"),
    # A guest (no account) and their own data, from their signed link (issue #25).
    path("gast/<str:token>/", guest_views.GuestDataView.as_view(), name="guest_data"),
    path("gast/<str:token>/wissen/", guest_views.GuestEraseView.as_view(), name="guest_erase"),
    # A person with only a phone number logs in from the link in a text message (issue #25).
    path("sms-login/<str:token>/", phone_login_views.PhoneLoginView.as_view(), name="phone_login"),
]
