"""The main pages as their users see them, in Dutch, on a 360 px phone and a desktop, over the
demo house: each answers, has one main heading, fits the phone's width (no sideways scrolling),
and is written to test-artifacts/gallery/ (the README shows a selection from docs/screenshots/).

A page whose function is not installed is skipped by name in PAGES, never silently: the list
below is the portal's main pages, and a missing URL name fails.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GALLERY = ARTIFACTS / "gallery"


def _first(model_path: str, **filters):
    from django.apps import apps

    model = apps.get_model(model_path)
    return model.objects.filter(**filters).order_by("pk").first()


def _activity_url() -> str:
    from django.utils import timezone

    activity = _first("ontmoeting.Activity", status="published", starts_at__gt=timezone.now())
    return activity.get_absolute_url()


def _course_url() -> str:
    course = _first("herstelacademie.Course", status="published")
    return reverse("herstelacademie:course", args=[course.pk, course.slug])


# name -> (who, url or a function giving it)
PAGES = {
    "home": (None, lambda: reverse("core:home")),
    "agenda": (None, lambda: reverse("ontmoeting:home")),
    "activity": (None, _activity_url),
    "courses": (None, lambda: reverse("herstelacademie:home")),
    "course": (None, _course_url),
    "request-an-expert": (None, lambda: reverse("ervaringsdeskundigen:request_create")),
    "stories": (None, lambda: reverse("beeldvorming:home")),
    "accessibility": (None, lambda: reverse("core:accessibility")),
    "welcoming-places": (None, lambda: reverse("netwerk:place_list")),
    "referral-inbox": ("partner@huis.example", lambda: reverse("netwerk:home")),
    "my-activities": ("bezoeker@huis.example", lambda: reverse("ontmoeting:mine")),
    "expert-dashboard": (
        "ervaringsdeskundige@huis.example",
        lambda: reverse("ervaringsdeskundigen:dashboard"),
    ),
    "outreach": ("partner@huis.example", lambda: reverse("kwartiermaken:home")),
    "dashboard": ("coordinator@huis.example", lambda: reverse("core:dashboard")),
    "request-inbox": ("coordinator@huis.example", lambda: reverse("ervaringsdeskundigen:inbox")),
    "planning-board": ("coordinator@huis.example", lambda: reverse("ervaringsdeskundigen:board")),
    "outreach-overview": ("coordinator@huis.example", lambda: reverse("kwartiermaken:overview")),
}


@pytest.fixture
def demo_house(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False


def _log_in(context, live_server, email: str) -> None:
    from django.conf import settings
    from django.test import Client

    from huis.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": live_server.url}]
    )


def test_the_main_pages_fit_a_phone_and_are_photographed(
    browser, live_server, viewport, demo_house
):
    GALLERY.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems = []
    for name, (who, url) in PAGES.items():
        context = browser.new_context(viewport=viewport, locale="nl-BE")
        if who:
            _log_in(context, live_server, who)
        page = context.new_page()
        response = page.goto(live_server.url + url())
        if response is None or response.status != 200 or "/account/login" in page.url:
            problems.append(f"{name}: {response and response.status} at {page.url}")
            context.close()
            continue
        if page.get_by_role("heading", level=1).count() != 1:
            problems.append(f"{name}: not exactly one main heading")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            problems.append(f"{name}: {width}px wide on a {viewport['width']}px screen")
        path = GALLERY / f"{name}-{'phone' if viewport['width'] < 600 else 'desktop'}.png"
        page.screenshot(path=str(path))  # what a person sees first, without scrolling
        written.append(path)
        context.close()
    assert problems == []
    assert len(written) == len(PAGES)
