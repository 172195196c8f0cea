"""An author's own stories: write, change, give and take back consent."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView

from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited

from .. import services
from ..forms import ConsentFields, TestimonyEditForm, TestimonyForm
from ..selectors import testimonies_of
from ..services import CONSENT_TEXT
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView

story_rate_limit = rate_limited("beeldvorming.story", rate="10/m", key="user_or_ip")


class MyStoriesView(PermissionRequiredMixin, ListView):
    permission_required = "beeldvorming.write_testimony"
    template_name = "beeldvorming/my_stories.html"
    context_object_name = "stories"

    def get_queryset(self):
        return testimonies_of(user=self.request.user)


@method_decorator(
    rate_limited("beeldvorming.story", rate="10/m", key="user_or_ip"), name="dispatch"
)
class StoryCreateView(PermissionRequiredMixin, FormView):
    permission_required = "beeldvorming.write_testimony"
    template_name = "beeldvorming/story_form.html"
    form_class = TestimonyForm
    success_url = reverse_lazy("beeldvorming:my_stories")

    def get_initial(self):
        return {"shown_name": self.request.user.display_name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(consent_text=CONSENT_TEXT, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.testimony_create(
                author=self.request.user,
                title=data["title"],
                body=data["body"],
                attribution=data["attribution"],
                shown_name=data["shown_name"],
                language=get_language(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Thank you for your story. Someone of the house reads it soon.")
        )
        return super().form_valid(form)


class OwnStoryMixin(ObjectAccessMixin):
    """Only the author reaches their story here; everyone else (administrators too) gets 404."""

    view_perm = "beeldvorming.change_own_testimony"

    def get_queryset(self):
        return testimonies_of(user=self.request.user)


@method_decorator(
    rate_limited("beeldvorming.story", rate="10/m", key="user_or_ip"), name="dispatch"
)
class StoryEditView(OwnStoryMixin, FormView):
    template_name = "beeldvorming/story_edit.html"
    form_class = TestimonyEditForm
    success_url = reverse_lazy("beeldvorming:my_stories")

    def get_initial(self):
        return {"title": self.object.title, "body": self.object.body}

    def get_context_data(self, **kwargs):
        return super().get_context_data(story=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.testimony_update(
                testimony=self.object, actor=self.request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your story is saved. Someone of the house reads it again.")
        )
        return super().form_valid(form)


@method_decorator(
    rate_limited("beeldvorming.story", rate="10/m", key="user_or_ip"), name="dispatch"
)
class StoryConsentView(OwnStoryMixin, FormView):
    """Give consent again after taking it back, or change the name shown."""

    template_name = "beeldvorming/story_consent.html"
    form_class = ConsentFields
    success_url = reverse_lazy("beeldvorming:my_stories")

    def get_initial(self):
        consent = self.object.consent
        if consent is not None and consent.action == consent.Action.GIVEN:
            return {"attribution": consent.attribution, "shown_name": consent.shown_name}
        return {"shown_name": self.request.user.display_name}

    def get_context_data(self, **kwargs):
        return super().get_context_data(story=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.testimony_give_consent(
                testimony=self.object,
                actor=self.request.user,
                attribution=form.cleaned_data["attribution"],
                shown_name=form.cleaned_data["shown_name"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Someone of the house reads your story soon."))
        return redirect(self.get_success_url())


class StoryWithdrawView(OwnStoryMixin, ServicePostView):
    success_message = _("Your consent is taken back. Your story is no longer on the website.")

    def perform(self, data: dict) -> None:
        services.testimony_withdraw_consent(testimony=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return reverse("beeldvorming:my_stories")
