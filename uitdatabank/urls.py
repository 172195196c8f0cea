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
]
