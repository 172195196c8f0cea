"""A person's own profile, and their privacy rights: their data, who touched it, deleting it."""

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.audit.selectors import entries_about
from huis.core.ratelimit import rate_limited
from huis.notifications.services import preference_update

from .exports import data_export_current, data_export_for_download, data_export_request
from .forms import AccountDeleteForm, ProfileForm
from .privacy import account_erase
from .services import user_update_profile


class ProfileView(LoginRequiredMixin, FormView):
    template_name = "accounts/profile.html"
    form_class = ProfileForm
    success_url = reverse_lazy("accounts:profile")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.request.user
        return kwargs

    def form_valid(self, form):
        user_update_profile(
            user=self.request.user,
            actor=self.request.user,
            display_name=form.cleaned_data["display_name"],
            preferred_language=form.cleaned_data["preferred_language"],
            phone=form.cleaned_data["phone"],
        )
        preference_update(
            user=self.request.user,
            by_email=form.cleaned_data["notify_by_email"],
            by_sms=form.cleaned_data["notify_by_sms"],
            actor=self.request.user,
        )
        messages.success(self.request, _("Your profile is saved."))
        response = super().form_valid(form)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            self.request.user.preferred_language,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response


class MyDataView(LoginRequiredMixin, TemplateView):
    """What the portal keeps about me: download it, see who touched it, delete my account.

    The download is made in the background: this page shows how far it is (and refreshes itself
    while it is being made, without JavaScript), then links to the file."""

    template_name = "accounts/privacy/my_data.html"

    def get_context_data(self, **kwargs):
        export = data_export_current(user=self.request.user)
        return super().get_context_data(
            export=export,
            hours=settings.DATA_EXPORT_HOURS,
            hours_after_download=settings.DATA_EXPORT_HOURS_AFTER_DOWNLOAD,
            **kwargs,
        )


# Making a download reads every app's data: a person needs it rarely, a script would hammer it.
@method_decorator(
    rate_limited("accounts.export", rate="10/h", key="user_or_ip", methods=("POST",)),
    name="dispatch",
)
class ExportRequestView(LoginRequiredMixin, View):
    """Ask for a download: a worker makes it; the page shows when it is ready."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        data_export_request(user=request.user, request=request)
        messages.success(
            request, _("We are making your file now. This page shows when it is ready.")
        )
        return redirect("accounts:my_data")


class ExportDownloadView(LoginRequiredMixin, View):
    """The file itself: for its owner only (anyone else, or after it expired: 404)."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, pk: UUID) -> HttpResponse:
        export = data_export_for_download(user=request.user, export_id=pk, request=request)
        if export is None:
            raise Http404
        response = HttpResponse(bytes(export.content), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        response["Cache-Control"] = "no-store, private"
        response["Content-Length"] = str(export.size)
        return response


class AuditAboutMeView(LoginRequiredMixin, TemplateView):
    """Who read or changed my data, and when: the audit entries whose subject I am."""

    template_name = "accounts/privacy/who_touched.html"

    def get_context_data(self, **kwargs):
        before = self.request.GET.get("voor", "")
        page = entries_about(
            user=self.request.user, before=int(before) if before.isdigit() else None
        )
        return super().get_context_data(page=page, **kwargs)


class AccountDeleteView(LoginRequiredMixin, FormView):
    """Two steps: this page explains and asks to confirm; the POST erases and logs out."""

    template_name = "accounts/privacy/delete.html"
    form_class = AccountDeleteForm

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        account_erase(user=self.request.user, request=self.request)
        logout(self.request)
        messages.success(
            self.request, _("Your account is deleted. Thank you for the time you spent with us.")
        )
        return redirect("core:home")
