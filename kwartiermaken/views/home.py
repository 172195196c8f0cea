"""The worker's start page: log work in one tap, follow-ups due, the latest entries."""

from django.utils import timezone
from django.views.generic import TemplateView

from huis.accounts.access import organisations_of

from .. import selectors
from .base import PermissionRequiredMixin


class HomeView(PermissionRequiredMixin, TemplateView):
    template_name = "kwartiermaken/home.html"
    permission_required = "kwartiermaken.view_home"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            follow_ups=selectors.follow_ups_due(user=user),
            recent=selectors.recent_entries(user=user),
            organisations=organisations_of(user),
            today=timezone.localdate(),
            **kwargs,
        )
