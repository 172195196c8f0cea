"""Addresses under /beeldvorming/. The public stories live under /verhalen/ (public_urls.py)."""

from django.urls import path

from .views import campaigns, public, reach, review, stories

app_name = "beeldvorming"
urlpatterns = [
    path("", public.HomeView.as_view(), name="home"),
    # An author's own stories.
    path("mijn-verhalen/", stories.MyStoriesView.as_view(), name="my_stories"),
    path("mijn-verhalen/nieuw/", stories.StoryCreateView.as_view(), name="story_create"),
    path("mijn-verhalen/<int:pk>/bewerken/", stories.StoryEditView.as_view(), name="story_edit"),
    path(
        "mijn-verhalen/<int:pk>/toestemming/",
        stories.StoryConsentView.as_view(),
        name="story_consent",
    ),
    path(
        "mijn-verhalen/<int:pk>/intrekken/",
        stories.StoryWithdrawView.as_view(),
        name="story_withdraw",
    ),
    # Staff: campaigns, actions, materials.
    path("campagnes/", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("campagnes/nieuw/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("campagnes/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path(
        "campagnes/<int:pk>/bewerken/",
        campaigns.CampaignUpdateView.as_view(),
        name="campaign_update",
    ),
    path(
        "campagnes/<int:pk>/acties/nieuw/",
        campaigns.ActionCreateView.as_view(),
        name="action_create",
    ),
    path("acties/<int:pk>/bewerken/", campaigns.ActionUpdateView.as_view(), name="action_update"),
    path(
        "campagnes/<int:pk>/materiaal/nieuw/",
        campaigns.MaterialCreateView.as_view(),
        name="material_create",
    ),
    path(
        "materiaal/<int:pk>/download/",
        campaigns.MaterialDownloadView.as_view(),
        name="material_download",
    ),
    path(
        "materiaal/<int:pk>/verwijderen/",
        campaigns.MaterialDeleteView.as_view(),
        name="material_delete",
    ),
    # Staff: reach.
    path("bereik/", reach.ReachView.as_view(), name="reach"),
    path("bereik/export.csv", reach.ReachExportView.as_view(), name="reach_export"),
    # Staff: reading and publishing stories.
    path("verhalen/", review.ReviewListView.as_view(), name="review_list"),
    path("verhalen/<int:pk>/", review.ReviewDetailView.as_view(), name="review_detail"),
    path("verhalen/<int:pk>/publiceren/", review.PublishView.as_view(), name="review_publish"),
    path(
        "verhalen/<int:pk>/niet-publiceren/",
        review.DeclineView.as_view(),
        name="review_decline",
    ),
]
