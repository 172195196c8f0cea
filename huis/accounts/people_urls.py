from django.urls import path

from . import import_views
from . import people_views as views

app_name = "people"
urlpatterns = [
    path("", views.PeopleView.as_view(), name="list"),
    path("uitnodigen/", views.InviteView.as_view(), name="invite"),
    path(
        "organisatie/<int:pk>/",
        views.OrganisationOnboardingView.as_view(),
        name="organisation",
    ),
    path("persoon/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("persoon/<int:pk>/rollen/", views.PersonRolesView.as_view(), name="person_roles"),
    path(
        "persoon/<int:pk>/deactiveren/",
        views.PersonDeactivateView.as_view(),
        name="person_deactivate",
    ),
    path(
        "persoon/<int:pk>/sms-login/",
        views.PersonPhoneLoginView.as_view(),
        name="person_phone_login",
    ),
    path("uitnodiging/<str:token>/", views.InvitationView.as_view(), name="invitation"),
    path("importeren/", import_views.ImportView.as_view(), name="import"),
    path("importeren/<int:pk>/", import_views.ImportBatchView.as_view(), name="import_batch"),
    path(
        "importeren/<int:pk>/bevestigen/",
        import_views.ImportCommitView.as_view(),
        name="import_commit",
    ),
    path(
        "importeren/<int:pk>/ongedaan-maken/",
        import_views.ImportUndoView.as_view(),
        name="import_undo",
    ),
]
