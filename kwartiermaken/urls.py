from django.urls import path

from .views import consultation, entries, home, overview, recommendations, referrals, signals

app_name = "kwartiermaken"
urlpatterns = [
    path(
        "aanbevelingen/<int:pk>/bewoners/",
        consultation.ConsultationCreateView.as_view(),
        name="consultation_create",
    ),
    path(
        "aanbevelingen/<int:pk>/citaat/",
        consultation.QuoteCreateView.as_view(),
        name="quote_create",
    ),
    path(
        "citaten/<int:pk>/verwijderen/",
        consultation.QuoteRemoveView.as_view(),
        name="quote_remove",
    ),
    path("", home.HomeView.as_view(), name="home"),
    path("werk/", entries.EntryListView.as_view(), name="entry_list"),
    path("werk/nieuw/", entries.EntryCreateView.as_view(), name="entry_create"),
    path("werk/export.csv", entries.EntryExportView.as_view(), name="entry_export"),
    path("werk/<int:pk>/", entries.EntryDetailView.as_view(), name="entry_detail"),
    path("werk/<int:pk>/wijzigen/", entries.EntryUpdateView.as_view(), name="entry_update"),
    path("werk/<int:pk>/notities/", entries.EntryNotesView.as_view(), name="entry_notes"),
    path("werk/<int:pk>/doorverwijzen/", referrals.EntryReferView.as_view(), name="entry_refer"),
    path(
        "werk/<int:pk>/opgevolgd/",
        entries.EntryFollowUpDoneView.as_view(),
        name="entry_follow_up_done",
    ),
    path("signalen/", signals.SignalListView.as_view(), name="signal_list"),
    path("signalen/nieuw/", signals.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", signals.SignalDetailView.as_view(), name="signal_detail"),
    path("signalen/<int:pk>/wijzigen/", signals.SignalUpdateView.as_view(), name="signal_update"),
    path(
        "aanbevelingen/",
        recommendations.RecommendationListView.as_view(),
        name="recommendation_list",
    ),
    path(
        "aanbevelingen/nieuw/",
        recommendations.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path(
        "aanbevelingen/<int:pk>/",
        recommendations.RecommendationDetailView.as_view(),
        name="recommendation_detail",
    ),
    path(
        "aanbevelingen/<int:pk>/wijzigen/",
        recommendations.RecommendationUpdateView.as_view(),
        name="recommendation_update",
    ),
    path(
        "aanbevelingen/<int:pk>/verzonden/",
        recommendations.RecommendationSendView.as_view(),
        name="recommendation_send",
    ),
    path(
        "aanbevelingen/<int:pk>/antwoord/",
        recommendations.RecommendationAnswerView.as_view(),
        name="recommendation_answer",
    ),
    path(
        "aanbevelingen/<int:pk>/beslissing/",
        recommendations.RecommendationDecideView.as_view(),
        name="recommendation_decide",
    ),
    path(
        "aanbevelingen/<int:pk>/afdrukken/",
        recommendations.RecommendationPrintView.as_view(),
        name="recommendation_print",
    ),
    path(
        "aanbevelingen/<int:pk>/pdf/",
        recommendations.RecommendationPdfView.as_view(),
        name="recommendation_pdf",
    ),
    path("overzicht/", overview.OverviewView.as_view(), name="overview"),
    path("overzicht/export.csv", overview.OverviewExportView.as_view(), name="overview_export"),
]
