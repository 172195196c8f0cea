"""The start page of trajecten and the page of a programme (its criteria and its committee)."""

from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .. import selectors
from ..permissions import is_committee_member
from .base import PermissionRequiredMixin


class HomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "trajecten.view_home"
    template_name = "trajecten/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        meetings = []
        if user.has_perm("trajecten.view_meetings"):
            meetings = list(selectors.meetings_for(user=user)[:5])
        open_trajectories = selectors.trajectories_for(user=user).filter(ended_on__isnull=True)
        return super().get_context_data(
            programmes=list(selectors.programmes_active()),
            applications=list(selectors.applications_for(user=user)[:10]),
            meetings=meetings,
            trajectories=list(open_trajectories[:10]),
            is_member=is_committee_member.test(user),
            **kwargs,
        )


class ProgrammeDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "trajecten.view_programme"
    template_name = "trajecten/programme_detail.html"

    def get_context_data(self, **kwargs):
        programme = get_object_or_404(selectors.programme_with_committee(), slug=kwargs["slug"])
        committee = getattr(programme, "committee", None)
        return super().get_context_data(
            programme=programme,
            members=list(committee.members.all()) if committee else [],
            **kwargs,
        )
