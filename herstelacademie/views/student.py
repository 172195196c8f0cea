"""Mijn leertraject: the student's courses, attendance, goals and notes, learning companion,
certificates and evaluations; and the learning companion's view of what is shared with them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.service_views import ServicePostView, apply_service_error, refuse

from .. import selectors, services
from ..forms import CompanionForm, EntryForm, EvaluationForm
from .pdf import pdf_response

PLAN = "herstelacademie:plan"


class StudentMixin(PermissionRequiredMixin):
    permission_required = "herstelacademie.view_plan"


class OwnEnrollmentMixin(ObjectAccessMixin):
    """The student's own enrolment; nobody else may learn it exists (404), administrators
    neither: the query itself is narrowed to the person, as superusers pass every rule."""

    view_perm = "herstelacademie.view_enrollment"

    def get_object_queryset(self):
        return selectors.own_enrollments(user=self.request.user)


class OwnEntryMixin(ObjectAccessMixin):
    view_perm = "herstelacademie.change_entry"

    def get_object_queryset(self):
        return selectors.own_entries(user=self.request.user)


class PlanView(StudentMixin, TemplateView):
    template_name = "herstelacademie/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = selectors.plan_of(user=self.request.user)
        context.update(
            plan=plan,
            overview=selectors.plan_overview(user=self.request.user),
            entries=list(plan.entries.all()) if plan.pk else [],
            entry_form=kwargs.get("entry_form") or EntryForm(),
            companion=plan.companion,
        )
        return context


class EntryCreateView(StudentMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = EntryForm(request.POST)
        if not form.is_valid():
            view = PlanView()
            view.setup(request)
            return render(
                request, PlanView.template_name, view.get_context_data(entry_form=form), status=400
            )
        data = form.cleaned_data
        try:
            services.entry_save(
                plan=services.plan_for(user=request.user),
                kind=data["kind"],
                text=data["text"],
                is_shared=data["is_shared"],
                is_done=data["is_done"],
                actor=request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            view = PlanView()
            view.setup(request)
            return render(
                request, PlanView.template_name, view.get_context_data(entry_form=form), status=400
            )
        messages.success(request, _("Saved. Only you can see it, unless you share it."))
        return redirect(reverse(PLAN) + "#goals")


class EntryUpdateView(OwnEntryMixin, View):
    template_name = "herstelacademie/entry_form.html"

    def get(self, request, pk: int):
        entry = self.object
        return render(
            request, self.template_name, {"entry": entry, "form": EntryForm(instance=entry)}
        )

    def post(self, request, pk: int):
        entry = self.object
        form = EntryForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"entry": entry, "form": form}, status=400)
        data = form.cleaned_data
        try:
            services.entry_save(
                plan=entry.plan,
                entry=entry,
                kind=data["kind"],
                text=data["text"],
                is_shared=data["is_shared"],
                is_done=data["is_done"],
                actor=request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return render(request, self.template_name, {"entry": entry, "form": form}, status=400)
        messages.success(request, _("Saved."))
        return redirect(reverse(PLAN) + "#goals")


class EntryDeleteView(OwnEntryMixin, ServicePostView):
    success_message = gettext_lazy("Removed.")

    def perform(self, data: dict) -> None:
        services.entry_delete(entry=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse(PLAN) + "#goals"


class CompanionView(StudentMixin, View):
    template_name = "herstelacademie/companion_form.html"

    def get(self, request):
        plan = selectors.plan_of(user=request.user)
        form = CompanionForm(
            user=request.user,
            initial={"companion": plan.companion_id, "share_courses": plan.share_courses},
        )
        return render(request, self.template_name, {"form": form, "plan": plan})

    def post(self, request):
        plan = services.plan_for(user=request.user)
        form = CompanionForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "plan": plan}, status=400)
        try:
            services.companion_set(
                plan=plan,
                companion=form.cleaned_data["companion"],
                share_courses=form.cleaned_data["share_courses"],
                actor=request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return render(request, self.template_name, {"form": form, "plan": plan}, status=400)
        messages.success(request, _("Saved."))
        return redirect(PLAN)


class EnrollmentCancelView(OwnEnrollmentMixin, ServicePostView):
    success_message = gettext_lazy("Your enrolment is cancelled. Thank you for letting us know.")

    def perform(self, data: dict) -> None:
        services.enrollment_cancel(enrollment=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse(PLAN)


class _AbsenceView(OwnEnrollmentMixin, ServicePostView):
    """ "I can't come" to a coming session, or "I can come after all", from the learning path."""

    service = None

    def perform(self, data: dict) -> None:
        wanted = self.kwargs["session"]
        target = next((s for s in self.object.course.sessions.all() if s.pk == wanted), None)
        if target is None:
            raise Http404
        type(self).service(session=target, enrollment=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse(PLAN)


class AbsenceAnnounceView(_AbsenceView):
    service = services.absence_announce
    success_message = gettext_lazy("Thank you for letting us know. The trainers see it.")


class AbsenceWithdrawView(_AbsenceView):
    service = services.absence_withdraw
    success_message = gettext_lazy("Good to hear you can come after all.")


class CertificateView(OwnEnrollmentMixin, View):
    """The participation certificate (PDF), only for a course attended enough."""

    def get(self, request, pk: int):
        enrollment = self.object
        row = selectors.own_enrollment_for_certificate(enrollment=enrollment)
        if not row.certificate:
            return refuse(
                request,
                _("There is no certificate for this course (yet)."),
                back=reverse(PLAN),
                status=403,
            )
        log_action(
            actor=request.user,
            action="herstelacademie.certificate_downloaded",
            obj=enrollment,
            subject=request.user,
            request=request,
        )
        context = {
            "row": row,
            "student": request.user,
            "course": row.course,
            "trainers": list(row.course.trainers.all()),
        }
        return pdf_response(
            request,
            "herstelacademie/pdf/certificate.html",
            context,
            filename=f"deelnameattest-{slugify(row.course.title)}.pdf",
        )


class EvaluationView(OwnEnrollmentMixin, View):
    template_name = "herstelacademie/evaluation_form.html"

    def _context(self, enrollment, form):
        return {"enrollment": enrollment, "course": enrollment.course, "form": form}

    def get(self, request, pk: int):
        enrollment = self.object
        return render(request, self.template_name, self._context(enrollment, EvaluationForm()))

    def post(self, request, pk: int):
        enrollment = self.object
        back = reverse("herstelacademie:evaluation", kwargs={"pk": pk})
        if is_ratelimited(
            request, group="herstelacademie.evaluate", key="user_or_ip", rate="20/h", increment=True
        ):
            return refuse(
                request,
                _("Too many tries in a short time. Try again later."),
                back=back,
                status=429,
            )
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self._context(enrollment, form), status=400)
        data = form.cleaned_data
        try:
            services.evaluation_submit(
                enrollment=enrollment,
                overall=data["overall"],
                useful=data["useful"],
                trainers=data["trainers"],
                comment=data["comment"],
                anonymous=data["anonymous"],
                actor=request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return render(request, self.template_name, self._context(enrollment, form), status=400)
        messages.success(request, _("Thank you for your answers!"))
        return redirect(PLAN)


# --- The learning companion -------------------------------------------------------------------


class CompanionListView(PermissionRequiredMixin, TemplateView):
    template_name = "herstelacademie/companion_list.html"
    permission_required = "herstelacademie.accompany"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["plans"] = selectors.companion_students(user=self.request.user)
        return context


class CompanionPlanView(ObjectAccessMixin, TemplateView):
    """What a student shares with their learning companion, and nothing more."""

    template_name = "herstelacademie/companion_plan.html"
    view_perm = "herstelacademie.view_shared_plan"

    def get_object_queryset(self):
        return selectors.plans_shared_with(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        log_action(
            actor=self.request.user,
            action="herstelacademie.shared_plan_viewed",
            obj=plan,
            subject=plan.user,
            request=self.request,
        )
        context.update(
            plan=plan,
            entries=list(plan.entries.filter(is_shared=True)),
            overview=selectors.plan_overview(user=plan.user) if plan.share_courses else None,
        )
        return context
