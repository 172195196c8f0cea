"""Staff read the stories people send, and publish them or not."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView

from .. import services
from ..forms import DeclineForm
from ..selectors import testimonies_to_review
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView


class ReviewListView(PermissionRequiredMixin, ListView):
    permission_required = "beeldvorming.review_testimonies"
    template_name = "beeldvorming/review_list.html"
    context_object_name = "stories"
    paginate_by = 50

    def get_queryset(self):
        return testimonies_to_review(user=self.request.user)


class ReviewObjectMixin(PermissionRequiredMixin, ObjectAccessMixin):
    """A story sent for review, for the house's reviewers.

    Reviewing is a role, not a relation to the story: every story sent in is for the house to
    read, and the review pages are on the staff dashboard, so their existence is no secret. The
    role is checked first (anonymous -> login, anyone else -> 403, as on the review list); only
    then is the story fetched through the selector narrowed to the user (404 when there is none).
    """

    permission_required = "beeldvorming.review_testimonies"
    view_perm = "beeldvorming.review_testimonies"

    def get_object_queryset(self):
        return testimonies_to_review(user=self.request.user)


class ReviewDetailView(ReviewObjectMixin, TemplateView):
    template_name = "beeldvorming/review_detail.html"

    def get_context_data(self, **kwargs):
        story = self.object
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
        services.testimony_publish(testimony=self.object, actor=self.request.user)


class DeclineView(ReviewPostView):
    success_message = _("The story is not published. The author sees your note.")

    def perform(self, data: dict) -> None:
        form = DeclineForm(self.request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.testimony_decline(testimony=self.object, actor=self.request.user, note=note)
