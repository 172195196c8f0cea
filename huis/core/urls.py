from django.urls import path

from . import views
from .report import views as report

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("beheer/", views.DashboardView.as_view(), name="dashboard"),
    path("beheer/jaarverslag/", report.ReportView.as_view(), name="report"),
    path("beheer/jaarverslag/maken/", report.ReportBuildView.as_view(), name="report_build"),
    path(
        "beheer/jaarverslag/download/<str:kind>/",
        report.ReportDownloadView.as_view(),
        name="report_download",
    ),
    path(
        "beheer/vertalingen/",
        views.MissingTranslationsView.as_view(),
        name="missing_translations",
    ),
    path("na-aanmelden/", views.after_login, name="after_login"),
    path("taal/", views.set_language, name="set_language"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
]
