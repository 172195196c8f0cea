"""Middleware for people's accounts: their language, two-factor for sensitive roles, privacy."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

IDLE_TIMEOUT_SENSITIVE = 30 * 60


class PreferredLanguageMiddleware:
    """A logged-in person sees the portal in their own language, unless they just chose another."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """In production, people who see sensitive data must first set up two-factor authentication.

    They may reach only the pages to set it up, to log out, and the static assets.
    """

    ALLOWED_PREFIXES = ("/account/", "/static/", "/healthz", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.has_sensitive_role:
            request.session.set_expiry(IDLE_TIMEOUT_SENSITIVE)
            if (
                settings.HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES
                and not request.path.startswith(self.ALLOWED_PREFIXES)
                and not _has_authenticator(user)
            ):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exists()


class PrivatePagesNoStoreMiddleware:
    """Pages shown to a logged-in person may hold personal data: no cache may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
