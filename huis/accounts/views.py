"""A person's own profile."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from huis.notifications.services import preference_update

from .forms import ProfileForm
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
            **{name: form.cleaned_data[name] for name in form.Meta.fields},
        )
        preference_update(
            user=self.request.user,
            by_email=form.cleaned_data["notify_by_email"],
            by_sms=form.cleaned_data["notify_by_sms"],
            actor=self.request.user,
        )
        messages.success(self.request, _("Your profile is saved."))
        response = super().form_valid(form)
        from django.conf import settings

        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            self.request.user.preferred_language,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
