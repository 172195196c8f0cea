from django.urls import path

from . import views

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
]
