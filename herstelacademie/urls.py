from django.urls import path

from .views import guests, imports, public, staff, student, teach

app_name = "herstelacademie"
urlpatterns = [
    # Public: the catalogue, a course, enrolling, the programme of a term.
    path("", public.CatalogueView.as_view(), name="home"),
    path("cursus/<int:pk>-<slug:slug>/", public.CourseView.as_view(), name="course"),
    path("cursus/<int:pk>-<slug:slug>/inschrijven/", public.EnrolView.as_view(), name="enrol"),
    # "Iedereen welkom": without an account, and the guest's own signed link.
    path(
        "cursus/<int:pk>-<slug:slug>/als-gast/",
        guests.GuestEnrolView.as_view(),
        name="enrol_guest",
    ),
    path("inschrijving/<str:token>/", guests.GuestEnrolmentView.as_view(), name="guest"),
    path(
        "inschrijving/<str:token>/annuleren/",
        guests.GuestCancelView.as_view(),
        name="guest_cancel",
    ),
    path(
        "inschrijving/<str:token>/naar-mijn-account/",
        guests.GuestClaimView.as_view(),
        name="guest_claim",
    ),
    path("programma/<slug:slug>/", public.ProgrammeView.as_view(), name="programme"),
    path(
        "programma/<slug:slug>/programma.pdf",
        public.ProgrammePdfView.as_view(),
        name="programme_pdf",
    ),
    # Students: mijn leertraject.
    path("mijn-leertraject/", student.PlanView.as_view(), name="plan"),
    path("mijn-leertraject/nieuw/", student.EntryCreateView.as_view(), name="entry_create"),
    path("mijn-leertraject/<int:pk>/", student.EntryUpdateView.as_view(), name="entry_update"),
    path(
        "mijn-leertraject/<int:pk>/verwijderen/",
        student.EntryDeleteView.as_view(),
        name="entry_delete",
    ),
    path("mijn-leertraject/begeleider/", student.CompanionView.as_view(), name="companion"),
    path(
        "mijn-leertraject/inschrijving/<int:pk>/annuleren/",
        student.EnrollmentCancelView.as_view(),
        name="enrollment_cancel",
    ),
    path(
        "mijn-leertraject/inschrijving/<int:pk>/sessie/<int:session>/afmelden/",
        student.AbsenceAnnounceView.as_view(),
        name="absence_announce",
    ),
    path(
        "mijn-leertraject/inschrijving/<int:pk>/sessie/<int:session>/toch-komen/",
        student.AbsenceWithdrawView.as_view(),
        name="absence_withdraw",
    ),
    path(
        "mijn-leertraject/inschrijving/<int:pk>/attest.pdf",
        student.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "mijn-leertraject/inschrijving/<int:pk>/evaluatie/",
        student.EvaluationView.as_view(),
        name="evaluation",
    ),
    path("begeleiding/", student.CompanionListView.as_view(), name="companion_list"),
    path("begeleiding/<int:pk>/", student.CompanionPlanView.as_view(), name="companion_plan"),
    # Trainers.
    path("lesgeven/", teach.TeachListView.as_view(), name="teach"),
    path("lesgeven/<int:pk>/", teach.TeachCourseView.as_view(), name="teach_course"),
    path(
        "lesgeven/<int:pk>/evaluatie/",
        teach.EvaluationResultsView.as_view(),
        name="evaluation_results",
    ),
    path(
        "lesgeven/sessie/<int:pk>/",
        teach.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path(
        "lesgeven/sessie/<int:pk>/student/<int:enrollment>/",
        teach.AttendanceMarkView.as_view(),
        name="attendance_mark",
    ),
    path(
        "lesgeven/inschrijving/<int:pk>/intake-goedkeuren/",
        teach.IntakeApproveView.as_view(),
        name="intake_approve",
    ),
    path(
        "lesgeven/inschrijving/<int:pk>/intake-weigeren/",
        teach.IntakeDeclineView.as_view(),
        name="intake_decline",
    ),
    # Staff: planning.
    path("beheer/", staff.StaffListView.as_view(), name="staff_list"),
    # Staff: an import of existing enrolments (issue #25).
    path("beheer/importeren/", imports.EnrolmentImportView.as_view(), name="enrolment_import"),
    path(
        "beheer/importeren/bevestigen/",
        imports.EnrolmentImportConfirmView.as_view(),
        name="enrolment_import_confirm",
    ),
    path(
        "beheer/importeren/voorbeeld.csv",
        imports.EnrolmentImportTemplateView.as_view(),
        name="enrolment_import_template",
    ),
    path("beheer/periode/nieuw/", staff.TermCreateView.as_view(), name="term_create"),
    path("beheer/periode/<int:pk>/", staff.TermUpdateView.as_view(), name="term_update"),
    path("beheer/cursus/nieuw/", staff.CourseCreateView.as_view(), name="course_create"),
    path("beheer/cursus/<int:pk>/", staff.CourseUpdateView.as_view(), name="course_update"),
    path(
        "beheer/cursus/<int:pk>/aan-de-balie/",
        guests.DeskEnrolView.as_view(),
        name="desk_enrol",
    ),
    path(
        "beheer/cursus/<int:pk>/publiceren/",
        staff.CoursePublishView.as_view(),
        name="course_publish",
    ),
    path(
        "beheer/cursus/<int:pk>/annuleren/", staff.CourseCancelView.as_view(), name="course_cancel"
    ),
    path(
        "beheer/cursus/<int:pk>/sessie/nieuw/",
        staff.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("beheer/sessie/<int:pk>/", staff.SessionUpdateView.as_view(), name="session_update"),
    path(
        "beheer/sessie/<int:pk>/verwijderen/",
        staff.SessionDeleteView.as_view(),
        name="session_delete",
    ),
]
