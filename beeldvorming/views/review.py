"""Staff read the stories people send, and publish them or not."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from .. import services
from ..forms import DeclineForm
from ..models import Testimony
from ..selectors import testimonies_to_review
from .base import PermissionRequiredMixin, ServicePostView


class ReviewListView(PermissionRequiredMixin, ListView):
    permission_required = "beeldvorming.review_testimonies"
    template_name = "beeldvorming/review_list.html"
    context_object_name = "stories"
    paginate_by = 50

    def get_queryset(self):
        return testimonies_to_review(user=self.request.user)


class ReviewObjectMixin(PermissionRequiredMixin):
    permission_required = "beeldvorming.review_testimonies"

    def get_story(self) -> Testimony:
        # Permission is checked first by the mixin; only then is the story looked up.
        return get_object_or_404(
            testimonies_to_review(user=self.request.user), pk=self.kwargs["pk"]
        )


class ReviewDetailView(ReviewObjectMixin, TemplateView):
    template_name = "beeldvorming/review_detail.html"

    def get_context_data(self, **kwargs):
        story = self.get_story()
        return super().get_context_data(
            story=story,
            consent_records=story.consent_records.all(),
            decline_form=DeclineForm(),
            **kwargs,
        )


class ReviewPostView(ReviewObjectMixin, ServicePostView):
    def get_success_url(self) -> str:
        return reverse("beeldvorming:review_detail", kwargs={"pk": self.kwargs["pk"]})


class PublishView(ReviewPostView):
    success_message = _("The story is published.")

    def perform(self, data: dict) -> None:
        services.testimony_publish(testimony=self.get_story(), actor=self.request.user)


class DeclineView(ReviewPostView):
    success_message = _("The story is not published. The author sees your note.")

    def perform(self, data: dict) -> None:
        form = DeclineForm(self.request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.testimony_decline(testimony=self.get_story(), actor=self.request.user, note=note)
