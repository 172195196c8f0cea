from django.urls import path

from .views import allowances, intervision, planning, pool, requests
from .views import expert as e
from .views import public as p

app_name = "ervaringsdeskundigen"
urlpatterns = [
    # Public: the request form and the signed links from emails.
    path("", p.HomeView.as_view(), name="home"),
    path("aanvraag/", p.RequestCreateView.as_view(), name="request_create"),
    path("aanvraag/volgen/<str:token>/", p.FollowView.as_view(), name="follow"),
    path("aanvraag/volgen/<str:token>/evaluatie/", p.EvaluationView.as_view(), name="evaluation"),
    path("voorstel/<str:token>/", p.ProposalView.as_view(), name="proposal"),
    path(
        "voorstel/<str:token>/aanvaarden/", p.ProposalAcceptView.as_view(), name="proposal_accept"
    ),
    path(
        "voorstel/<str:token>/weigeren/", p.ProposalDeclineView.as_view(), name="proposal_decline"
    ),
    path("agenda/<str:token>.ics", p.FeedView.as_view(), name="feed"),
    # The expert's own pages.
    path("mijn/", e.DashboardView.as_view(), name="dashboard"),
    path("mijn/profiel/", e.OwnProfileView.as_view(), name="own_profile"),
    path("mijn/afwezig/", e.AbsenceAddView.as_view(), name="absence_add"),
    path(
        "mijn/afwezig/<int:pk>/verwijderen/", e.AbsenceDeleteView.as_view(), name="absence_delete"
    ),
    path("mijn/agenda/vernieuwen/", e.FeedRenewView.as_view(), name="feed_renew"),
    path("mijn/vergoeding/", e.ElsewhereView.as_view(), name="elsewhere"),
    path("mijn/inzet/<int:pk>/aanvaarden/", e.MyAcceptView.as_view(), name="my_accept"),
    path("mijn/inzet/<int:pk>/weigeren/", e.MyDeclineView.as_view(), name="my_decline"),
    path("mijn/inzet/<int:pk>/verslag/", e.ReportView.as_view(), name="report"),
    path("intervisie/", e.IntervisionListView.as_view(), name="intervision_list"),
    path(
        "intervisie/<int:pk>/inschrijven/",
        e.IntervisionSignUpView.as_view(),
        name="intervision_sign_up",
    ),
    path(
        "intervisie/<int:pk>/uitschrijven/",
        e.IntervisionCancelView.as_view(),
        name="intervision_cancel",
    ),
    # Coordinators.
    path("beheer/", requests.InboxView.as_view(), name="inbox"),
    path("beheer/aanvraag/<int:pk>/", requests.RequestDetailView.as_view(), name="request_detail"),
    path(
        "beheer/aanvraag/<int:pk>/opnemen/", requests.RequestTakeView.as_view(), name="request_take"
    ),
    path(
        "beheer/aanvraag/<int:pk>/plannen/",
        requests.RequestScheduleView.as_view(),
        name="request_schedule",
    ),
    path(
        "beheer/aanvraag/<int:pk>/voorstellen/",
        requests.RequestProposeView.as_view(),
        name="request_propose",
    ),
    path(
        "beheer/aanvraag/<int:pk>/weigeren/",
        requests.RequestDeclineView.as_view(),
        name="request_decline",
    ),
    path(
        "beheer/aanvraag/<int:pk>/annuleren/",
        requests.RequestCancelView.as_view(),
        name="request_cancel",
    ),
    path(
        "beheer/aanvraag/<int:pk>/afgerond/",
        requests.RequestDoneView.as_view(),
        name="request_done",
    ),
    path(
        "beheer/aanvraag/<int:pk>/organisatie/koppelen/",
        requests.RequestLinkOrganisationView.as_view(),
        name="request_link_organisation",
    ),
    path(
        "beheer/aanvraag/<int:pk>/organisatie/loskoppelen/",
        requests.RequestUnlinkOrganisationView.as_view(),
        name="request_unlink_organisation",
    ),
    path(
        "beheer/aanvraag/<int:pk>/organisatie/nieuw/",
        requests.RequestCreateOrganisationView.as_view(),
        name="request_create_organisation",
    ),
    path(
        "beheer/organisaties/<int:pk>/aanvragen/",
        requests.OrganisationRequestsView.as_view(),
        name="organisation_requests",
    ),
    path(
        "beheer/inzet/<int:pk>/terugsturen/",
        allowances.ReturnReportView.as_view(),
        name="report_return",
    ),
    path(
        "beheer/inzet/<int:pk>/intrekken/",
        requests.AssignmentWithdrawView.as_view(),
        name="assignment_withdraw",
    ),
    path("beheer/inzet/<int:pk>/goedkeuren/", allowances.ApproveView.as_view(), name="approve"),
    path("beheer/experten/", pool.ExpertListView.as_view(), name="expert_list"),
    path("beheer/experten/nieuw/", pool.ExpertCreateView.as_view(), name="expert_create"),
    path("beheer/experten/<int:pk>/", pool.ExpertDetailView.as_view(), name="expert_detail"),
    path(
        "beheer/experten/<int:pk>/bewerken/", pool.ExpertUpdateView.as_view(), name="expert_update"
    ),
    path(
        "beheer/experten/<int:pk>/vergoeding/",
        pool.AllowanceModeView.as_view(),
        name="allowance_mode",
    ),
    path(
        "beheer/experten/<int:pk>/register/<int:year>/",
        allowances.RegisterView.as_view(),
        name="register",
    ),
    path("beheer/planning/", planning.BoardView.as_view(), name="board"),
    path("beheer/vergoedingen/", allowances.ReportsView.as_view(), name="reports"),
    path(
        "beheer/vergoedingen/<int:year>-<int:month>.csv",
        allowances.PayoutsCsvView.as_view(),
        name="payouts_csv",
    ),
    path(
        "beheer/intervisie/nieuw/",
        intervision.IntervisionCreateView.as_view(),
        name="intervision_create",
    ),
    path(
        "beheer/intervisie/<int:pk>/",
        intervision.IntervisionAttendanceView.as_view(),
        name="intervision_attendance",
    ),
    path(
        "beheer/intervisie/<int:pk>/verplaatsen/",
        intervision.IntervisionMoveView.as_view(),
        name="intervision_move",
    ),
    path(
        "beheer/intervisie/<int:pk>/afgelasten/",
        intervision.IntervisionCallOffView.as_view(),
        name="intervision_call_off",
    ),
]
