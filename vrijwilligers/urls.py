from django.urls import path

from .views import people, planning, public, volunteer

app_name = "vrijwilligers"
urlpatterns = [
    # Public: become a volunteer (easy words, no account).
    path("word-vrijwilliger/", public.ApplyView.as_view(), name="apply"),
    path("word-vrijwilliger/bedankt/", public.ApplyThanksView.as_view(), name="apply_thanks"),
    path("agenda/<str:token>.ics", public.FeedView.as_view(), name="feed"),
    # A volunteer's own pages.
    path("mijn/", volunteer.MineView.as_view(), name="mine"),
    path("mijn/uren/", volunteer.MyHoursView.as_view(), name="my_hours"),
    path("mijn/agenda/vernieuwen/", volunteer.FeedRenewView.as_view(), name="feed_renew"),
    path("diensten/<int:pk>/", volunteer.ShiftDetailView.as_view(), name="shift_detail"),
    path(
        "diensten/<int:pk>/inschrijven/", volunteer.ShiftSignUpView.as_view(), name="shift_sign_up"
    ),
    path(
        "diensten/<int:pk>/teruggeven/",
        volunteer.ShiftGiveBackView.as_view(),
        name="shift_give_back",
    ),
    path("diensten/<int:pk>/ruilen/", volunteer.SwapAskView.as_view(), name="swap_ask"),
    path("diensten/<int:pk>/uren/", volunteer.HoursReportView.as_view(), name="hours_report"),
    path("ruil/<int:pk>/overnemen/", volunteer.SwapTakeView.as_view(), name="swap_take"),
    path("ruil/<int:pk>/intrekken/", volunteer.SwapWithdrawView.as_view(), name="swap_withdraw"),
    # The coordinator's planning.
    path("planning/week/", planning.BoardWeekView.as_view(), name="board_week"),
    path("planning/maand/", planning.BoardMonthView.as_view(), name="board_month"),
    path("diensten/nieuw/", planning.ShiftCreateView.as_view(), name="shift_create"),
    path("diensten/<int:pk>/wijzigen/", planning.ShiftUpdateView.as_view(), name="shift_update"),
    path("diensten/<int:pk>/annuleren/", planning.ShiftCancelView.as_view(), name="shift_cancel"),
    path("diensten/wekelijks/", planning.SeriesCreateView.as_view(), name="series_create"),
    # People, hours and figures.
    path("", people.VolunteerListView.as_view(), name="volunteer_list"),
    path("aanmeldingen/", people.ApplicationListView.as_view(), name="application_list"),
    path(
        "aanmeldingen/<int:pk>/", people.ApplicationDetailView.as_view(), name="application_detail"
    ),
    path(
        "aanmeldingen/<int:pk>/aanvaarden/",
        people.ApplicationAcceptView.as_view(),
        name="application_accept",
    ),
    path(
        "aanmeldingen/<int:pk>/afwijzen/",
        people.ApplicationDeclineView.as_view(),
        name="application_decline",
    ),
    path("profielen/<int:pk>/", people.VolunteerDetailView.as_view(), name="volunteer_detail"),
    path(
        "profielen/<int:pk>/stoppen/",
        people.VolunteerDeactivateView.as_view(),
        name="volunteer_deactivate",
    ),
    path(
        "profielen/<int:pk>/terug/",
        people.VolunteerReactivateView.as_view(),
        name="volunteer_reactivate",
    ),
    path("uren/", people.HoursListView.as_view(), name="hours_list"),
    path("uren/<int:pk>/bevestigen/", people.HoursConfirmView.as_view(), name="hours_confirm"),
    path("cijfers/", people.FiguresView.as_view(), name="figures"),
]
