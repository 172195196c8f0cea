"""The house's shared pages: home, staff dashboard, language choice, health."""

import logging
from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.accounts.services import user_update_profile

from . import health
from .ratelimit import rate_limited
from .registry import dashboard_links_for, home_sections_for
from .translations_overview import missing_translations_overview

health_logger = logging.getLogger("huis.health")


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from django.utils import timezone
        from django.utils.translation import gettext as _

        from huis.facts.hours import status_at
        from huis.facts.selectors import house_facts

        from .share import share_meta

        facts = house_facts()  # the footer's cached read: no query of its own
        return super().get_context_data(
            home_sections=home_sections_for(self.request),
            facts=facts,
            open_status=status_at(facts, timezone.now()),
            share=share_meta(
                self.request,
                title=_("Welcome to the House with many rooms"),
                description=facts.welcome.text
                or _(
                    "A house in the middle of the city. Here you can meet people, learn and recover together."  # noqa: E501
                ),
            ),
            **kwargs,
        )


class PrivacyView(TemplateView):
    """What the house keeps, why, how long (from the retention table), who sees it, your rights."""

    template_name = "core/privacy.html"

    def get_context_data(self, **kwargs):
        from .retention import retention_periods

        return super().get_context_data(retention=retention_periods(), **kwargs)


# What the accessibility statement says was used and when it was last reviewed. A test keeps the
# axe-core version equal to the one package-lock.json installs for the tests.
AXE_CORE_VERSION = "4.14.1"
ACCESSIBILITY_REVIEWED_ON = date(2026, 11, 23)


class AccessibilityView(TemplateView):
    """The accessibility statement: what was tested and how, what is known not to work, and how
    to report a problem (with the house's own contact details from the database)."""

    template_name = "core/accessibility.html"

    def get_context_data(self, **kwargs):
        from huis.accounts.models import Organisation

        house = Organisation.objects.filter(kind=Organisation.Kind.HOUSE, is_active=True).first()
        return super().get_context_data(
            house=house,
            axe_version=AXE_CORE_VERSION,
            reviewed_on=ACCESSIBILITY_REVIEWED_ON,
            **kwargs,
        )


class DashboardView(PermissionRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"
    permission_required = "core.view_dashboard"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections: dict[str, list] = {}
        for link in dashboard_links_for(self.request.user):
            status = link.status(self.request.user) if link.status else ""
            sections.setdefault(str(link.section), []).append({"link": link, "status": status})
        context["sections"] = sections
        return context


class MissingTranslationsView(PermissionRequiredMixin, TemplateView):
    """Per kind of content: how many items lack French or English, and links to add them."""

    template_name = "core/missing_translations.html"
    permission_required = "core.view_missing_translations"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=missing_translations_overview(), **kwargs)


@never_cache
def after_login(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    user = request.user
    if not user.is_authenticated:
        return redirect("account_login")
    if user.has_perm("core.view_dashboard"):
        return redirect("core:dashboard")
    return redirect("core:home")


@require_POST
@rate_limited("core.set_language", rate="30/m")
def set_language(request: HttpRequest) -> HttpResponse:
    """Like Django's set_language, and remembered in the person's profile when logged in."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    # Only a path on this site: not another host, not a relative or odd address.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
        )
        if request.user.is_authenticated:
            user_update_profile(user=request.user, actor=request.user, preferred_language=language)
    return response


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when everything the portal needs works, 503 otherwise, with JSON saying what is down.

    `?only=database,redis` limits the checks: a load balancer asks only what a web process needs,
    so a stopped worker does not take the web processes out of service; a monitor asks all.
    """
    only = {name for name in request.GET.get("only", "").split(",") if name}
    report = health.report(only=only or None)
    response = JsonResponse(report, status=200 if report["status"] == "ok" else 503)
    if response.status_code == 503:
        # Not an error of the portal: one warning naming what is down, instead of Django's
        # "Service Unavailable" error (and an error-tracking event) every time a monitor asks.
        down = sorted(k for k, v in report.items() if v == "down")
        health_logger.warning("Health check: %s down", ", ".join(down))
        response._has_been_logged = True
    return response
