"""Trainers' pages: their courses and students, intakes, attendance per session on a phone, and
the evaluation results of a course. The house's people see every course."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.audit.services import log_action
from huis.core.service_views import ServicePostView

from .. import selectors, services
from ..forms import AttendanceForm, NoteForm
from ..models import Attendance


class TeachMixin(PermissionRequiredMixin):
    """Trainers and the house's people; others get 403 before any object is read."""

    permission_required = "herstelacademie.teach"


class CourseToTeachMixin(TeachMixin, ObjectAccessMixin):
    """A course for its trainers and the house's people; other trainers get 404."""

    view_perm = "herstelacademie.teach_course"

    def get_object_queryset(self):
        return selectors.course_to_teach(user=self.request.user)


class SessionToTeachMixin(TeachMixin, ObjectAccessMixin):
    view_perm = "herstelacademie.teach_course"

    def get_object_queryset(self):
        return selectors.session_to_teach(user=self.request.user)


class EnrollmentToTeachMixin(TeachMixin, ObjectAccessMixin):
    view_perm = "herstelacademie.teach_course"

    def get_object_queryset(self):
        return selectors.enrollment_to_teach(user=self.request.user)


class TeachListView(TeachMixin, TemplateView):
    template_name = "herstelacademie/teach/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["courses"] = selectors.courses_to_teach(user=self.request.user)
        return context


class TeachCourseView(CourseToTeachMixin, TemplateView):
    template_name = "herstelacademie/teach/course.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
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


class SessionAttendanceView(SessionToTeachMixin, TemplateView):
    """The register of one session, made for a phone in the room: one row per student with four
    big buttons (present, late, excused, absent); each tap is one small POST."""

    template_name = "herstelacademie/teach/session.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.object
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


class AttendanceMarkView(SessionToTeachMixin, ServicePostView):
    """One tap in the register: present, late, excused or absent, for one student."""

    form_class = AttendanceForm

    def perform(self, data: dict) -> None:
        student = selectors.student_of_session(session=self.object, pk=self.kwargs["enrollment"])
        if student is None:
            raise Http404
        services.attendance_record(
            session=self.object, enrollment=student, status=data["status"], actor=self.request.user
        )

    def get_success_url(self) -> str:
        back = reverse("herstelacademie:session_attendance", kwargs={"pk": self.object.pk})
        return f"{back}#student-{self.kwargs['enrollment']}"


class _IntakeView(EnrollmentToTeachMixin, ServicePostView):
    form_class = NoteForm
    service = None

    def perform(self, data: dict) -> None:
        type(self).service(enrollment=self.object, actor=self.request.user, note=data["note"])

    def get_success_url(self) -> str:
        return reverse("herstelacademie:teach_course", kwargs={"pk": self.object.course_id})


class IntakeApproveView(_IntakeView):
    service = services.intake_approve
    success_message = _("The student is told. They have a place, or a place on the waiting list.")


class IntakeDeclineView(_IntakeView):
    service = services.intake_decline
    success_message = _("The student is told that they have no place.")


class EvaluationResultsView(CourseToTeachMixin, TemplateView):
    """Averages and comments of a course's evaluation: for its trainers and the coordinators."""

    template_name = "herstelacademie/teach/evaluation.html"
    change_perm = "herstelacademie.view_evaluations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
        context.update(course=course, results=selectors.evaluation_results(course=course))
        return context
