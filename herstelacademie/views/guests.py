""" "Iedereen welkom": enrolling as a guest (no account), the guest's own signed link, and
enrolling someone at the desk. No JavaScript needed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited
from huis.core.service_views import apply_service_error, refuse
from huis.places.services import PlaceError, claim_from_token

from .. import selectors, services
from ..guest_forms import DeskEnrolForm, GuestEnrolForm
from ..models import Enrollment
from .public import _course
from .staff import CourseToManageMixin


@method_decorator(rate_limited("herstelacademie.guest_enrol", rate="10/m"), name="dispatch")
class GuestEnrolView(View):
    """Enrol without an account: a name and an email address or a phone number."""

    template_name = "herstelacademie/guest_enrol.html"

    def _page(self, request, course, form, status=200):
        refusal = services.enrolment_refusal(course, now=timezone.now())
        return render(
            request,
            self.template_name,
            {"course": course, "form": form, "refusal": refusal},
            status=status,
        )

    def get(self, request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        return self._page(request, _course(request, pk), GuestEnrolForm())

    def post(self, request: HttpRequest, pk: int, slug: str) -> HttpResponse:
        course = _course(request, pk)
        form = GuestEnrolForm(request.POST)
        if not form.is_valid():
            return self._page(request, course, form, status=400)
        data = form.cleaned_data
        try:
            services.enrollment_create_as_guest(
                course=course,
                name=data["name"],
                email=data["email"],
                phone=data["phone"] or "",
                language=data["language"],
            )
        except services.AlreadyEnrolled:
            pass  # the same answer as a new enrolment: the owner already has their link
        except DomainError as error:
            apply_service_error(form, error)
            return self._page(request, course, form, status=400)
        return render(
            request,
            "herstelacademie/guest_thanks.html",
            {"course": course, "by_email": bool(data["email"])},
        )


class _GuestTokenMixin:
    def enrollment_or_refuse(self, request, token: str) -> tuple[Enrollment | None, HttpResponse]:
        try:
            claim = claim_from_token(token=token)
        except PlaceError as exc:
            return None, refuse(request, exc.message, back=reverse("herstelacademie:home"))
        enrollment = selectors.enrollment_of_claim(claim_id=claim.pk)
        if enrollment is None:  # another function's link (an activity's sign-up)
            raise Http404
        return enrollment, None


class GuestEnrolmentView(_GuestTokenMixin, View):
    """The guest's own page, from the link in their messages: their place, the sessions, and
    the buttons to cancel or to move it into an account."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        enrollment, refused = self.enrollment_or_refuse(request, token)
        if refused:
            return refused
        course = enrollment.course
        return render(
            request,
            "herstelacademie/guest_enrolment.html",
            {
                "enrollment": enrollment,
                "course": course,
                "sessions": list(course.sessions.all()),
                "token": token,
            },
        )


@method_decorator(rate_limited("herstelacademie.guest_manage", rate="20/m"), name="dispatch")
class GuestCancelView(_GuestTokenMixin, View):
    """A button on the page, not the link itself: mail scanners open links."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        enrollment, refused = self.enrollment_or_refuse(request, token)
        if refused:
            return refused
        back = reverse("herstelacademie:guest", kwargs={"token": token})
        actor = request.user if request.user.is_authenticated else None
        try:
            services.enrollment_cancel(enrollment=enrollment, actor=actor)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(request, _("Your enrolment is cancelled. Thank you for letting us know."))
        return redirect(back)


@method_decorator(rate_limited("herstelacademie.guest_manage", rate="20/m"), name="dispatch")
class GuestClaimView(_GuestTokenMixin, View):
    """Move a guest enrolment into the account of the person logged in (log in first)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        back = reverse("herstelacademie:guest", kwargs={"token": token})
        if not request.user.is_authenticated:
            return redirect_to_login(back)
        enrollment, refused = self.enrollment_or_refuse(request, token)
        if refused:
            return refused
        try:
            services.enrollment_claim_for_account(enrollment=enrollment, user=request.user)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(request, _("Your enrolment is now in your account."))
        return redirect("herstelacademie:plan")


class DeskEnrolView(CourseToManageMixin, FormView):
    """Staff enrol someone who calls or stands at the desk: same places, same waiting list."""

    template_name = "herstelacademie/staff/desk_enrol.html"
    form_class = DeskEnrolForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            enrollment = services.enrollment_create_as_guest(
                course=self.object,
                name=data["name"],
                email=data["email"],
                phone=data["phone"] or "",
                language=data["language"],
                actor=self.request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if enrollment.claim.status == "confirmed":
            messages.success(self.request, _("%(name)s has a place.") % {"name": data["name"]})
        else:
            messages.success(
                self.request,
                _("The course is full: %(name)s is on the waiting list.") % {"name": data["name"]},
            )
        return redirect(reverse("herstelacademie:desk_enrol", kwargs={"pk": self.object.pk}))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
