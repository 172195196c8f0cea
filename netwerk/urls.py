"""The network's pages under /netwerk/ (workers), and the public welcoming places."""

from django.urls import path

from .views import (
    agreement,
    guidance,
    home,
    learning,
    onward,
    persons,
    places,
    privacy,
    referrals,
)

app_name = "netwerk"
urlpatterns = [
    path("netwerk/", home.HomeView.as_view(), name="home"),
    path("netwerk/partners/", home.NetworkView.as_view(), name="network"),
    path(
        "netwerk/partners/<int:pk>/uittreden/",
        home.OrganisationLeaveView.as_view(),
        name="organisation_leave",
    ),
    path("netwerk/charter/", home.CharterView.as_view(), name="charter"),
    path("netwerk/charter/nieuw/", home.CharterPublishView.as_view(), name="charter_publish"),
    path("netwerk/charter/ondertekenen/", home.CharterSignView.as_view(), name="charter_sign"),
    path(
        "netwerk/charter/v<int:version>/",
        home.CharterVersionView.as_view(),
        name="charter_detail",
    ),
    path("netwerk/doorverwijzingen/", referrals.ReferralListView.as_view(), name="referral_list"),
    path(
        "netwerk/doorverwijzingen/nieuw/",
        referrals.ReferralCreateView.as_view(),
        name="referral_create",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/",
        referrals.ReferralDetailView.as_view(),
        name="referral_detail",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/privacy/",
        privacy.ReferralPrivacyView.as_view(),
        name="referral_privacy",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/privacy/bestand/",
        privacy.ReferralPrivacyExportView.as_view(),
        name="referral_privacy_export",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/privacy/wissen/",
        privacy.ReferralPrivacyEraseView.as_view(),
        name="referral_privacy_erase",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/aanvaarden/",
        referrals.ReferralAcceptView.as_view(),
        name="referral_accept",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/weigeren/",
        referrals.ReferralDeclineView.as_view(),
        name="referral_decline",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/in-behandeling/",
        referrals.ReferralStartView.as_view(),
        name="referral_start",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/afsluiten/",
        referrals.ReferralCloseView.as_view(),
        name="referral_close",
    ),
    path(
        "netwerk/doorverwijzingen/<int:pk>/doorgeven/",
        onward.ReferralPassOnView.as_view(),
        name="referral_pass_on",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/afspraak.pdf",
        agreement.GuidancePdfView.as_view(),
        name="guidance_pdf",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/ondertekend/",
        agreement.GuidanceSignedView.as_view(),
        name="guidance_signed",
    ),
    path("netwerk/personen/<int:pk>/", persons.PersonDetailView.as_view(), name="person_detail"),
    path(
        "netwerk/toestemmingen/<int:pk>/intrekken/",
        persons.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path("netwerk/begeleidingen/", guidance.GuidanceListView.as_view(), name="guidance_list"),
    path(
        "netwerk/begeleidingen/zonder-trekker/",
        guidance.GuidanceWithoutLeadView.as_view(),
        name="guidance_without_lead",
    ),
    path(
        "netwerk/begeleidingen/nieuw/",
        guidance.GuidanceCreateView.as_view(),
        name="guidance_create",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/",
        guidance.GuidanceDetailView.as_view(),
        name="guidance_detail",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/terugtrekken/",
        guidance.GuidanceLeaveView.as_view(),
        name="guidance_leave",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/overdracht/",
        guidance.GuidanceHandoverView.as_view(),
        name="guidance_handover",
    ),
    path(
        "netwerk/begeleidingen/<int:pk>/evaluatie/",
        guidance.EvaluationPlanView.as_view(),
        name="evaluation_plan",
    ),
    path(
        "netwerk/evaluaties/<int:pk>/gehouden/",
        guidance.EvaluationDoneView.as_view(),
        name="evaluation_done",
    ),
    path("netwerk/plekken/", places.PlaceManageView.as_view(), name="place_manage"),
    path("netwerk/plekken/nieuw/", places.PlaceCreateView.as_view(), name="place_create"),
    path(
        "netwerk/plekken/<int:pk>/wijzigen/",
        places.PlaceUpdateView.as_view(),
        name="place_update",
    ),
    path(
        "netwerk/plekken/<int:pk>/publiceren/",
        places.PlacePublishView.as_view(),
        name="place_publish",
    ),
    path("netwerk/leren/", learning.GroupListView.as_view(), name="group_list"),
    path("netwerk/leren/nieuw/", learning.GroupCreateView.as_view(), name="group_create"),
    path("netwerk/leren/<int:pk>/", learning.GroupDetailView.as_view(), name="group_detail"),
    path(
        "netwerk/leren/<int:pk>/wijzigen/",
        learning.GroupUpdateView.as_view(),
        name="group_update",
    ),
    path(
        "netwerk/leren/<int:pk>/sessie/",
        learning.SessionPlanView.as_view(),
        name="session_plan",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/",
        learning.SessionDetailView.as_view(),
        name="session_detail",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/inschrijven/",
        learning.SessionSignUpView.as_view(),
        name="session_sign_up",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/uitschrijven/",
        learning.SessionLeaveView.as_view(),
        name="session_leave",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/agenda-verslag/",
        learning.SessionNotesView.as_view(),
        name="session_notes",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/verplaatsen/",
        learning.SessionMoveView.as_view(),
        name="session_move",
    ),
    path(
        "netwerk/leren/sessies/<int:pk>/afgelasten/",
        learning.SessionCancelView.as_view(),
        name="session_cancel",
    ),
    path("gastvrije-plekken/", places.PlaceListView.as_view(), name="place_list"),
    path("gastvrije-plekken/kaart/", places.PlaceMapView.as_view(), name="place_map"),
    path("gastvrije-plekken/<slug:slug>/", places.PlaceDetailView.as_view(), name="place_detail"),
]
