"""Trainers' pages: their courses and students, intakes, attendance per session on a phone, and
the evaluation results of a course. The house's people see every course."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from huis.accounts.access import fetch_for
from huis.accounts.mixins import PermissionRequiredMixin
from huis.audit.services import log_action

from .. import selectors, services
from ..forms import AttendanceForm, NoteForm
from ..models import Attendance, Course, Enrollment
from .common import course_to_teach, enrollment_to_teach, refuse, session_to_teach


class TeachMixin(PermissionRequiredMixin):
    permission_required = "herstelacademie.teach"


class TeachListView(TeachMixin, TemplateView):
    template_name = "herstelacademie/teach/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = selectors.courses_to_teach(user=self.request.user)
        return context


class TeachCourseView(TeachMixin, TemplateView):
    template_name = "herstelacademie/teach/course.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = course_to_teach(self.request, kwargs["pk"])
        students = selectors.course_students(course=course)
        log_action(
            actor=self.request.user,
            action="herstelacademie.students_viewed",
            obj=course,
            request=self.request,
        )
        context.update(
            course=course,
            sessions=list(course.sessions.select_related("room")),
            students=students,
            note_form=NoteForm(),
            warning=services.coproduction_warning(course=course),
            may_manage=self.request.user.has_perm("herstelacademie.manage_courses"),
            may_see_evaluations=self.request.user.has_perm(
                "herstelacademie.view_evaluations", course
            ),
        )
        return context


class SessionAttendanceView(TeachMixin, TemplateView):
    """The register of one session, made for a phone in the room: one row per student with four
    big buttons (present, late, excused, absent); each tap is one small POST."""

    template_name = "herstelacademie/teach/session.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = session_to_teach(self.request, kwargs["pk"])
        register = selectors.session_register(session=session)
        # The register names the course's students: who read it is recorded (#10).
        log_action(
            actor=self.request.user,
            action="herstelacademie.students_viewed",
            obj=session.course,
            data={"session": session.pk},
            request=self.request,
        )
        context.update(
            session=session,
            course=session.course,
            register=register,
            statuses=Attendance.Status.choices,
        )
        return context


class AttendanceMarkView(TeachMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int, enrollment: int):
        session = session_to_teach(request, pk)
        back = reverse("herstelacademie:session_attendance", kwargs={"pk": pk})
        student = (
            Enrollment.objects.select_related("claim", "user")
            .filter(pk=enrollment, course_id=session.course_id)
            .first()
        )
        if student is None:
            return refuse(
                request, _("This student is not enrolled for this course."), back=back, status=404
            )
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            return refuse(request, _("Choose present, late, excused or absent."), back=back)
        try:
            services.attendance_record(
                session=session,
                enrollment=student,
                status=form.cleaned_data["status"],
                actor=request.user,
            )
        except services.CourseError as exc:
            return refuse(request, str(exc), back=back)
        return redirect(f"{back}#student-{student.pk}")


class _IntakeView(TeachMixin, View):
    http_method_names = ["post"]
    service = None
    done_message = ""

    def post(self, request, pk: int):
        enrollment = enrollment_to_teach(request, pk)
        back = reverse("herstelacademie:teach_course", kwargs={"pk": enrollment.course_id})
        form = NoteForm(request.POST)
        if not form.is_valid():
            return refuse(request, _("The message is too long."), back=back)
        try:
            type(self).service(
                enrollment=enrollment, actor=request.user, note=form.cleaned_data["note"]
            )
        except services.CourseError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, str(self.done_message))
        return redirect(back)


class IntakeApproveView(_IntakeView):
    service = services.intake_approve
    done_message = _("The student is told. They have a place, or a place on the waiting list.")


class IntakeDeclineView(_IntakeView):
    service = services.intake_decline
    done_message = _("The student is told that they have no place.")


class EvaluationResultsView(TeachMixin, TemplateView):
    """Averages and comments of a course's evaluation: for its trainers and the coordinators."""

    template_name = "herstelacademie/teach/evaluation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = fetch_for(
            self.request.user,
            Course.objects.select_related("term").prefetch_related("trainers"),
            view_perm="herstelacademie.teach_course",
            change_perm="herstelacademie.view_evaluations",
            pk=kwargs["pk"],
        )
        context.update(course=course, results=selectors.evaluation_results(course=course))
        return context
