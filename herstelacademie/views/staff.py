"""Planning the Recovery College: terms, courses with their trainers, sessions with rooms."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.accounts.mixins import PermissionRequiredMixin

from .. import selectors, services
from ..forms import CourseForm, SessionForm, TermForm
from ..models import Course, CourseSession, Term
from .common import refuse


class StaffMixin(PermissionRequiredMixin):
    permission_required = "herstelacademie.manage_courses"


def _course(pk: int) -> Course:
    # Staff may manage every course: existence is all there is to check.
    return get_object_or_404(Course.objects.select_related("term", "offering"), pk=pk)


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


class TermFormView(StaffMixin, FormView):
    template_name = "herstelacademie/staff/form.html"
    form_class = TermForm

    def dispatch(self, request, *args, **kwargs):
        self.term = get_object_or_404(Term, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.term}

    def get_context_data(self, **kwargs):
        title = _("Change term") if self.term else _("New term")
        return super().get_context_data(
            title=title, back=reverse("herstelacademie:staff_list"), **kwargs
        )

    def form_valid(self, form):
        try:
            services.term_save(term=form.instance, actor=self.request.user)
        except services.CourseError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(reverse("herstelacademie:staff_list") + f"?periode={form.instance.slug}")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CourseFormView(StaffMixin, FormView):
    template_name = "herstelacademie/staff/form.html"
    form_class = CourseForm

    def dispatch(self, request, *args, **kwargs):
        self.course = _course(kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.course}

    def get_context_data(self, **kwargs):
        title = _("Change course") if self.course else _("New course")
        back = _teach_url(self.course) if self.course else reverse("herstelacademie:staff_list")
        warning = services.coproduction_warning(course=self.course) if self.course else ""
        return super().get_context_data(title=title, back=back, warning=warning, **kwargs)

    def form_valid(self, form):
        try:
            if self.course is None:
                course = services.course_create(data=form.to_data(), actor=self.request.user)
            else:
                course = services.course_update(
                    course=Course.objects.get(pk=self.course.pk),
                    data=form.to_data(),
                    actor=self.request.user,
                )
        except services.CourseError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        warning = services.coproduction_warning(course=course)
        if warning:
            messages.warning(self.request, warning)
        messages.success(self.request, _("Saved."))
        return redirect(_teach_url(course))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SessionFormView(StaffMixin, FormView):
    template_name = "herstelacademie/staff/form.html"
    form_class = SessionForm

    def dispatch(self, request, *args, **kwargs):
        if request.resolver_match.url_name == "session_update":
            self.session = get_object_or_404(
                CourseSession.objects.select_related("course", "room"), pk=kwargs["pk"]
            )
            self.course = self.session.course
        else:
            self.session = None
            self.course = _course(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

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
        except services.CourseError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(_teach_url(self.course))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SessionDeleteView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
        back = _teach_url(session.course)
        try:
            services.session_delete(session=session, actor=request.user)
        except services.CourseError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("The session is removed. Its room is free again."))
        return redirect(back)


class CoursePublishView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        course = _course(pk)
        try:
            services.course_publish(course=course, actor=request.user)
        except services.CourseError as exc:
            return refuse(request, str(exc), back=_teach_url(course))
        messages.success(request, _("Published. The course is in the catalogue now."))
        return redirect(_teach_url(course))


class CourseCancelView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        course = _course(pk)
        try:
            services.course_cancel(course=course, actor=request.user)
        except services.CourseError as exc:
            return refuse(request, str(exc), back=_teach_url(course))
        messages.success(request, _("Cancelled. Every student gets a message."))
        return redirect(_teach_url(course))
