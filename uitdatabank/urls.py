from django.urls import path

from . import views

app_name = "uitdatabank"
urlpatterns = [
    path("", views.PublicationListView.as_view(), name="publications"),
    path(
        "<str:source>/<int:pk>/publiceren/",
        views.SetPublishView.as_view(),
        name="set_publish",
    ),
    path("publicatie/<int:pk>/opnieuw/", views.RetryView.as_view(), name="retry"),
    path("soorten/", views.MappingListView.as_view(), name="mappings"),
    path("soorten/<int:pk>/", views.MappingUpdateView.as_view(), name="mapping_update"),
    path("koppelen/", views.ConnectView.as_view(), name="connect"),
    path("koppelen/organisator/", views.OrganizerChooseView.as_view(), name="organizer_choose"),
    path(
        "koppelen/organisator/nieuw/", views.OrganizerCreateView.as_view(), name="organizer_create"
    ),
    path("koppelen/plaats/", views.PlaceLinkView.as_view(), name="place_link"),
]
