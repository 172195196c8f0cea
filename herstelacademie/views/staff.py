"""Planning the Recovery College: terms, courses with their trainers, sessions with rooms."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.service_views import ServicePostView, apply_service_error

from .. import selectors, services
from ..forms import CourseForm, SessionForm, TermForm
from ..models import Course

MANAGE = "herstelacademie.manage_courses"


class StaffMixin(PermissionRequiredMixin):
    permission_required = MANAGE


class CourseToManageMixin(StaffMixin, ObjectAccessMixin):
    view_perm = MANAGE

    def get_object_queryset(self):
        return selectors.courses_to_manage(user=self.request.user)


class SessionToManageMixin(StaffMixin, ObjectAccessMixin):
    view_perm = MANAGE

    def get_object_queryset(self):
        return selectors.sessions_to_manage(user=self.request.user)


class TermToManageMixin(StaffMixin, ObjectAccessMixin):
    view_perm = MANAGE

    def get_object_queryset(self):
        return selectors.terms_to_manage(user=self.request.user)


def _teach_url(course: Course) -> str:
    return reverse("herstelacademie:teach_course", kwargs={"pk": course.pk})


class StaffListView(StaffMixin, TemplateView):
    template_name = "herstelacademie/staff/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        terms = selectors.terms()
        term = None
        slug = self.request.GET.get("periode", "")
        if slug:
            term = next((t for t in terms if t.slug == slug), None)
        context.update(terms=terms, term=term, courses=selectors.staff_courses(term=term))
        return context


class _StaffFormView(FormView):
    """A planning form: a service's refusal is shown on the form, which keeps what was typed."""

    template_name = "herstelacademie/staff/form.html"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def refused(self, form, error: DomainError):
        apply_service_error(form, error)
        return self.form_invalid(form)


class _TermFormView(_StaffFormView):
    form_class = TermForm
    term = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.term}

    def get_context_data(self, **kwargs):
        title = _("Change term") if self.term else _("New term")
        return super().get_context_data(
            title=title, back=reverse("herstelacademie:staff_list"), **kwargs
        )

    def form_valid(self, form):
        try:
            services.term_save(
                term=form.instance, actor=self.request.user, translations=form.translations()
            )
        except DomainError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Saved."))
        return redirect(reverse("herstelacademie:staff_list") + f"?periode={form.instance.slug}")


class TermCreateView(StaffMixin, _TermFormView):
    pass


class TermUpdateView(TermToManageMixin, _TermFormView):
    @property
    def term(self):
        return self.object


class _CourseFormView(_StaffFormView):
    form_class = CourseForm
    course = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.course}

    def get_context_data(self, **kwargs):
        title = _("Change course") if self.course else _("New course")
        back = _teach_url(self.course) if self.course else reverse("herstelacademie:staff_list")
        warning = services.coproduction_warning(course=self.course) if self.course else ""
        message_url = ""
        if self.course and self.course.status == Course.Status.PUBLISHED:
            message_url = reverse(
                "notifications:message_write",
                kwargs={"audience": "herstelacademie-course", "pk": self.course.pk},
            )
        desk_url = (
            reverse("herstelacademie:desk_enrol", kwargs={"pk": self.course.pk})
            if message_url
            else ""
        )
        return super().get_context_data(
            title=title,
            back=back,
            warning=warning,
            message_url=message_url,
            desk_url=desk_url,
            **kwargs,
        )

    def save(self, form) -> Course:
        return services.course_create(data=form.to_data(), actor=self.request.user)

    def form_valid(self, form):
        try:
            course = self.save(form)
        except DomainError as error:
            return self.refused(form, error)
        warning = services.coproduction_warning(course=course)
        if warning:
            messages.warning(self.request, warning)
        messages.success(self.request, _("Saved."))
        return redirect(_teach_url(course))


class CourseCreateView(StaffMixin, _CourseFormView):
    pass


class CourseUpdateView(CourseToManageMixin, _CourseFormView):
    @property
    def course(self):
        return self.object

    def save(self, form) -> Course:
        # The form changed its instance in memory; the service reads the course afresh.
        return services.course_update(
            course=Course.objects.get(pk=self.object.pk),
            data=form.to_data(),
            actor=self.request.user,
        )


class _SessionFormView(_StaffFormView):
    form_class = SessionForm
    course: Course
    session = None

    def get_initial(self):
        if self.session is None:
            return {}
        start = timezone.localtime(self.session.starts_at)
        return {
            "date": start.date(),
            "starts": start.time(),
            "ends": timezone.localtime(self.session.ends_at).time(),
            "room": self.session.room,
            "location": self.session.location,
            "topic": self.session.topic,
        }

    def get_context_data(self, **kwargs):
        title = _("Change session") if self.session else _("New session")
        return super().get_context_data(
            title=f"{title}: {self.course.title}",
            back=_teach_url(self.course),
            warning="",
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.session_save(
                course=self.course,
                session=self.session,
                starts_at=form.starts_at,
                ends_at=form.ends_at,
                room=data["room"],
                location=data["location"],
                topic=data["topic"],
                actor=self.request.user,
            )
        except DomainError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Saved."))
        return redirect(_teach_url(self.course))


class SessionCreateView(CourseToManageMixin, _SessionFormView):
    """A new session of the course in the address."""

    @property
    def course(self):
        return self.object


class SessionUpdateView(SessionToManageMixin, _SessionFormView):
    """The session in the address, of its own course."""

    @property
    def session(self):
        return self.object

    @property
    def course(self):
        return self.object.course


class SessionDeleteView(SessionToManageMixin, ServicePostView):
    success_message = gettext_lazy("The session is removed. Its room is free again.")

    def perform(self, data: dict) -> None:
        services.session_delete(session=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return _teach_url(self.object.course)


class CoursePublishView(CourseToManageMixin, ServicePostView):
    success_message = gettext_lazy("Published. The course is in the catalogue now.")

    def perform(self, data: dict) -> None:
        services.course_publish(course=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return _teach_url(self.object)


class CourseCancelView(CourseToManageMixin, ServicePostView):
    success_message = gettext_lazy("Cancelled. Every student gets a message.")

    def perform(self, data: dict) -> None:
        services.course_cancel(course=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return _teach_url(self.object)
