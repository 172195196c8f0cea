"""Applications: a worker prepares one with the family, adds the housing history and submits it;
coordinators and the committee of the meeting read it (every read is recorded)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import organisations_of
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import ApplicationForm, HousingStepForm
from ..models import Application
from ..permissions import Access, application_access, start_allowed
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class ApplicationListView(PermissionRequiredMixin, TemplateView):
    permission_required = "trajecten.prepare_application"
    template_name = "trajecten/application_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in Application.Status.values else ""
        applications = selectors.applications_for(user=self.request.user)
        if status:
            applications = applications.filter(status=status)
        return super().get_context_data(
            applications=list(applications[:200]),
            status=status,
            statuses=Application.Status.choices,
            **kwargs,
        )


class ApplicationAccessMixin(ObjectAccessMixin):
    view_perm = "trajecten.view_application"

    def get_object_queryset(self):
        return selectors.application_with_details()


class ApplicationChangeMixin(ApplicationAccessMixin):
    change_perm = "trajecten.change_application"


class ApplicationCreateView(PermissionRequiredMixin, FormView):
    permission_required = "trajecten.prepare_application"
    template_name = "trajecten/application_form.html"
    form_class = ApplicationForm

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "programmes": list(selectors.programmes_active()),
            "organisations": organisations_of(user),
            "consents": list(selectors.consents_for(user=user)),
        }

    def get_initial(self):
        slug = self.request.GET.get("programma", "")
        programme = selectors.programmes_active().filter(slug=slug).first() if slug else None
        return {"programme": str(programme.pk)} if programme else {}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            application = services.application_create(
                actor=self.request.user,
                programme=data["programme"],
                organisation=data["organisation"],
                consent=data["consent"],
                request=self.request,
                details=form.application_details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved. Now add the housing history."))
        return redirect(application)


class ApplicationUpdateView(ApplicationChangeMixin, FormView):
    template_name = "trajecten/application_form.html"
    form_class = ApplicationForm

    def get(self, request, *args, **kwargs):
        if not self.object.is_editable:
            messages.info(request, _("Only an application that is being prepared can be changed."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.application_update(
                application=self.object,
                actor=self.request.user,
                request=self.request,
                details=form.application_details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.object)


class ApplicationDetailView(ApplicationAccessMixin, TemplateView):
    """In full for the preparing organisation, coordinators and the committee of an open agenda
    item; the summary (decision and reasons) for members after their meeting decided."""

    template_name = "trajecten/application_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        application = self.object
        full = application_access(user, application) is Access.FULL
        services.application_viewed(
            application=application, actor=user, full=full, request=self.request
        )
        own = user.has_perm("trajecten.change_application", application)
        started = selectors.application_trajectory(application)
        trajectory = started
        if trajectory and not user.has_perm("trajecten.view_trajectory", trajectory):
            trajectory = None
        return super().get_context_data(
            application=application,
            full=full,
            own=own,
            decisions=list(application.decisions.all()),
            steps=list(application.housing_steps.all()) if full else [],
            step_form=HousingStepForm() if own and application.is_editable else None,
            can_start=(
                application.status == Application.Status.ADMITTED
                and started is None
                and start_allowed(user, application)
            ),
            trajectory=trajectory,
            **kwargs,
        )


class HousingStepAddView(ApplicationChangeMixin, ServicePostView):
    form_class = HousingStepForm
    success_message = _("The step is added to the housing history.")

    def perform(self, data):
        services.housing_step_add(
            application=self.object, actor=self.request.user, request=self.request, **data
        )

    def get_success_url(self):
        return self.object.get_absolute_url() + "#woonhistoriek"


class HousingStepRemoveView(ApplicationChangeMixin, ServicePostView):
    success_message = _("The step is removed.")

    def perform(self, data):
        step = self.object.housing_steps.filter(pk=self.kwargs["step"]).first()
        if step is None:
            raise Http404
        services.housing_step_remove(step=step, actor=self.request.user, request=self.request)

    def get_success_url(self):
        return self.object.get_absolute_url() + "#woonhistoriek"


class ApplicationSubmitView(ApplicationChangeMixin, ServicePostView):
    success_message = _("Submitted. The coordinators put it on the agenda of the committee.")

    def perform(self, data):
        services.application_submit(
            application=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class ApplicationWithdrawView(ApplicationChangeMixin, ServicePostView):
    success_message = _("The application is withdrawn.")

    def perform(self, data):
        services.application_withdraw(
            application=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self):
        return self.object.get_absolute_url()
