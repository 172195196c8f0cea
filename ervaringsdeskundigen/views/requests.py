"""The coordinators' pages of requests: the inbox, a request with its ranked experts and one POST
per change of it, an organisation's requests, withdrawing an expert's part."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from huis.accounts.access import authorise, is_coordinator
from huis.audit.services import log_action
from huis.core.cursors import make_cursor, parse_cursor
from huis.core.errors import DomainError
from huis.core.service_views import int_or_none

from .. import caching, selectors, services
from ..forms import ProposeForm, ReasonForm, ScheduleForm
from ..matching import Ranking, ranking
from ..models.request import RequestStatus
from ..services.errors import NeedsConfirmation
from .base import CoordinatorMixin, ObjectAccessMixin, ServicePostView

MATCHES_SHOWN = 20
MATCHES_MAX = 1000  # a crafted ?toon= cannot make a page of the whole table


class InboxView(CoordinatorMixin, View):
    def get(self, request):
        status = request.GET.get("status", "")
        if status not in RequestStatus.values:
            status = ""
        after = parse_cursor(request.GET.get("na", ""))

        def draw() -> tuple[str, str]:
            rows, has_more = selectors.requests_inbox(user=request.user, status=status, after=after)
            table_rows = render_to_string(
                "ervaringsdeskundigen/coordinator/_inbox_rows.html", {"requests": rows}
            )
            return table_rows, make_cursor(rows[-1].created_at, rows[-1].pk) if has_more else ""

        if is_coordinator.test(request.user):
            # Every coordinator sees every request: the rows as written are kept under the
            # requests' version (see ..caching), so the next view after any change of a request,
            # its kind of work or its handler's name draws them anew.
            cursor = make_cursor(*after) if after else ""
            table_rows, next_cursor = caching.INBOX.get_or_set(
                status, cursor, get_language(), compute=draw
            )
        else:
            table_rows, next_cursor = draw()
        next_url = ""
        if next_cursor:
            query = request.GET.copy()
            query["na"] = next_cursor
            next_url = "?" + query.urlencode()
        return render(
            request,
            "ervaringsdeskundigen/coordinator/inbox.html",
            {
                "table_rows": mark_safe(table_rows),  # our own template's output
                "status": status,
                "statuses": RequestStatus.choices,
                "next_url": next_url,
            },
        )


def _shown_matches(request) -> int:
    """How many of the ranked experts to show: the best ones, more on asking (?toon=80)."""
    try:
        shown = int(request.GET.get("toon", MATCHES_SHOWN))
    except ValueError:
        shown = MATCHES_SHOWN
    return min(max(shown, MATCHES_SHOWN), MATCHES_MAX)


def _detail_context(request, expert_request, *, loaded: bool = False, **extra) -> dict:
    if not loaded:  # after a change, read it again with what the page shows
        expert_request = selectors.request_for_detail(request_id=expert_request.pk)
    shown = _shown_matches(request)
    # The whole pool is ranked; only the best ones are shown and described (a page of
    # hundreds helps nobody), with a link to show more.
    ranked = (
        ranking(request=expert_request, limit=shown)
        if expert_request.status in (RequestStatus.IN_PROGRESS, RequestStatus.PROPOSED)
        else Ranking(matches=[], total=0)
    )
    more_url = ""
    if ranked.total > len(ranked.matches) and shown < MATCHES_MAX:
        query = request.GET.copy()
        query["toon"] = shown + MATCHES_SHOWN
        more_url = (
            reverse("ervaringsdeskundigen:request_detail", args=[expert_request.pk])
            + f"?{query.urlencode()}#match-heading"
        )
    # The buttons come from the same rules the services apply (services.transitions).
    actions = services.request_actions(request=expert_request, user=request.user)
    context = {
        "expert_request": expert_request,
        "ranking": ranked,
        "matches": ranked.matches,
        "matches_total": ranked.total,
        "more_matches_url": more_url,
        "schedule_form": ScheduleForm(
            initial={"duration_minutes": expert_request.duration_minutes}
        ),
        # Two forms with the same field on one page: their own ids, so each label names its box.
        "decline_form": ReasonForm(auto_id="id_decline_%s"),
        "cancel_form": ReasonForm(auto_id="id_cancel_%s"),
        "can_take": actions.take,
        "can_schedule": actions.schedule,
        "can_decline": actions.decline,
        "can_cancel": actions.cancel,
        "can_mark_done": actions.mark_done,
        "confirm_needed": False,
        "evaluation": getattr(expert_request, "evaluation", None),  # read with the request
        "organisation_query": request.GET.get("organisatie", "")[:100],
        "organisation_results": selectors.organisations_matching(
            user=request.user, text=request.GET.get("organisatie", "")
        ),
    }
    context.update(extra)
    return context


class RequestDetailView(CoordinatorMixin, View):
    # The page's request comes from the cache (selectors.request_for_detail), not a queryset,
    # so it is authorised with the same rule ObjectAccessMixin applies (huis.accounts.access).
    def get(self, request, pk: int):
        expert_request = authorise(
            request.user,
            selectors.request_for_detail(request_id=pk),
            view_perm="ervaringsdeskundigen.view_request",
        )
        log_action(
            actor=request.user, action="ervaringsdeskundigen.request.viewed", obj=expert_request
        )
        return render(
            request,
            "ervaringsdeskundigen/coordinator/request.html",
            _detail_context(request, expert_request, loaded=True),
        )


class _RequestActionView(CoordinatorMixin, ObjectAccessMixin, ServicePostView):
    """One POST per change of a request; each calls one service. A warning that needs a
    coordinator's confirmation shows the request's page again with the box to tick (409)."""

    view_perm = "ervaringsdeskundigen.view_request"

    def get_object_queryset(self):
        return selectors.requests_for(user=self.request.user)

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:request_detail", args=[self.object.pk])

    def refused(self, error: DomainError) -> HttpResponse:
        if not isinstance(error, NeedsConfirmation):
            return super().refused(error)
        messages.warning(self.request, error.message)
        return render(
            self.request,
            "ervaringsdeskundigen/coordinator/request.html",
            _detail_context(self.request, self.object, confirm_needed=True),
            status=error.status,
        )


class RequestTakeView(_RequestActionView):
    success_message = gettext_lazy("You handle this request now.")

    def perform(self, data):
        services.request_take(request=self.object, actor=self.request.user)


class RequestScheduleView(_RequestActionView):
    form_class = ScheduleForm
    invalid_message = gettext_lazy("Give a day, a start time and a duration.")
    success_message = gettext_lazy("The date and time are saved.")

    def perform(self, data):
        services.request_schedule(
            request=self.object,
            starts_at=ScheduleForm.moment(data),
            duration_minutes=data["duration_minutes"],
            actor=self.request.user,
        )


class RequestProposeView(_RequestActionView):
    form_class = ProposeForm
    invalid_message = gettext_lazy("Choose at least one expert.")

    def perform(self, data):
        created = services.request_propose_experts(
            request=self.object,
            experts=list(data["experts"]),
            actor=self.request.user,
            confirm_warnings=data["confirm"],
        )
        self.success_message = ngettext(
            "Proposed to %(count)s expert. They get an email.",
            "Proposed to %(count)s experts. They get an email.",
            len(created),
        ) % {"count": len(created)}


class RequestDeclineView(_RequestActionView):
    success_message = gettext_lazy("The request is declined. The organisation gets an email.")

    def perform(self, data):
        services.request_decline(
            request=self.object,
            actor=self.request.user,
            reason=self.request.POST.get("reason", ""),
        )


class RequestCancelView(_RequestActionView):
    success_message = gettext_lazy("The request is cancelled. Everyone involved gets an email.")

    def perform(self, data):
        services.request_cancel(
            request=self.object,
            actor=self.request.user,
            reason=self.request.POST.get("reason", ""),
        )


class RequestDoneView(_RequestActionView):
    success_message = gettext_lazy("Done. The organisation gets the evaluation form.")

    def perform(self, data):
        services.request_mark_done(request=self.object, actor=self.request.user)


class RequestLinkOrganisationView(_RequestActionView):
    def perform(self, data):
        organisation = (
            selectors.organisations_for(user=self.request.user)
            .filter(pk=int_or_none(self.request.POST.get("organisation")))
            .first()
        )
        if organisation is None:
            raise services.ExpertsError(
                _("Choose an organisation from the list."), field="organisation"
            )
        services.request_link_organisation(
            request=self.object, organisation=organisation, actor=self.request.user
        )
        self.success_message = _("The request is linked to %(name)s.") % {"name": organisation.name}


class RequestUnlinkOrganisationView(_RequestActionView):
    success_message = gettext_lazy("The request is no longer linked to an organisation.")

    def perform(self, data):
        services.request_unlink_organisation(request=self.object, actor=self.request.user)


class RequestCreateOrganisationView(_RequestActionView):
    def perform(self, data):
        organisation = services.request_create_organisation(
            request=self.object, actor=self.request.user
        )
        self.success_message = _(
            "%(name)s is now an organisation in the portal, linked to this request."
        ) % {"name": organisation.name}


class OrganisationRequestsView(CoordinatorMixin, ObjectAccessMixin, TemplateView):
    """All requests of one organisation of the portal, newest first."""

    view_perm = "ervaringsdeskundigen.manage"
    template_name = "ervaringsdeskundigen/coordinator/organisation_requests.html"

    def get_object_queryset(self):
        return selectors.organisations_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        rows, has_more = selectors.organisation_requests(
            user=self.request.user,
            organisation=self.object,
            after=parse_cursor(self.request.GET.get("na", "")),
        )
        next_url = ""
        if has_more:
            next_url = "?na=" + make_cursor(rows[-1].created_at, rows[-1].pk)
        return {"organisation": self.object, "requests": rows, "next_url": next_url}


class AssignmentWithdrawView(CoordinatorMixin, ObjectAccessMixin, ServicePostView):
    view_perm = "ervaringsdeskundigen.view_assignment"
    success_message = gettext_lazy("Withdrawn. The expert gets an email.")

    def get_object_queryset(self):
        return selectors.assignments_for(user=self.request.user)

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:request_detail", args=[self.object.request_id])

    def perform(self, data):
        services.assignment_withdraw(assignment=self.object, actor=self.request.user)
