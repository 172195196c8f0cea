"""The coordinators' pages: the inbox, a request with its ranked experts, the pool of experts,
the planning board, reports and allowances, intervision sessions."""

import calendar
import csv
import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from huis.accounts.access import authorise
from huis.accounts.mixins import PermissionRequiredMixin
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.csv import csv_safe
from huis.places.models import PlaceClaim

from .. import caching, selectors, services
from ..forms import (
    AllowanceModeForm,
    ApproveForm,
    ExpertCreateForm,
    ExpertForm,
    IntervisionForm,
    ProposeForm,
    ReasonForm,
    ReturnReportForm,
    ScheduleForm,
)
from ..matching import Ranking, ranking
from ..models import AllowanceYear
from ..models.request import RequestStatus
from ..permissions import fetch_assignment, fetch_expert, fetch_intervision, fetch_request
from ..services.errors import NeedsConfirmation
from .common import make_cursor, parse_cursor, refuse


class CoordinatorMixin(PermissionRequiredMixin):
    permission_required = "ervaringsdeskundigen.manage"


class InboxView(CoordinatorMixin, View):
    def get(self, request):
        status = request.GET.get("status", "")
        if status not in RequestStatus.values:
            status = ""
        rows, has_more = selectors.requests_inbox(
            user=request.user, status=status, after=parse_cursor(request.GET.get("na", ""))
        )
        next_url = ""
        if has_more:
            query = request.GET.copy()
            query["na"] = make_cursor(rows[-1].created_at, rows[-1].pk)
            next_url = "?" + query.urlencode()
        return render(
            request,
            "ervaringsdeskundigen/coordinator/inbox.html",
            {
                "requests": rows,
                "status": status,
                "statuses": RequestStatus.choices,
                "next_url": next_url,
            },
        )


MATCHES_SHOWN = 20
MATCHES_MAX = 1000  # a crafted ?toon= cannot make a page of the whole table
BOARD_ROWS = 40


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
        "can_take": expert_request.is_open and expert_request.handler_id != request.user.pk,
        "can_schedule": expert_request.status in (RequestStatus.NEW, RequestStatus.IN_PROGRESS),
        "can_decline": expert_request.status in (RequestStatus.NEW, RequestStatus.IN_PROGRESS),
        "can_cancel": expert_request.is_open,
        "can_mark_done": expert_request.status == RequestStatus.CONFIRMED
        and expert_request.ends_at is not None
        and expert_request.ends_at <= timezone.now(),
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


class _RequestActionView(CoordinatorMixin, View):
    """One POST per change of a request; each calls one service."""

    http_method_names = ["post"]
    done = ""

    def act(self, request, expert_request):
        raise NotImplementedError

    def post(self, request, pk: int):
        expert_request = fetch_request(request.user, pk)
        back = reverse("ervaringsdeskundigen:request_detail", args=[pk])
        try:
            result = self.act(request, expert_request)
        except NeedsConfirmation as exc:
            messages.warning(request, str(exc))
            return render(
                request,
                "ervaringsdeskundigen/coordinator/request.html",
                _detail_context(request, expert_request, confirm_needed=True),
                status=409,
            )
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        if isinstance(result, HttpResponse):
            return result
        messages.success(request, self.done)
        return redirect(back)


class RequestTakeView(_RequestActionView):
    def act(self, request, expert_request):
        services.request_take(request=expert_request, actor=request.user)
        self.done = _("You handle this request now.")


class RequestScheduleView(_RequestActionView):
    def act(self, request, expert_request):
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            raise services.ExpertsError(_("Give a day, a start time and a duration."))
        services.request_schedule(
            request=expert_request,
            starts_at=form.starts_at(),
            duration_minutes=form.cleaned_data["duration_minutes"],
            actor=request.user,
        )
        self.done = _("The date and time are saved.")


class RequestProposeView(_RequestActionView):
    def act(self, request, expert_request):
        form = ProposeForm(request.POST)
        if not form.is_valid():
            raise services.ExpertsError(_("Choose at least one expert."))
        created = services.request_propose_experts(
            request=expert_request,
            experts=list(form.cleaned_data["experts"]),
            actor=request.user,
            confirm_warnings=form.cleaned_data["confirm"],
        )
        self.done = _("Proposed to %(count)s experts. They get an email.") % {"count": len(created)}


class RequestDeclineView(_RequestActionView):
    def act(self, request, expert_request):
        services.request_decline(
            request=expert_request, actor=request.user, reason=request.POST.get("reason", "")
        )
        self.done = _("The request is declined. The organisation gets an email.")


class RequestCancelView(_RequestActionView):
    def act(self, request, expert_request):
        services.request_cancel(
            request=expert_request, actor=request.user, reason=request.POST.get("reason", "")
        )
        self.done = _("The request is cancelled. Everyone involved gets an email.")


class RequestDoneView(_RequestActionView):
    def act(self, request, expert_request):
        services.request_mark_done(request=expert_request, actor=request.user)
        self.done = _("Done. The organisation gets the evaluation form.")


class RequestLinkOrganisationView(_RequestActionView):
    def act(self, request, expert_request):
        organisation = Organisation.objects.filter(pk=request.POST.get("organisation") or 0).first()
        if organisation is None:
            raise services.ExpertsError(_("Choose an organisation from the list."))
        services.request_link_organisation(
            request=expert_request, organisation=organisation, actor=request.user
        )
        self.done = _("The request is linked to %(name)s.") % {"name": organisation.name}


class RequestUnlinkOrganisationView(_RequestActionView):
    def act(self, request, expert_request):
        services.request_unlink_organisation(request=expert_request, actor=request.user)
        self.done = _("The request is no longer linked to an organisation.")


class RequestCreateOrganisationView(_RequestActionView):
    def act(self, request, expert_request):
        organisation = services.request_create_organisation(
            request=expert_request, actor=request.user
        )
        self.done = _("%(name)s is now an organisation in the portal, linked to this request.") % {
            "name": organisation.name
        }


class OrganisationRequestsView(CoordinatorMixin, View):
    """All requests of one organisation of the portal, newest first."""

    def get(self, request, pk: int):
        organisation = get_object_or_404(Organisation, pk=pk)
        rows, has_more = selectors.organisation_requests(
            user=request.user,
            organisation=organisation,
            after=parse_cursor(request.GET.get("na", "")),
        )
        next_url = ""
        if has_more:
            next_url = "?na=" + make_cursor(rows[-1].created_at, rows[-1].pk)
        return render(
            request,
            "ervaringsdeskundigen/coordinator/organisation_requests.html",
            {"organisation": organisation, "requests": rows, "next_url": next_url},
        )


class AssignmentWithdrawView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk)
        back = reverse("ervaringsdeskundigen:request_detail", args=[assignment.request_id])
        try:
            services.assignment_withdraw(assignment=assignment, actor=request.user)
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("Withdrawn. The expert gets an email."))
        return redirect(back)


def audit_profile_read(request, expert, *, page: str) -> None:
    """An expert's profile is sensitive: every read by someone other than the expert is in the
    audit trail (issue 10)."""
    if expert.user_id == request.user.pk:
        return
    log_action(
        actor=request.user,
        action="ervaringsdeskundigen.profile_viewed",
        obj=expert,
        subject=expert.user,
        data={"page": page},
    )


class ExpertListView(CoordinatorMixin, View):
    def get(self, request):
        return render(
            request,
            "ervaringsdeskundigen/coordinator/experts.html",
            {"experts": selectors.experts_list(user=request.user)},
        )


class ExpertDetailView(CoordinatorMixin, View):
    def get(self, request, pk: int):
        expert = fetch_expert(request.user, pk)
        audit_profile_read(request, expert, page="detail")
        year = timezone.localdate().year
        expert_year = AllowanceYear.objects.filter(expert=expert, year=year).first()
        return render(
            request,
            "ervaringsdeskundigen/coordinator/expert.html",
            {
                "expert": expert,
                "year": year,
                "totals": selectors.year_totals(expert=expert, year=year),
                "mode_form": AllowanceModeForm(
                    initial={"mode": expert_year.mode if expert_year else "flat"}
                ),
                "availability": expert.availability.all(),
                "absences": expert.absences.filter(ends_on__gte=timezone.localdate()),
                "assignments": expert.assignments.select_related("request").order_by("-starts_at")[
                    :20
                ],
            },
        )


class ExpertUpdateView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/expert_form.html"

    def get(self, request, pk: int):
        expert = fetch_expert(request.user, pk, change=True)
        audit_profile_read(request, expert, page="edit")
        return render(
            request, self.template_name, {"expert": expert, "form": ExpertForm(instance=expert)}
        )

    def post(self, request, pk: int):
        expert = fetch_expert(request.user, pk, change=True)
        form = ExpertForm(request.POST, instance=expert)
        if not form.is_valid():
            context = {"expert": expert, "form": form}
            return render(request, self.template_name, context, status=400)
        services.expert_update(expert=expert, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The profile is saved."))
        return redirect("ervaringsdeskundigen:expert_detail", pk=pk)


class ExpertCreateView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/expert_create.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ExpertCreateForm()})

    def post(self, request):
        form = ExpertCreateForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        try:
            expert = services.expert_create(user=form.cleaned_data["user"], actor=request.user)
        except services.ExpertsError as exc:
            form.add_error("user", str(exc))
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(request, _("The profile is made. Fill it in together with the expert."))
        return redirect("ervaringsdeskundigen:expert_update", pk=expert.pk)


class AllowanceModeView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        expert = fetch_expert(request.user, pk, change=True)
        back = reverse("ervaringsdeskundigen:expert_detail", args=[pk])
        form = AllowanceModeForm(request.POST)
        if not form.is_valid():
            return refuse(request, _("Choose how the expert is paid."), back=back)
        try:
            services.allowance_year_update(
                expert=expert,
                year=timezone.localdate().year,
                actor=request.user,
                mode=form.cleaned_data["mode"],
            )
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("Saved."))
        return redirect(back)


def _board_period(request) -> tuple[str, dt.date, int]:
    view = "maand" if request.GET.get("weergave") == "maand" else "week"
    try:
        day = dt.date.fromisoformat(request.GET.get("van", ""))
    except ValueError:
        day = timezone.localdate()
    if view == "maand":
        start = day.replace(day=1)
        return view, start, calendar.monthrange(start.year, start.month)[1]
    return view, day - dt.timedelta(days=day.weekday()), 7


class BoardView(CoordinatorMixin, View):
    def get(self, request):
        view, start, days = _board_period(request)
        # Rows per expert, a page at a time: a month of hundreds of experts is read in pages.
        try:
            page = max(int(request.GET.get("pagina", "1")), 1)
        except ValueError:
            page = 1
        day_list = [start + dt.timedelta(days=i) for i in range(days)]

        # The rows as written, kept under the versions of the pool and the requests (see
        # ..caching): the next view after any change of an assignment, expert or request
        # draws them anew.
        def draw() -> tuple[str, int, int]:
            board = selectors.planning_board(start=start, days=days, page=page, per_page=BOARD_ROWS)
            table_rows = render_to_string(
                "ervaringsdeskundigen/coordinator/_board_rows.html",
                {"rows": board.rows, "days": day_list},
            )
            return table_rows, board.page, board.pages

        table_rows, page, pages = caching.BOARD.get_or_set(
            start.isoformat(), days, page, BOARD_ROWS, get_language(), compute=draw
        )
        query = request.GET.copy()
        page_urls = {}
        for name, number in (("previous_page", page - 1), ("next_page", page + 1)):
            if 1 <= number <= pages:
                query["pagina"] = number
                page_urls[name] = "?" + query.urlencode()
        step = dt.timedelta(days=days if view == "week" else 1)
        previous = (
            (start - dt.timedelta(days=1)).replace(day=1) if view == "maand" else start - step
        )
        following = start + dt.timedelta(days=days)
        return render(
            request,
            "ervaringsdeskundigen/coordinator/board.html",
            {
                "table_rows": mark_safe(table_rows),  # our own template's output
                "view": view,
                "start": start,
                "end": start + dt.timedelta(days=days - 1),
                "days": day_list,
                "previous": previous.isoformat(),
                "following": following.isoformat(),
                "page": page,
                "pages": pages,
                **page_urls,
            },
        )


class ReportsView(CoordinatorMixin, View):
    def get(self, request):
        today = timezone.localdate()
        return render(
            request,
            "ervaringsdeskundigen/coordinator/reports.html",
            {
                "reports": selectors.reports_waiting(user=request.user),
                "this_month": today,
                "last_month": (today.replace(day=1) - dt.timedelta(days=1)),
            },
        )


class ApproveView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/approve.html"

    def _context(self, assignment, form):
        try:
            quote = services.allowance_quote(assignment=assignment)
            problem = ""
        except services.ExpertsError as exc:
            quote, problem = None, str(exc)
        return {
            "assignment": assignment,
            "quote": quote,
            "problem": problem,
            "form": form,
            "return_form": ReturnReportForm(),
            "history": selectors.report_history(assignment=assignment),
        }

    def get(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk)
        return render(request, self.template_name, self._context(assignment, ApproveForm()))

    def post(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk)
        form = ApproveForm(request.POST)
        form.is_valid()
        try:
            services.assignment_approve(
                assignment=assignment,
                actor=request.user,
                confirm=bool(form.cleaned_data.get("confirm")),
            )
        except NeedsConfirmation as exc:
            form.add_error("confirm", str(exc))
            return render(request, self.template_name, self._context(assignment, form), status=409)
        except services.ExpertsError as exc:
            back = reverse("ervaringsdeskundigen:reports")
            return refuse(request, str(exc), back=back)
        messages.success(request, _("Approved."))
        return redirect("ervaringsdeskundigen:reports")


class ReturnReportView(CoordinatorMixin, View):
    """Send a report back to the expert with what to correct."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk)
        back = reverse("ervaringsdeskundigen:approve", args=[pk])
        form = ReturnReportForm(request.POST)
        if not form.is_valid():
            return refuse(request, _("Say what the expert should correct."), back=back)
        try:
            services.assignment_return_report(
                assignment=assignment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("The report is sent back. The expert gets an email."))
        return redirect("ervaringsdeskundigen:reports")


def _year_from(value: int) -> int:
    return value if 2000 <= value <= 2100 else timezone.localdate().year


class RegisterView(CoordinatorMixin, View):
    """The yearly register of one expert: each day with its amount."""

    def get(self, request, pk: int, year: int):
        expert = fetch_expert(request.user, pk)
        year = _year_from(year)
        rows = selectors.year_register(expert=expert, year=year)
        log_action(
            actor=request.user,
            action="ervaringsdeskundigen.register.viewed",
            obj=expert,
            subject=expert.user,
            data={"year": year},
        )
        if request.GET.get("formaat") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="register-{pk}-{year}.csv"'
            response.write("\ufeff")
            writer = csv.writer(response, delimiter=";")
            writer.writerow(
                [
                    _("Day"),
                    _("Organisation"),
                    _("Flat-rate allowance"),
                    _("Km"),
                    _("Travel"),
                    _("Real costs"),
                    _("Total"),
                ]
            )
            for a in rows:
                writer.writerow(
                    [
                        formats.date_format(timezone.localtime(a.starts_at), "SHORT_DATE_FORMAT"),
                        csv_safe(a.request.organisation_name),
                        a.flat_amount,
                        a.km_paid,
                        a.km_amount,
                        a.costs_amount,
                        a.total_amount,
                    ]
                )
            return response
        return render(
            request,
            "ervaringsdeskundigen/coordinator/register.html",
            {
                "expert": expert,
                "year": year,
                "rows": rows,
                "totals": selectors.year_totals(expert=expert, year=year),
            },
        )


class PayoutsCsvView(CoordinatorMixin, View):
    """The monthly payout list for the administration (everything approved that month)."""

    def get(self, request, year: int, month: int):
        if not 1 <= month <= 12:
            month = timezone.localdate().month
        year = _year_from(year)
        rows = selectors.month_payouts(year=year, month=month)
        log_action(
            actor=request.user,
            action="ervaringsdeskundigen.payouts.exported",
            data={"year": year, "month": month},
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="uitbetaling-{year}-{month:02d}.csv"'
        )
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Expert"),
                _("Email address"),
                _("Day"),
                _("Organisation"),
                _("Hours"),
                _("Flat-rate allowance"),
                _("Km"),
                _("Travel"),
                _("Real costs"),
                _("Total"),
            ]
        )
        for a in rows.iterator(chunk_size=500):
            writer.writerow(
                [
                    csv_safe(a.expert.user.display_name if a.expert else "—"),
                    csv_safe(a.expert.user.email if a.expert else ""),
                    formats.date_format(timezone.localtime(a.starts_at), "SHORT_DATE_FORMAT"),
                    csv_safe(a.request.organisation_name),
                    a.hours,
                    a.flat_amount,
                    a.km_paid,
                    a.km_amount,
                    a.costs_amount,
                    a.total_amount,
                ]
            )
        return response


class IntervisionCreateView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/intervision_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": IntervisionForm()})

    def post(self, request):
        form = IntervisionForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        starts_at, ends_at = form.moments()
        data = form.cleaned_data
        try:
            services.intervision_create(
                title=data["title"],
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=data["capacity"],
                place=data["place"],
                description=data["description"],
                actor=request.user,
            )
        except services.ExpertsError as exc:
            form.add_error(None, str(exc))
            return render(request, self.template_name, {"form": form}, status=400)
        messages.success(request, _("The session is planned. Experts can sign up."))
        return redirect("ervaringsdeskundigen:intervision_list")


class IntervisionAttendanceView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/intervision_attendance.html"

    def _claims(self, session):
        return list(
            PlaceClaim.objects.filter(offering_id=session.offering_id)
            .exclude(status__in=["cancelled", "lapsed"])
            .order_by("status", "rank", "id")
        )

    def get(self, request, pk: int):
        session = fetch_intervision(request.user, pk)
        return render(
            request, self.template_name, {"session": session, "claims": self._claims(session)}
        )

    def post(self, request, pk: int):
        session = fetch_intervision(request.user, pk)
        back = reverse("ervaringsdeskundigen:intervision_attendance", args=[pk])
        claim = PlaceClaim.objects.filter(
            offering_id=session.offering_id, pk=request.POST.get("claim") or 0
        ).first()
        if claim is None:
            return refuse(request, _("Choose a person from the list."), back=back)
        try:
            services.intervision_attendance(
                claim=claim, attendance=request.POST.get("attendance", ""), actor=request.user
            )
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("Saved."))
        return redirect(back)
