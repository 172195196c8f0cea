"""/verhalen/: the published stories, open to everyone."""

from django.urls import path

from .views import public

app_name = "verhalen"
urlpatterns = [
    path("", public.StoryListView.as_view(), name="list"),
    path("feed/", public.StoryFeed(), name="feed"),
    path("<int:pk>/", public.StoryDetailView.as_view(), name="detail"),
]
