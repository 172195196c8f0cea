"""The portal's versions of Django's CSP, locale and messages middleware (issue #30: they do less
work per request) answer exactly as Django's own would."""

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.csp import CSP
from django.utils.functional import SimpleLazyObject, empty

from huis.core.middleware import (
    ContentSecurityPolicyMiddleware,
    LocaleMiddleware,
    MessageMiddleware,
    is_logged_in,
    is_private,
)

factory = RequestFactory()


def _through(middleware_class, request, view=lambda request: HttpResponse("ok")):
    return middleware_class(view)(request)


@pytest.mark.parametrize("uses_nonce", [False, True])
def test_the_csp_header_is_djangos_with_and_without_a_nonce(uses_nonce):
    def view(request):
        return HttpResponse(f"<script nonce='{request._csp_nonce}'>" if uses_nonce else "ok")

    ours = _through(ContentSecurityPolicyMiddleware, factory.get("/"), view)
    theirs = _through(DjangoCSPMiddleware, factory.get("/"), view)
    # What a WSGI server is handed: names and values of type str, nothing else (wsgiref refuses
    # the rest with a 500).
    assert all(type(name) is str and type(value) is str for name, value in ours.items())
    header = str(CSP.HEADER_ENFORCE)
    if uses_nonce:
        nonce = ours.content.decode().split("'")[1]
        assert f"'nonce-{nonce}'" in ours[header]
        assert ours[header].replace(nonce, "N") == theirs[header].replace(
            theirs.content.decode().split("'")[1], "N"
        )
    else:
        assert ours[header] == theirs[header]
        assert "nonce" not in ours[header]


def test_a_csp_setting_changed_in_place_is_followed_too():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    config = {
        key: list(value) if isinstance(value, list) else value
        for key, value in settings.SECURE_CSP.items()
    }
    with override_settings(SECURE_CSP=config):
        before = middleware(factory.get("/"))[str(CSP.HEADER_ENFORCE)]
        config["img-src"].append("https://tiles.example.org")  # as a map setting does at start
        after = middleware(factory.get("/"))[str(CSP.HEADER_ENFORCE)]
    assert "https://tiles.example.org" in after and "https://tiles.example.org" not in before


def test_a_changed_csp_setting_is_followed_at_once():
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    before = middleware(factory.get("/"))[str(CSP.HEADER_ENFORCE)]
    changed = {**settings.SECURE_CSP, "img-src": [CSP.SELF, "https://tiles.example.org"]}
    with override_settings(SECURE_CSP=changed):
        during = middleware(factory.get("/"))[str(CSP.HEADER_ENFORCE)]
    assert "https://tiles.example.org" in during and "https://tiles.example.org" not in before


@pytest.mark.parametrize(
    "cookie, accept",
    [("", ""), ("fr", ""), ("", "en-GB,en;q=0.8"), ("", "de-DE"), ("xx", "fr-BE,nl;q=0.5")],
)
def test_the_language_and_its_headers_are_djangos(cookie, accept):
    def answer(middleware_class):
        request = factory.get("/agenda/", HTTP_ACCEPT_LANGUAGE=accept)
        if cookie:
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
        with translation.override(None):
            response = _through(middleware_class, request)
        return request.LANGUAGE_CODE, response["Content-Language"], response["Vary"]

    ours, djangos = answer(LocaleMiddleware), answer(DjangoLocaleMiddleware)
    assert ours[:2] == djangos[:2]
    # The language cookie chooses too: every answer says it varies by Cookie as well.
    assert ours[2] == f"{djangos[2]}, Cookie"


def _with_messages(view):
    return SessionMiddleware(MessageMiddleware(view))


def test_a_message_added_is_shown_on_the_next_page():
    def add(request):
        messages.success(request, "Opgeslagen.")
        return HttpResponse("ok")

    def show(request):
        return HttpResponse(" ".join(str(m) for m in messages.get_messages(request)))

    first = _with_messages(add)(factory.post("/"))
    second = factory.get("/")
    second.COOKIES["messages"] = first.cookies["messages"].value
    shown = _with_messages(show)(second)
    assert shown.content.decode() == "Opgeslagen."
    assert shown.cookies["messages"].value == ""  # read once: the cookie is cleared, as by Django


def test_a_request_that_never_uses_messages_makes_no_store():
    request = factory.get("/")
    response = _with_messages(lambda request: HttpResponse("ok"))(request)
    assert isinstance(request._messages, SimpleLazyObject)
    assert request._messages._wrapped is empty
    assert "messages" not in response.cookies


def test_without_a_session_cookie_nobody_is_looked_up():
    def never(*args):
        raise AssertionError("the session and the user were loaded")

    request = factory.get("/agenda/")
    request.user = SimpleLazyObject(never)
    assert is_logged_in(request) is False
    assert is_private(request) is False


@pytest.mark.django_db
def test_a_person_logged_in_by_this_request_is_seen(django_user_model):
    """No session cookie came with the request, but the view logged someone in: the answer is
    theirs (and private), not an anonymous visitor's."""
    from django.contrib.auth import login
    from django.contrib.auth.models import AnonymousUser

    person = django_user_model.objects.create_user(email="a@test.example", password="x" * 16)
    request = factory.post("/account/login/")
    SessionMiddleware(lambda r: HttpResponse())(request)
    request.user = SimpleLazyObject(AnonymousUser)  # as AuthenticationMiddleware leaves it
    assert is_logged_in(request) is False
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    assert is_logged_in(request) is True and is_private(request) is True
