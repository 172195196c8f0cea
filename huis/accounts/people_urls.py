from django.urls import path

from . import people_views as views

app_name = "people"
urlpatterns = [
    path("", views.PeopleView.as_view(), name="list"),
    path("uitnodigen/", views.InviteView.as_view(), name="invite"),
    path("persoon/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("persoon/<int:pk>/rollen/", views.PersonRolesView.as_view(), name="person_roles"),
    path(
        "persoon/<int:pk>/deactiveren/",
        views.PersonDeactivateView.as_view(),
        name="person_deactivate",
    ),
    path("uitnodiging/<str:token>/", views.InvitationView.as_view(), name="invitation"),
]
