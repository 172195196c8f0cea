"""A person's own profile, and their privacy rights: their data, who touched it, deleting it."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.audit.selectors import entries_about
from huis.core.ratelimit import rate_limited
from huis.notifications.services import preference_update

from .forms import AccountDeleteForm, ProfileForm
from .pdf import export_pdf
from .privacy import account_erase, personal_data_export
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
    """What the portal keeps about me: download it, see who touched it, delete my account."""

    template_name = "accounts/privacy/my_data.html"


def _filename(extension: str) -> str:
    return f"huis-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.{extension}"


# Building an export reads every app's data: a person needs it rarely, a script would hammer it.
@method_decorator(
    rate_limited("accounts.export", rate="10/h", key="user_or_ip", methods=("GET",)),
    name="dispatch",
)
class ExportJsonView(LoginRequiredMixin, View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        data = personal_data_export(user=request.user, request=request)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
        return response


@method_decorator(
    rate_limited("accounts.export", rate="10/h", key="user_or_ip", methods=("GET",)),
    name="dispatch",
)
class ExportPdfView(LoginRequiredMixin, View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        data = personal_data_export(user=request.user, request=request)
        response = HttpResponse(export_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{_filename("pdf")}"'
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
