"""The pages the benchmark measures, and what each needs (a logged-in session, a sign-up script).

Read in the benchmark's own process, with Django set up on the scratch database."""

from collections.abc import Callable
from dataclasses import dataclass


def session_cookie(email: str) -> str:
    """A logged-in session for one of seed_scale's bench people, as the browser would hold it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from huis.accounts.models import User

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Page:
    name: str
    path: str | None  # None: the function is not built yet
    cookie: str = ""
    lua: str | None = None
    group: str = "public"
    # Run just before the page is measured (the yearly report is built again after the sign-up
    # load changed the year's data, so the page measured is the built report its name says).
    before: Callable[[], object] | None = None


def pages() -> tuple[list[Page], dict]:
    from django.middleware.csrf import _get_new_csrf_string
    from django.urls import reverse
    from django.utils import timezone

    from huis.places.models import PlaceOffering
    from ontmoeting.models import Activity

    now = timezone.now()
    future = Activity.objects.filter(status="published", starts_at__gt=now).order_by("starts_at")
    activity = future.filter(
        pk__in=PlaceOffering.objects.filter(capacity__isnull=False).values("holder_id")
    ).first()
    target = (
        future.exclude(pk=activity.pk)
        .filter(pk__in=PlaceOffering.objects.filter(capacity__isnull=False).values("holder_id"))
        .first()
    )
    # The sign-up target gets room for 100: the load fills it and the rest go on the waiting list.
    PlaceOffering.objects.filter(holder_id=target.pk, capacity__isnull=False).update(capacity=100)
    monday = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    visitor = session_cookie("bench-visitor@scale.example")
    coordinator = session_cookie("bench-coordinator@scale.example")
    partner = session_cookie("bench-partner@scale.example")
    csrf = _get_new_csrf_string()
    sign_up = reverse("ontmoeting:sign_up", kwargs={"pk": target.pk, "slug": target.slug})
    lua = LUA_SIGN_UP.replace("__CSRF__", csrf)
    optional = optional_pages(coordinator=coordinator, partner=partner)
    return [
        Page("agenda, first page", "/agenda/"),
        Page("agenda, a week", f"/agenda/?week={monday + timezone.timedelta(days=7):%Y-%m-%d}"),
        Page("agenda, search", "/agenda/?q=yoga"),
        Page("activity page", activity.get_absolute_url()),
        *optional["public"],
        Page("sign-up POST (guest)", sign_up, lua=lua, cookie=f"csrftoken={csrf}", group="post"),
        Page("mijn activiteiten", reverse("ontmoeting:mine"), cookie=visitor, group="private"),
        *optional["private"],
        Page(
            "yearly report, built (coordinator)",
            built_report(),
            cookie=coordinator,
            group="private",
            before=built_report,
        ),
        Page(
            "publishing status (coordinator)",
            reverse("uitdatabank:publications"),
            cookie=coordinator,
            group="private",
        ),
    ], {"target": target}


def built_report() -> str:
    """The yearly report page for last year, once built (as a Celery worker builds it): opening
    it reads every section from the cache (building it is timed by `manage.py report_bench`)."""
    from django.urls import reverse

    from huis.core.report.build import build_report
    from huis.core.report.views import period_from

    period, _error = period_from({})
    build_report(period=period)
    return reverse("core:report")


def optional_pages(*, coordinator: str, partner: str) -> dict[str, list[Page]]:
    """Pages of functions that may not be built yet: measured when their URL exists."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.module_loading import autodiscover_modules

    from huis.core.registry import scale_seeders

    autodiscover_modules("scale")
    seeded = {seeder.name for seeder in scale_seeders()}

    def url(name: str, **kwargs) -> str | None:
        # Only measured once the app adds its part to seed_scale: an empty table says nothing.
        if name.split(":")[0] not in seeded:
            return None
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None

    return {
        "public": [
            Page("course catalogue", url("herstelacademie:home")),
            Page("course page", url("herstelacademie:home") and course_with_places()),
        ],
        "private": [
            Page(
                "request inbox (coordinator)",
                url("ervaringsdeskundigen:inbox"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "matching list for a request (coordinator)",
                _matching_url(url),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "planning board, month (coordinator)",
                url("ervaringsdeskundigen:board")
                and url("ervaringsdeskundigen:board") + "?weergave=maand",
                cookie=coordinator,
                group="private",
            ),
            Page(
                "volunteer roster, week (coordinator)",
                url("vrijwilligers:board_week"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "volunteer roster, month (coordinator)",
                url("vrijwilligers:board_month"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "outreach overview (coordinator)",
                url("kwartiermaken:overview"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "outreach overview (partner)",
                url("kwartiermaken:overview"),
                cookie=partner,
                group="private",
            ),
        ],
    }


def course_with_places() -> str | None:
    """A published course still to come that has places (some taken), as a visitor finds it."""
    from django.utils import timezone

    from herstelacademie.models import Course

    course = (
        Course.objects.filter(
            status=Course.Status.PUBLISHED,
            first_session_at__gt=timezone.now(),
            offering__capacity__isnull=False,
            offering__taken__gt=0,
        )
        .order_by("first_session_at", "pk")
        .first()
    )
    return course.get_absolute_url() if course else None


def _matching_url(url) -> str | None:
    """The request page of a future request being worked on: it ranks the whole pool."""
    if url("ervaringsdeskundigen:inbox") is None:
        return None
    from django.utils import timezone

    from ervaringsdeskundigen.models import ExpertRequest

    pk = (
        ExpertRequest.objects.filter(status="in_progress", starts_at__gt=timezone.now())
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )
    return url("ervaringsdeskundigen:request_detail", pk=pk) if pk else None


LUA_SIGN_UP = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  n = 0
  run = args[1] or "0"
end
function request()
  n = n + 1
  local body = string.format(
    "csrfmiddlewaretoken=__CSRF__&name=Bench&places=1&email=b%s-%d-%d%%40bench.example", run, id, n)
  return wrk.format(nil, nil, nil, body)
end
"""
