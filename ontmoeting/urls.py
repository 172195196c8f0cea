from django.urls import path

from .views import feedback, proposals, public, staff

app_name = "ontmoeting"
urlpatterns = [
    # Public: the agenda, an activity, signing up, the signed links from emails.
    path("", public.AgendaView.as_view(), name="home"),
    path("<int:pk>-<slug:slug>/", public.ActivityView.as_view(), name="activity"),
    path("<int:pk>-<slug:slug>/inschrijven/", public.SignUpView.as_view(), name="sign_up"),
    path("<int:pk>-<slug:slug>/ingeschreven/", public.SignedUpView.as_view(), name="signed_up"),
    path("<int:pk>-<slug:slug>/agenda.ics", public.ActivityIcsView.as_view(), name="activity_ics"),
    path("inschrijving/<str:token>/", public.ManageView.as_view(), name="manage"),
    path(
        "inschrijving/<str:token>/annuleren/",
        public.ManageCancelView.as_view(),
        name="manage_cancel",
    ),
    path(
        "inschrijving/<str:token>/aanvaarden/",
        public.ManageAcceptView.as_view(),
        name="manage_accept",
    ),
    path("hoe-was-het/<str:token>/", feedback.FeedbackView.as_view(), name="feedback"),
    path("mijn-activiteiten/", public.MyActivitiesView.as_view(), name="mine"),
    path(
        "mijn-activiteiten/<int:pk>/annuleren/", public.MyCancelView.as_view(), name="mine_cancel"
    ),
    path(
        "mijn-activiteiten/<int:pk>/aanvaarden/", public.MyAcceptView.as_view(), name="mine_accept"
    ),
    # Staff.
    path("voorstellen/", proposals.PublicProposalsView.as_view(), name="proposals"),
    path("voorstellen/nieuw/", proposals.ProposeView.as_view(), name="propose"),
    path(
        "voorstellen/mijn/<str:token>/",
        proposals.ProposalStatusView.as_view(),
        name="proposal_status",
    ),
    path("beheer/voorstellen/", proposals.StaffProposalListView.as_view(), name="staff_proposals"),
    path(
        "beheer/voorstellen/<int:pk>/",
        proposals.StaffProposalAnswerView.as_view(),
        name="staff_proposal_answer",
    ),
    path("beheer/", staff.StaffListView.as_view(), name="staff_list"),
    path("beheer/nieuw/", staff.ActivityCreateView.as_view(), name="activity_create"),
    path("beheer/<int:pk>/", staff.StaffActivityView.as_view(), name="staff_activity"),
    path("beheer/<int:pk>/bewerken/", staff.ActivityUpdateView.as_view(), name="activity_update"),
    path("beheer/<int:pk>/publiceren/", staff.PublishView.as_view(), name="activity_publish"),
    path("beheer/<int:pk>/annuleren/", staff.CancelActivityView.as_view(), name="activity_cancel"),
    path("beheer/<int:pk>/inschrijven/", staff.StaffSignUpView.as_view(), name="staff_sign_up"),
    path("beheer/<int:pk>/aanwezigheid/", staff.AttendanceView.as_view(), name="attendance"),
    path(
        "beheer/<int:pk>/aanwezigheid.csv",
        staff.AttendanceCsvView.as_view(),
        name="attendance_csv",
    ),
    path("beheer/<int:pk>/inloop/", staff.ActivityWalkInsView.as_view(), name="activity_walk_ins"),
    path(
        "beheer/inschrijving/<int:pk>/aanwezig/",
        staff.ClaimAttendanceView.as_view(),
        name="claim_attendance",
    ),
    path(
        "beheer/inschrijving/<int:pk>/vooraan/",
        staff.ClaimMoveUpView.as_view(),
        name="claim_move_up",
    ),
    path(
        "beheer/inschrijving/<int:pk>/annuleren/",
        staff.ClaimCancelView.as_view(),
        name="claim_cancel",
    ),
    path("beheer/inloop/", staff.WalkInView.as_view(), name="walk_in"),
    path("beheer/overzicht/", staff.OverviewView.as_view(), name="overview"),
]
