"""The start page of trajecten and the page of a programme (its criteria and its committee)."""

from django.views.generic import TemplateView

from huis.accounts.access import fetch_for

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
    """A programme's criteria and committee, by its slug.

    Reading a programme is a role, not a relation to it: every worker of the network may read
    every programme (partners prepare applications for them). So the role is checked first
    (anonymous -> login, anyone else -> 403), then the programme is fetched through the selector
    narrowed to the user with the core's `fetch_for` (404 when there is none). Not
    `ObjectAccessMixin`: that one looks objects up by `pk`, and this address has a slug.
    """

    permission_required = "trajecten.view_programme"
    template_name = "trajecten/programme_detail.html"

    def get_context_data(self, **kwargs):
        programme = fetch_for(
            self.request.user,
            selectors.programme_with_committee(user=self.request.user),
            view_perm=self.permission_required,
            slug=kwargs["slug"],
        )
        committee = getattr(programme, "committee", None)
        return super().get_context_data(
            programme=programme,
            members=list(committee.members.all()) if committee else [],
            **kwargs,
        )
