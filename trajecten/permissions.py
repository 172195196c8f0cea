"""Who may do what in trajecten; the building blocks come from huis.accounts.access.

- Workers (partner workers and the house's people) prepare applications for their organisation;
  their organisation sees its applications in full.
- Committee members see an application in full only for a meeting they sit in, and only until the
  committee decided on it there; afterwards only the summary (decision and reasons).
- Coordinators see every application (their reads are audited), plan meetings, put applications on
  the agenda and record decisions; members sitting in the meeting may record a decision too.
- A trajectory is seen and worked on by the lead partner and the other partners of its guidance
  agreement; coordinators see it (read only unless their organisation is involved).
- When the family's consent is withdrawn, nothing is shared outside the preparing organisation.
"""

import enum
from typing import Any

import rules
from django.db.models import Q, QuerySet

from huis.accounts.access import is_coordinator, is_house, is_partner_worker, organisation_ids
from netwerk.selectors import consent_is_active

from .models import AgendaItem, Application, CommitteeMember, Meeting, Trajectory

is_worker = is_house | is_partner_worker


class Access(enum.Enum):
    NONE = "none"
    SUMMARY = "summary"
    FULL = "full"


def active_seats(user: Any) -> QuerySet[CommitteeMember]:
    return CommitteeMember.objects.filter(user=user, ended_on__isnull=True)


@rules.predicate
def is_committee_member(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_trajecten_seat", None)
    if cached is None:
        cached = active_seats(user).exists()
        user._trajecten_seat = cached
    return cached


def consent_active(application: Application) -> bool:
    """The family's consent still stands (netwerk's own selector decides)."""
    return consent_is_active(application.consent)


def application_access(user: Any, application: Application | None) -> Access:
    """How much of an application `user` may see; one or two queries."""
    if application is None or not getattr(user, "is_authenticated", False):
        return Access.NONE
    if not is_worker.test(user):
        return Access.NONE
    if application.organisation_id in organisation_ids(user):
        return Access.FULL
    if application.status == Application.Status.DRAFT:
        return Access.NONE  # not shared with anyone yet
    shared = application.status != Application.Status.WITHDRAWN and consent_active(application)
    if is_coordinator.test(user):
        return Access.FULL if shared else Access.SUMMARY
    items = list(
        AgendaItem.objects.filter(application=application, meeting__members__user=user).values_list(
            "decision__id", flat=True
        )
    )
    if not items:
        return Access.NONE
    open_here = any(decision is None for decision in items)
    if shared and open_here and application.status == Application.Status.SCHEDULED:
        return Access.FULL
    return Access.SUMMARY


@rules.predicate
def may_see_application(user: Any, application: Application) -> bool:
    return application_access(user, application) is not Access.NONE


@rules.predicate
def prepares_application(user: Any, application: Application) -> bool:
    return application is not None and application.organisation_id in organisation_ids(user)


@rules.predicate
def sits_in_meeting(user: Any, meeting: Meeting) -> bool:
    if meeting is None or not getattr(user, "is_authenticated", False):
        return False
    return meeting.members.filter(user=user).exists()


@rules.predicate
def involved_in_trajectory(user: Any, trajectory: Trajectory) -> bool:
    if trajectory is None:
        return False
    ids = organisation_ids(user)
    agreement = trajectory.agreement
    if agreement.lead_organisation_id in ids:
        return True
    return any(partner.pk in ids for partner in agreement.partners.all())


rules.add_perm("trajecten.view_home", is_worker)
rules.add_perm("trajecten.prepare_application", is_worker)
rules.add_perm("trajecten.view_programme", is_worker)
rules.add_perm("trajecten.view_application", may_see_application)
rules.add_perm("trajecten.change_application", is_worker & prepares_application)
rules.add_perm("trajecten.view_meetings", is_coordinator | (is_worker & is_committee_member))
rules.add_perm("trajecten.manage_meetings", is_coordinator)
rules.add_perm("trajecten.view_meeting", is_coordinator | (is_worker & sits_in_meeting))
rules.add_perm("trajecten.decide", is_coordinator | (is_worker & sits_in_meeting))
rules.add_perm("trajecten.view_trajectories", is_worker)
rules.add_perm("trajecten.view_trajectory", is_coordinator | (is_worker & involved_in_trajectory))
rules.add_perm("trajecten.change_trajectory", is_worker & involved_in_trajectory)
rules.add_perm("trajecten.view_results", is_coordinator)


def start_allowed(user: Any, application: Application) -> bool:
    """The preparing organisation or a coordinator starts the trajectory of an admitted family."""
    return is_coordinator.test(user) or prepares_application.test(user, application)


def trajectories_narrowed(user: Any, queryset: QuerySet[Trajectory]) -> QuerySet[Trajectory]:
    if is_coordinator.test(user):
        return queryset
    if not is_worker.test(user):
        return queryset.none()
    ids = organisation_ids(user)
    return queryset.filter(
        Q(agreement__lead_organisation__in=ids) | Q(agreement__partners__in=ids)
    ).distinct()


def applications_narrowed(user: Any, queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Lists: the worker's organisation's applications; coordinators also all submitted ones."""
    if not is_worker.test(user):
        return queryset.none()
    own = Q(organisation__in=organisation_ids(user))
    if is_coordinator.test(user):
        return queryset.filter(own | ~Q(status=Application.Status.DRAFT))
    return queryset.filter(own)
