"""What every staff page of ontmoeting shares: the permission, the activity or sign-up in the
address, and the POST-only change at the desk."""

from django.urls import reverse
from django.utils.functional import cached_property

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView

from ... import selectors, services
from ...models import Activity

PERM = "ontmoeting.manage_programme"


class StaffMixin(PermissionRequiredMixin):
    """The house's people only: anonymous -> login, anyone else 403 (before any object is read)."""

    permission_required = PERM


class ActivityToManageMixin(StaffMixin, ObjectAccessMixin):
    """The activity in the address (`self.object`, drafts too); unknown -> 404."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.activities_to_manage(user=self.request.user)

    @property
    def activity(self) -> Activity:
        return self.object


class ClaimToManageMixin(StaffMixin, ObjectAccessMixin):
    """The sign-up in the address (`self.object`); a course's enrolment is not found (404)."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.claims_to_manage(user=self.request.user)

    @cached_property
    def activity(self) -> Activity:
        return services.activity_of(self.object)


class StaffPostView(ServicePostView):
    """A POST-only change at the desk calling one service; a refusal answers the core refused
    page (400, 409 when busy) with the way back to the activity."""

    def get_back_url(self) -> str:
        return reverse("ontmoeting:staff_activity", kwargs={"pk": self.activity.pk})

    def get_success_url(self) -> str:
        return self.get_back_url()
