from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("over-het-huis/", views.AboutView.as_view(), name="about"),
    path("nieuws/", views.NewsListView.as_view(), name="news"),
    path("nieuws/<int:pk>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("beheer/paginas/", views.IndexView.as_view(), name="index"),
    path("beheer/paginas/<slug:key>/", views.BlockEditView.as_view(), name="block_edit"),
    path(
        "beheer/paginas/<slug:key>/versies/",
        views.BlockHistoryView.as_view(),
        name="block_history",
    ),
    path(
        "beheer/paginas/<slug:key>/publiceren/",
        views.BlockPublishView.as_view(),
        name="block_publish",
    ),
    path(
        "beheer/paginas/<slug:key>/verbergen/",
        views.BlockUnpublishView.as_view(),
        name="block_unpublish",
    ),
    path(
        "beheer/paginas/<slug:key>/versies/<int:revision>/terugzetten/",
        views.BlockRestoreView.as_view(),
        name="block_restore",
    ),
    path("beheer/nieuws/nieuw/", views.NewsEditView.as_view(), name="news_new"),
    path("beheer/nieuws/<int:pk>/", views.NewsEditView.as_view(), name="news_edit"),
    path("beheer/nieuws/<int:pk>/versies/", views.NewsHistoryView.as_view(), name="news_history"),
    path(
        "beheer/nieuws/<int:pk>/publiceren/", views.NewsPublishView.as_view(), name="news_publish"
    ),
    path(
        "beheer/nieuws/<int:pk>/verbergen/",
        views.NewsUnpublishView.as_view(),
        name="news_unpublish",
    ),
    path(
        "beheer/nieuws/<int:pk>/versies/<int:revision>/terugzetten/",
        views.NewsRestoreView.as_view(),
        name="news_restore",
    ),
]
