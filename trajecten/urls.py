from django.urls import path

from .views import applications, committee, home, results, trajectories

app_name = "trajecten"
urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path(
        "programmas/<slug:slug>/",
        home.ProgrammeDetailView.as_view(),
        name="programme_detail",
    ),
    # Applications, prepared with the family.
    path("aanvragen/", applications.ApplicationListView.as_view(), name="application_list"),
    path(
        "aanvragen/nieuw/",
        applications.ApplicationCreateView.as_view(),
        name="application_create",
    ),
    path(
        "aanvragen/<int:pk>/",
        applications.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "aanvragen/<int:pk>/wijzigen/",
        applications.ApplicationUpdateView.as_view(),
        name="application_update",
    ),
    path(
        "aanvragen/<int:pk>/woonhistoriek/",
        applications.HousingStepAddView.as_view(),
        name="housing_step_add",
    ),
    path(
        "aanvragen/<int:pk>/woonhistoriek/<int:step>/verwijderen/",
        applications.HousingStepRemoveView.as_view(),
        name="housing_step_remove",
    ),
    path(
        "aanvragen/<int:pk>/indienen/",
        applications.ApplicationSubmitView.as_view(),
        name="application_submit",
    ),
    path(
        "aanvragen/<int:pk>/intrekken/",
        applications.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
    path(
        "aanvragen/<int:pk>/traject-starten/",
        trajectories.TrajectoryStartView.as_view(),
        name="trajectory_start",
    ),
    # The inclusion committee.
    path("commissie/", committee.MeetingListView.as_view(), name="meeting_list"),
    path("commissie/nieuw/", committee.MeetingCreateView.as_view(), name="meeting_create"),
    path("commissie/<int:pk>/", committee.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "commissie/<int:pk>/agenda/",
        committee.MeetingScheduleView.as_view(),
        name="meeting_schedule",
    ),
    path(
        "commissie/agendapunt/<int:pk>/beslissing/",
        committee.DecisionView.as_view(),
        name="decision_record",
    ),
    # Trajectories.
    path("trajecten/", trajectories.TrajectoryListView.as_view(), name="trajectory_list"),
    path(
        "trajecten/<int:pk>/",
        trajectories.TrajectoryDetailView.as_view(),
        name="trajectory_detail",
    ),
    path(
        "trajecten/<int:pk>/doel/",
        trajectories.GoalAddView.as_view(),
        name="goal_add",
    ),
    path(
        "trajecten/<int:pk>/doel/<int:goal>/status/",
        trajectories.GoalStatusView.as_view(),
        name="goal_status",
    ),
    path(
        "trajecten/<int:pk>/contact/",
        trajectories.ContactAddView.as_view(),
        name="contact_add",
    ),
    path(
        "trajecten/<int:pk>/evaluatie/",
        trajectories.EvaluationPlanView.as_view(),
        name="evaluation_plan",
    ),
    path(
        "trajecten/<int:pk>/evaluatie/<int:evaluation>/",
        trajectories.EvaluationRecordView.as_view(),
        name="evaluation_record",
    ),
    path(
        "trajecten/<int:pk>/gehuisvest/",
        trajectories.HousedView.as_view(),
        name="trajectory_housed",
    ),
    path(
        "trajecten/<int:pk>/wooncheck/",
        trajectories.HousingCheckView.as_view(),
        name="housing_check",
    ),
    path(
        "trajecten/<int:pk>/afsluiten/",
        trajectories.TrajectoryEndView.as_view(),
        name="trajectory_end",
    ),
    # Outcomes, computed from the trajectories.
    path("resultaten/", results.ResultsView.as_view(), name="results"),
    path("resultaten/export.csv", results.ResultsExportView.as_view(), name="results_export"),
]
