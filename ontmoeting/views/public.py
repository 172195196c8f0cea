"""The public agenda, activity pages, signing up and the signed links in emails.

All of it works with plain HTML forms; nothing needs JavaScript.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.content_language import local_text
from huis.core.cursors import make_cursor, parse_cursor
from huis.core.errors import DomainError
from huis.core.pagecache import cached_page, prepare_page
from huis.core.ratelimit import rate_limited
from huis.core.registry import STAFF_SCOPE, agenda_entries_for, staff_of
from huis.core.service_views import ServicePostView, refuse
from huis.core.share import house_place_text, share_meta, when_text
from huis.facts.schema import event_location
from huis.facts.selectors import house_facts
from huis.places.models import PlaceClaim
from huis.places.selectors import claims_of
from huis.places.services import PlaceError, claim_from_token, offers_expire_if_due

from .. import selectors, services
from ..forms import AccountSignUpForm, AgendaFilterForm, GuestSignUpForm
from ..ics import calendar
from ..mine import mine_page
from ..models import Activity

# What the public programme pages show: cached for anonymous visitors until one of these changes.
PROGRAMME = ("ontmoeting", "places", STAFF_SCOPE)  # STAFF_SCOPE: the volunteers on it


class AgendaView(TemplateView):
    template_name = "ontmoeting/agenda.html"
    page_cache_scopes = PROGRAMME  # served early to visitors without a session (pagecache)

    def get(self, request, *args, **kwargs):
        return cached_page(
            request,
            scopes=self.page_cache_scopes,
            render=lambda: super(AgendaView, self).get(request),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AgendaFilterForm(self.request.GET or None, weeks=selectors.weeks_ahead())
        filters = selectors.AgendaFilters()
        wanted_access: list[str] = []
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            wanted_access = data["toegankelijk"]
            filters = selectors.AgendaFilters(
                week=data["week"],
                category=data["category"],
                places_left=data["places_left"],
                query=data["q"].strip(),
                access=tuple(wanted_access),
                after=parse_cursor(self.request.GET.get("na", "")),
            )
        activities, has_more = selectors.agenda(user=self.request.user, filters=filters)
        next_url = ""
        if has_more:
            query = self.request.GET.copy()
            query["na"] = make_cursor(activities[-1].starts_at, activities[-1].pk)
            next_url = "?" + query.urlencode()
        context.update(
            form=form,
            activities=activities,
            next_url=next_url,
            is_later_page=filters.after is not None,
            filtered=any([filters.week, filters.category, filters.places_left, filters.query])
            or bool(wanted_access),
            open_hours=selectors.open_hours(),
            share=share_meta(
                self.request,
                title=_("Agenda"),
                description=_(
                    "What is on in the house: activities, and when you can just walk in."
                ),
            ),
        )
        return context


def _json_ld(activity: Activity) -> str:
    """schema.org Event, so search engines and calendars understand the activity."""
    status = {
        Activity.Status.CANCELLED: "https://schema.org/EventCancelled",
    }.get(activity.status, "https://schema.org/EventScheduled")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": local_text(activity, "title").text,
        "description": local_text(activity, "summary").text,
        "startDate": timezone.localtime(activity.starts_at).isoformat(),
        "endDate": timezone.localtime(activity.ends_at).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": settings.SITE_URL + activity.get_absolute_url(),
        "isAccessibleForFree": activity.is_free,
        "location": event_location(
            room_name=local_text(activity.room, "name").text if activity.room_id else "",
            outside="" if activity.room_id else activity.location,
        ),
        "organizer": {"@type": "Organization", "name": house_facts().name},
    }
    if not activity.is_free:
        data["offers"] = {"@type": "Offer", "price": str(activity.price), "priceCurrency": "EUR"}
    if activity.offering and activity.offering.capacity is not None:
        data["maximumAttendeeCapacity"] = activity.offering.capacity
        data["remainingAttendeeCapacity"] = activity.offering.places_left
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))


def _activity_context(request: HttpRequest, activity: Activity, form=None) -> dict:
    offering = activity.offering
    max_places = offering.max_places_per_claim if offering else 1
    if form is None:
        form_class = AccountSignUpForm if request.user.is_authenticated else GuestSignUpForm
        form = form_class(max_places=max_places)
    own = selectors.own_claim(user=request.user, activity=activity)
    now = timezone.now()
    can_sign_up = services.sign_up_refusal(activity, now=now) is None
    return {
        "activity": activity,
        "offering": offering,
        "form": form,
        "own_claim": own,
        "can_sign_up": can_sign_up,
        "sign_up_not_yet": bool(offering and offering.opens_at and offering.opens_at > now),
        "json_ld": _json_ld(activity),
        "leaders": [leader.display_name for leader in activity.leaders.all()],
        # Volunteers of the roster on this activity (first names only: a public page).
        "volunteers": staff_of(activity),
        "share": share_meta(
            request,
            title=local_text(activity, "title").text,
            description=" · ".join(
                [
                    when_text(activity.starts_at, activity.ends_at),
                    house_place_text(
                        room_name=local_text(activity.room, "name").text
                        if activity.room_id
                        else "",
                        outside="" if activity.room_id else activity.location,
                    ),
                    local_text(activity, "summary").text,
                ]
            ),
            type="article",
            path=activity.get_absolute_url(),
        ),
    }


def _get_activity(request: HttpRequest, pk: int) -> Activity:
    activity = selectors.activity_for_page(user=request.user, pk=pk)
    if activity is None:
        raise Http404
    return activity


class ActivityView(TemplateView):
    template_name = "ontmoeting/activity.html"
    page_cache_scopes = PROGRAMME

    @staticmethod
    def page_cache_prepare(versions: dict[str, int] | None = None) -> bool:
        """A lapsed offer must not keep a place from the page, cached or not: True when one was
        freed (a stored copy is old then)."""
        return offers_expire_if_due(places_version=(versions or {}).get("places")) > 0

    def get(self, request, *args, pk: int, slug: str, **kwargs):
        prepare_page(request, self.page_cache_prepare)

        def render_page() -> HttpResponse:
            activity = _get_activity(request, pk)
            if slug != activity.slug:
                return redirect(activity, permanent=True)
            return render(request, self.template_name, _activity_context(request, activity))

        return cached_page(request, scopes=self.page_cache_scopes, render=render_page)


@method_decorator(rate_limited("ontmoeting.sign_up", rate="10/m"), name="dispatch")
class SignUpView(View):
    """Sign up: with an account in one click, or as a guest with a name and email or phone."""

    http_method_names = ["post"]

    def post(self, request, pk: int, slug: str):
        activity = selectors.activity_for_sign_up(user=request.user, pk=pk)
        if activity is None:
            raise Http404
        user = request.user if request.user.is_authenticated else None
        max_places = activity.offering.max_places_per_claim if activity.offering else 1
        form_class = AccountSignUpForm if user else GuestSignUpForm
        form = form_class(request.POST, max_places=max_places)
        if not form.is_valid():
            activity = _get_activity(request, pk)
            context = _activity_context(request, activity, form=form)
            return render(request, "ontmoeting/activity.html", context, status=400)
        data = form.cleaned_data
        places_wanted = data.get("places") or 1
        language = translation.get_language() or "nl"
        try:
            if user:
                claim = services.registration_create(
                    activity=activity,
                    actor=user,
                    user=user,
                    places_wanted=places_wanted,
                    language=language,
                )
                has_place = claim.status == PlaceClaim.Status.CONFIRMED
            else:
                has_place = services.registration_create_as_guest(
                    activity=activity,
                    name=data["name"],
                    email=data.get("email", ""),
                    phone=data.get("phone", ""),
                    places_wanted=places_wanted,
                    language=language,
                )
        except DomainError as exc:
            messages.error(request, exc.message)
            activity = _get_activity(request, pk)
            context = _activity_context(request, activity, form=form)
            return render(request, "ontmoeting/activity.html", context, status=400)
        if has_place:
            messages.success(request, _("You are signed up. See you soon!"))
        else:
            messages.info(
                request, _("The activity is full. You are on the waiting list. We will tell you.")
            )
        if user:
            return redirect("ontmoeting:mine")
        # A guest's own link comes by email or text message, never on this page: the answer to
        # a sign-up with an address that was already signed up must look exactly the same.
        return redirect("ontmoeting:signed_up", pk=activity.pk, slug=activity.slug)


class SignedUpView(TemplateView):
    """After a guest's sign-up: the link to see or cancel it is on its way."""

    template_name = "ontmoeting/signed_up.html"

    def get_context_data(self, **kwargs):
        activity = _get_activity(self.request, kwargs["pk"])
        return super().get_context_data(activity=activity, **kwargs)


class ActivityIcsView(View):
    def get(self, request, pk: int, slug: str):
        activity = _get_activity(request, pk)
        response = HttpResponse(
            calendar([activity], name=activity.title), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{activity.slug}.ics"'
        return response


# --- The signed link in emails: see, cancel, accept, without logging in -----------------------


class _TokenMixin:
    def claim_or_refuse(self, request, token: str):
        try:
            claim = claim_from_token(token=token)
        except PlaceError as exc:
            return None, None, refuse(request, exc.message, back=reverse("ontmoeting:home"))
        # A signed link of another function (a course's enrolment) is not an activity's.
        if not claims_of(holder_model=Activity).filter(pk=claim.pk).exists():
            raise Http404
        return claim, services.activity_of(claim), None


class ManageView(_TokenMixin, View):
    def get(self, request, token: str):
        offers_expire_if_due()
        claim, activity, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        return render(
            request,
            "ontmoeting/manage.html",
            {"claim": claim, "activity": activity, "token": token},
        )


@method_decorator(rate_limited("ontmoeting.manage", rate="20/m"), name="dispatch")
class ManageCancelView(_TokenMixin, View):
    """ "I can't come" / leave the waiting list, from the email. The place goes to the next
    person at once. A button on the page, not the link itself, does it: mail scanners open
    links, and must not cancel anyone's place."""

    http_method_names = ["post"]

    def post(self, request, token: str):
        claim, _activity, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        back = reverse("ontmoeting:manage", kwargs={"token": token})
        try:
            was_waiting = claim.status == PlaceClaim.Status.WAITING
            services.registration_cancel(claim=claim, actor=request.user)
        except DomainError as exc:
            return refuse(request, exc.message, back=back)
        if was_waiting:
            messages.success(request, _("You are no longer on the waiting list."))
        else:
            messages.success(request, _("Your place is cancelled. Thank you for letting us know."))
        return redirect(back)


@method_decorator(rate_limited("ontmoeting.manage", rate="20/m"), name="dispatch")
class ManageAcceptView(_TokenMixin, View):
    http_method_names = ["post"]

    def post(self, request, token: str):
        claim, _activity, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        back = reverse("ontmoeting:manage", kwargs={"token": token})
        try:
            services.registration_accept_offer(claim=claim, actor=request.user)
        except DomainError as exc:
            return refuse(request, exc.message, back=back)
        messages.success(request, _("The place is yours. See you soon!"))
        return redirect(back)


# --- My activities ----------------------------------------------------------------------------


class MyActivitiesView(PermissionRequiredMixin, TemplateView):
    template_name = "ontmoeting/mine.html"
    permission_required = "ontmoeting.view_own_registrations"

    def get_context_data(self, **kwargs):
        offers_expire_if_due()
        context = super().get_context_data(**kwargs)
        # The person's sign-ups, drawn once and kept until one of them or its activity changes.
        claims = selectors.my_claims(user=self.request.user)
        context["mine"] = mine_page(self.request, claims)
        # Appointments other functions hold for this person (a volunteer's shifts), found among
        # the same places: no query for a person without any.
        context["elsewhere"] = agenda_entries_for(self.request.user, claims=claims)
        return context


class _OwnClaimPostView(ObjectAccessMixin, ServicePostView):
    """A change to one of my sign-ups for an activity: only an activity's claims are found here
    (a course's enrolment is cancelled through herstelacademie's own rules)."""

    view_perm = "ontmoeting.view_registration"
    change_perm = "ontmoeting.change_registration"

    def get_object_queryset(self):
        return claims_of(holder_model=Activity)

    def get_success_url(self) -> str:
        return reverse("ontmoeting:mine")


class MyCancelView(_OwnClaimPostView):
    success_message = _lazy("Cancelled. Thank you for letting us know.")

    def perform(self, data: dict) -> None:
        services.registration_cancel(claim=self.object, actor=self.request.user)


class MyAcceptView(_OwnClaimPostView):
    success_message = _lazy("The place is yours. See you soon!")

    def perform(self, data: dict) -> None:
        services.registration_accept_offer(claim=self.object, actor=self.request.user)
