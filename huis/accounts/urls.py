from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("mijn-gegevens/", views.MyDataView.as_view(), name="my_data"),
    path("mijn-gegevens.json", views.ExportJsonView.as_view(), name="export_json"),
    path("mijn-gegevens.pdf", views.ExportPdfView.as_view(), name="export_pdf"),
    path("wie-zag-mijn-gegevens/", views.AuditAboutMeView.as_view(), name="who_touched"),
    path("account-verwijderen/", views.AccountDeleteView.as_view(), name="delete"),
]
