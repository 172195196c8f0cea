"""Middleware for people's accounts: their language, two-factor for sensitive roles, privacy."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from huis.core.middleware import is_logged_in

IDLE_TIMEOUT_SENSITIVE = 30 * 60
# Writes that every request of a logged-in person would otherwise make (the session's idle expiry,
# the "last seen" of their session list, the two-factor check) happen at most once per interval.
REFRESH_SECONDS = 60
TWO_FACTOR_RECHECK_SECONDS = 5 * 60


def _clock() -> float:
    return time.time()


def _due(request: HttpRequest, name: str, interval: int) -> bool:
    """True (and remembered in the session) when `name` was not done for this session key in
    the last `interval` seconds. Bound to the key: a new key after login starts afresh."""
    now = int(_clock())
    key = request.session.session_key
    stamp = request.session.get(name)
    if stamp and stamp[0] == key and now - stamp[1] < interval:
        return False
    request.session[name] = [key, now]
    return True


class UserSessionsMiddleware:
    """allauth's session list (device, address, last seen), written at most once a minute.

    allauth's own middleware writes the person's session row on every request: a transaction,
    two reads and an update before the page does anything.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        from allauth.usersessions import app_settings

        self.get_response = get_response
        self.app_settings = app_settings  # imported once, not on every request

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            is_logged_in(request)
            and self.app_settings.TRACK_ACTIVITY
            and request.session.session_key
            and _due(request, "_huis_session_seen", REFRESH_SECONDS)
        ):
            from allauth.usersessions.models import UserSession

            UserSession.objects.create_from_request(request)
        return self.get_response(request)


class PreferredLanguageMiddleware:
    """A logged-in person sees the portal in their own language, unless they just chose another."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and is_logged_in(request)
            and request.user.preferred_language
        ):
            translation.activate(request.user.preferred_language)
            request.LANGUAGE_CODE = request.user.preferred_language
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
        if is_logged_in(request) and user.has_sensitive_role:
            if _due(request, "_huis_idle_refreshed", REFRESH_SECONDS):
                # The idle clock restarts at most once a minute (each restart saves the session).
                request.session.set_expiry(IDLE_TIMEOUT_SENSITIVE)
            if (
                settings.HUIS_REQUIRE_2FA_FOR_SENSITIVE_ROLES
                and not request.path.startswith(self.ALLOWED_PREFIXES)
                and not _two_factor_ready(request, user)
            ):
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _two_factor_ready(request: HttpRequest, user) -> bool:
    """Checked in the database at most every few minutes while it holds; never cached as missing."""
    key = request.session.session_key
    stamp = request.session.get("_huis_2fa_seen")
    if stamp and stamp[0] == key and _clock() - stamp[1] < TWO_FACTOR_RECHECK_SECONDS:
        return True
    if not _has_authenticator(user):
        return False
    request.session["_huis_2fa_seen"] = [key, int(_clock())]
    return True


def _has_authenticator(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user).exists()


class EvenTimeMiddleware:
    """The answers to the forms that take an email address (sign up, log in, ask for a login code,
    reset) leave no sooner than `EVEN_TIME_SECONDS` after the request came in.

    Both paths of those forms already do the same work (`huis.accounts.signup`, the outbox), but
    "the same work" is never exactly the same time: a difference of a millisecond, measured over
    many tries, still tells whether an address has an account. A floor above what either path
    takes makes the two kinds of answer leave at the same moment. It costs a waiting person a
    fraction of a second on a form they send once, and a worker the same (these forms are rate
    limited per address, so nobody can hold many workers this way)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if request.method == "POST" and match and match.url_name in settings.EVEN_TIME_URL_NAMES:
            left = settings.EVEN_TIME_SECONDS - (time.monotonic() - started)
            if left > 0:
                time.sleep(left)
        return response
