"""The catalogue, course pages, enrolling and the programme of a term. No JavaScript needed."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.content_language import local_text
from huis.core.errors import DomainError
from huis.core.pagecache import cached_page
from huis.core.service_views import refuse
from huis.core.share import house_place_text, share_meta, when_text
from huis.facts.schema import event_location
from huis.facts.selectors import house_facts

from .. import selectors, services
from ..forms import CatalogueFilterForm, EnrolForm
from ..models import Course, Term
from .pdf import pdf_response

# What the public catalogue and course pages show: cached for anonymous visitors until one of
# these changes (apps.py bumps "herstelacademie"; huis.places bumps "places" with every sign-up).
# Courses hand a freed place on at once (never as an offer that could lapse), so no lapsed offer
# can hold a place here, unlike an activity page.
PUBLIC = ("herstelacademie", "places")


class CatalogueView(TemplateView):
    template_name = "herstelacademie/catalogue.html"
    page_cache_scopes = PUBLIC  # served early to visitors without a session (pagecache)

    def get(self, request, *args, **kwargs):
        return cached_page(
            request,
            scopes=self.page_cache_scopes,
            render=lambda: super(CatalogueView, self).get(request),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CatalogueFilterForm(self.request.GET or None)
        filters = selectors.CatalogueFilters()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            filters = selectors.CatalogueFilters(
                term=data["periode"],
                theme=data["thema"],
                format=data["vorm"],
                places_left=data["places_left"],
                query=data["q"].strip(),
            )
        courses = selectors.catalogue(user=self.request.user, filters=filters)
        context.update(
            form=form,
            courses=courses,
            filtered=any(
                [filters.term, filters.theme, filters.format, filters.places_left, filters.query]
            ),
            terms=selectors.terms(),
            accompanies=selectors.accompanies_someone(user=self.request.user),
            share=share_meta(
                self.request,
                title=_("Courses of the Recovery College"),
                description=_(
                    "Courses about recovery, given by an expert by experience and a professional "
                    "together. Everyone can take part."
                ),
            ),
        )
        return context


def _json_ld(course: Course, sessions: list) -> str:
    """schema.org Course with its sessions as CourseInstances, for search engines."""
    trainers = [{"@type": "Person", "name": t.user.display_name} for t in course.trainers.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": local_text(course, "title").text,
        "description": local_text(course, "summary").text,
        "url": settings.SITE_URL + course.get_absolute_url(),
        "teaches": course.learning_goal_lines,
        "isAccessibleForFree": True,
        "inLanguage": "nl-BE",
        "provider": {"@type": "Organization", "name": house_facts().name},
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "courseMode": "onsite",
                "startDate": timezone.localtime(s.starts_at).isoformat(),
                "endDate": timezone.localtime(s.ends_at).isoformat(),
                "location": event_location(
                    room_name=s.room.name if s.room_id else "",
                    outside="" if s.room_id else s.location,
                ),
                "instructor": trainers,
            }
            for s in sessions
        ],
    }
    if course.offering and course.offering.capacity is not None:
        data["maximumAttendeeCapacity"] = course.offering.capacity
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))


def _course(request: HttpRequest, pk: int) -> Course:
    course = selectors.course_for_page(user=request.user, pk=pk)
    if course is None:
        raise Http404
    return course


def _course_context(request: HttpRequest, course: Course, form=None) -> dict:
    sessions = list(course.sessions.all())
    now = timezone.now()
    term = course.term
    can_enrol = services.enrolment_refusal(course, now=now) is None
    return {
        "course": course,
        "sessions": sessions,
        "trainers": list(course.trainers.all()),
        "offering": course.offering,
        "form": form or EnrolForm(),
        "enrollment": selectors.own_enrollment(user=request.user, course=course),
        "can_enrol": can_enrol,
        "enrol_not_yet": course.is_published and now < term.enrolment_opens_at,
        "json_ld": _json_ld(course, sessions),
        "now": now,
        "share": share_meta(
            request,
            title=local_text(course, "title").text,
            description=" · ".join(_course_share_parts(course, sessions)),
            type="article",
            path=course.get_absolute_url(),
        ),
    }


def _course_share_parts(course: Course, sessions: list) -> list[str]:
    parts = []
    if sessions:
        first = sessions[0]
        when = when_text(first.starts_at, first.ends_at)
        if len(sessions) > 1:
            when = _("%(count)s sessions, the first on %(when)s") % {
                "count": len(sessions),
                "when": when,
            }
        parts.append(when)
        parts.append(
            house_place_text(
                room_name=first.room.name if first.room_id else "",
                outside="" if first.room_id else first.location,
            )
        )
    parts.append(local_text(course, "summary").text)
    return parts


class CourseView(TemplateView):
    template_name = "herstelacademie/course.html"
    page_cache_scopes = PUBLIC

    def get(self, request, *args, pk: int, slug: str, **kwargs):
        def render_page() -> HttpResponse:
            course = _course(request, pk)
            if slug != course.slug:
                return redirect(course, permanent=True)
            return render(request, self.template_name, _course_context(request, course))

        return cached_page(request, scopes=self.page_cache_scopes, render=render_page)


class EnrolView(PermissionRequiredMixin, View):
    """Enrol with an account, with an optional note on what the student hopes to learn."""

    http_method_names = ["post"]
    permission_required = "herstelacademie.enrol"

    def post(self, request, pk: int, slug: str):
        course = _course(request, pk)
        back = course.get_absolute_url()
        if is_ratelimited(
            request, group="herstelacademie.enrol", key="user_or_ip", rate="20/h", increment=True
        ):
            return refuse(
                request,
                _("Too many tries in a short time. Try again later."),
                back=back,
                status=429,
            )
        form = EnrolForm(request.POST)
        if not form.is_valid():
            context = _course_context(request, course, form=form)
            return render(request, "herstelacademie/course.html", context, status=400)
        try:
            enrollment = services.enrollment_create(
                course=course, user=request.user, hope_note=form.cleaned_data["hope_note"]
            )
        except DomainError as error:
            messages.error(request, error.message)
            context = _course_context(request, course, form=form)
            return render(request, "herstelacademie/course.html", context, status=400)
        state = enrollment.state
        if state == "intake":
            messages.success(
                request,
                _(
                    "Thank you. A trainer will contact you for a short talk. "
                    "After that talk, your place is confirmed."
                ),
            )
        elif state == "confirmed":
            messages.success(request, _("You are enrolled. Welcome!"))
        else:
            messages.info(
                request, _("The course is full. You are on the waiting list. We will tell you.")
            )
        return redirect("herstelacademie:plan")


def _term(slug: str) -> Term:
    return get_object_or_404(Term, slug=slug)


class ProgrammeView(TemplateView):
    """The programme of a term, to read on screen or print (the PDF is the same content)."""

    template_name = "herstelacademie/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        term = _term(kwargs["slug"])
        context.update(term=term, courses=selectors.programme(term=term))
        return context


class ProgrammePdfView(View):
    def get(self, request, slug: str):
        term = _term(slug)
        context = {"term": term, "courses": selectors.programme(term=term)}
        return pdf_response(
            request,
            "herstelacademie/pdf/programme.html",
            context,
            filename=f"programma-{term.slug}.pdf",
        )


def programme_url(term: Term) -> str:
    return reverse("herstelacademie:programme", kwargs={"slug": term.slug})
