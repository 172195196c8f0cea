"""Helpers shared by the pages: refusing a change, fetching objects with their rules, PDFs."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from huis.accounts.access import fetch_for
from huis.core.pdf import PDF_VARIANT

from ..models import Course, CourseSession, Enrollment, LearningEntry, LearningPlan


def refuse(request: HttpRequest, message: str, *, back: str, status: int = 400) -> HttpResponse:
    """A change that could not be made: say why, in plain words, with a way back. Nothing was
    saved (services run in one transaction)."""
    messages.error(request, message)
    return render(request, "herstelacademie/refused.html", {"back": back}, status=status)


def pdf_response(request: HttpRequest, template: str, context: dict, *, filename: str):
    """Render `template` to a PDF with WeasyPrint. Static files are read from disk by URL."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def course_to_teach(request: HttpRequest, pk: int) -> Course:
    """A course for its trainers and the house's people; others get 404."""
    return fetch_for(
        request.user,
        Course.objects.select_related("term", "offering").prefetch_related("trainers__user"),
        view_perm="herstelacademie.teach_course",
        pk=pk,
    )


def session_to_teach(request: HttpRequest, pk: int) -> CourseSession:
    return fetch_for(
        request.user,
        CourseSession.objects.select_related("course", "room").prefetch_related("course__trainers"),
        view_perm="herstelacademie.teach_course",
        pk=pk,
    )


def enrollment_to_teach(request: HttpRequest, pk: int) -> Enrollment:
    return fetch_for(
        request.user,
        Enrollment.objects.select_related("course", "user", "claim").prefetch_related(
            "course__trainers"
        ),
        view_perm="herstelacademie.teach_course",
        pk=pk,
    )


def own_enrollment(request: HttpRequest, pk: int) -> Enrollment:
    """The student's own enrolment; nobody else may learn it exists (404), administrators
    neither: the query itself is narrowed to the person, as superusers pass every rule."""
    return fetch_for(
        request.user,
        Enrollment.objects.filter(user_id=request.user.pk)
        .select_related("course__term", "claim", "user")
        .prefetch_related("course__sessions", "attendances", "course__trainers__user"),
        view_perm="herstelacademie.view_enrollment",
        pk=pk,
    )


def own_entry(request: HttpRequest, pk: int) -> LearningEntry:
    return fetch_for(
        request.user,
        LearningEntry.objects.filter(plan__user_id=request.user.pk).select_related("plan"),
        view_perm="herstelacademie.change_entry",
        pk=pk,
    )


def shared_plan(request: HttpRequest, pk: int) -> LearningPlan:
    return fetch_for(
        request.user,
        LearningPlan.objects.filter(companion_id=request.user.pk).select_related("user"),
        view_perm="herstelacademie.view_shared_plan",
        pk=pk,
    )
