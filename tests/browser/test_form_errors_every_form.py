"""Every form of the portal in its error state, checked by axe and for the error pattern (issue 22).

The forms are not listed by hand: every Form and ModelForm class defined in the project's own
apps (found by walking `forms.BaseForm`'s subclasses once every URL's view is imported) is
bound to what a person in a hurry sends (empty fields, "gert@" as an email address, words in a
date or number field) and rendered through `base.html` as a posted page, the way the portal
renders forms: with crispy (`{% crispy %}` when the form has a helper, `|crispy` otherwise) and
field by field with `as_field_group`. A new form class is covered without anyone adding it; one
whose constructor needs arguments fails here until it gets them in `CONSTRUCTOR_ARGUMENTS`.

All forms go on one page per language (each with its own prefix, so ids stay unique), served to
the shared Chromium by a route with the portal's own CSS: three axe runs instead of a
navigation per form.

The pages as they are: every page of ours that shows its form again after a POST (found in the
URL patterns; a ServicePostView answers bad input with the shared refused page instead) is sent
empty through Django's test client as the first role that may use it, and its answer checked
the same way; a page without an error state is named in NO_ERROR_STATE with the reason. Pages
whose address names an object are covered through their form classes above; the most used
ones are also checked end to end, with focus and clicks, in test_form_errors.py and
test_form_errors_more.py.
"""

import inspect
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.template import engines
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import translation

from huis.core.templatetags.form_errors import _target

from .conftest import PHONE
from .test_accessibility import AXE, WCAG_TAGS
from .test_form_errors import MISSING_DESCRIBEDBY

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300), pytest.mark.django_db]

BASE = Path(settings.BASE_DIR).resolve()
ORIGIN = "http://huis.test"


def _partners():
    from huis.accounts.models import Organisation

    return Organisation.objects.all()


# What a form's constructor needs besides its data, by class name (module.qualname).
CONSTRUCTOR_ARGUMENTS = {
    "huis.accounts.people_views.InviteForm": lambda o: {"user": o["coordinator"]},
    "huis.rooms.forms.PartnerBookingForm": lambda o: {"user": o["partner_a"]},
    "ontmoeting.forms.AgendaFilterForm": lambda o: {"weeks": []},
    "netwerk.forms.IntakeForm": lambda o: {"partners": _partners()},
    "netwerk.forms.ReferralForm": lambda o: {"organisations": o["orgs"], "partners": _partners()},
    "kwartiermaken.forms_referral.OutreachReferralForm": lambda o: {"partners": _partners()},
    "netwerk.forms.GuidanceForm": lambda o: {"organisations": o["orgs"], "partners": _partners()},
    "netwerk.forms.LeaveGuidanceForm": lambda o: {"organisations": o["orgs"]},
    "netwerk.forms.HandoverForm": lambda o: {"partners": _partners()},
    "netwerk.forms.PlaceForm": lambda o: {"partners": _partners()},
    "netwerk.forms_onward.PassOnForm": lambda o: {"targets": o["orgs"]},
    "ervaringsdeskundigen.forms.expert.OwnProfileForm": lambda o: {"instance": o["expert"]},
    "kwartiermaken.forms.EntryForm": lambda o: {"organisations": o["orgs"]},
    "kwartiermaken.forms.SignalForm": lambda o: {"organisations": o["orgs"]},
    "kwartiermaken.forms.RecommendationForm": lambda o: {"signals": _signals()},
}


def _signals():
    from kwartiermaken.models import Signal

    return Signal.objects.all()


def _name(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def portal_form_classes() -> list[type]:
    """Every form class defined in the project's apps (not in tests, not in third-party code)."""
    assert get_resolver().url_patterns  # imports every view, and with them every form they use

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    found: dict[str, type] = {}
    for cls in below(forms.BaseForm):
        source = inspect.getsourcefile(cls) or ""
        if not source.startswith(str(BASE)) or "/.venv/" in source or "/tests/" in source:
            continue
        found.setdefault(_name(cls), cls)
    return [found[name] for name in sorted(found)]


def _hurried_value(field: forms.Field) -> str:
    """What a person in a hurry sends: nothing, or something the field cannot take."""
    if isinstance(field, forms.EmailField):
        return "gert@"
    if isinstance(field, forms.MultiValueField | forms.FileField | forms.BooleanField):
        return ""
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return "nooit"
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "veel"
    return ""


def _bound(cls, prefix: str, objects: dict) -> forms.BaseForm:
    extra = CONSTRUCTOR_ARGUMENTS.get(_name(cls), lambda o: {})(objects)
    unbound = cls(prefix=prefix, **extra)
    data = {unbound.add_prefix(name): _hurried_value(f) for name, f in unbound.fields.items()}
    return cls(data=data, prefix=prefix, **extra)


def _page(classes: list[type], objects: dict) -> tuple[str, dict, list[str]]:
    """One posted page holding every form twice (crispy and field by field)."""
    context: dict = {}
    parts: list[str] = []
    problems: list[str] = []
    for index, cls in enumerate(classes):
        try:
            crispy_form = _bound(cls, f"c{index}", objects)
            plain_form = _bound(cls, f"g{index}", objects)
        except (TypeError, ValueError) as error:
            problems.append(f"{_name(cls)} cannot be made ({error}): add CONSTRUCTOR_ARGUMENTS")
            continue
        context[f"c{index}"] = crispy_form
        context[f"g{index}"] = plain_form
        helper = getattr(crispy_form, "helper", None)
        if helper is not None and helper.form_tag:
            parts.append(f"{{% crispy c{index} %}}")
        elif helper is not None:
            parts.append(f'<form method="post">{{% crispy c{index} %}}</form>')
        else:
            parts.append(f'<form method="post">{{{{ c{index}|crispy }}}}</form>')
        parts.append(
            f'<form method="post">{{{{ g{index}.non_field_errors }}}}'
            f"{{% for field in g{index} %}}{{{{ field.as_field_group }}}}{{% endfor %}}</form>"
        )
    source = (
        '{% extends "base.html" %}{% load crispy_forms_tags %}'
        "{% block title %}Proef{% endblock %}{% block content %}<h1>Proef</h1>"
        + "\n".join(parts)
        + "{% endblock %}"
    )
    return source, context, problems


def _render(source: str, context: dict, language: str) -> str:
    request = RequestFactory().post("/proef/")
    request.user = AnonymousUser()
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return engines["django"].from_string(source).render(context, request=request)


def _axe_violations(page) -> list[str]:
    """axe as in the crawl, reporting only violations (passes on a page this size cost time)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
             runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def _structure(html: str, context: dict, language: str) -> list[str]:
    problems: list[str] = []
    with translation.override(language):
        prefix = translation.gettext("Error:")
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S)
    if not title or not title.group(1).startswith(prefix):
        problems.append(f"title {title and title.group(1)!r} does not start with {prefix!r}")
    start = html.find('id="error-summary"')
    if start < 0:
        return [*problems, "no error summary"]
    summary = html[start : html.index("</ul>", start)]
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    for target in re.findall(r'href="#([^"]+)"', summary):
        if target not in ids:
            problems.append(f"the summary links to #{target}, which does not exist")
    for name, form in context.items():
        for bound in form:
            # A group of choices is reached through its first choice (id_x_0).
            if bound.errors and not bound.is_hidden and f'href="#{_target(bound)}"' not in summary:
                problems.append(f"{name} {type(form).__name__}.{bound.name}: not in summary")
    return problems


@pytest.fixture
def form_objects(organisation_a, organisation_b, partner_a, coordinator):
    from tests.ervaringsdeskundigen.factories import ExpertFactory

    return {
        "orgs": [organisation_a, organisation_b],
        "partner_a": partner_a,
        "coordinator": coordinator,
        "expert": ExpertFactory(),
    }


def test_every_form_class_is_found_and_can_be_made(form_objects):
    """The guard: the walk finds the portal's forms, and each can be made for the check below."""
    classes = portal_form_classes()
    names = {_name(cls) for cls in classes}
    assert len(classes) >= 100
    for known in (
        "ontmoeting.forms.GuestSignUpForm",
        "ervaringsdeskundigen.forms.public.RequestForm",
        "netwerk.forms.ReferralForm",
        "huis.accounts.people_views.InviteForm",
    ):
        assert known in names
    assert set(CONSTRUCTOR_ARGUMENTS) <= names, "an entry names a form that no longer exists"
    _source, context, problems = _page(classes, form_objects)
    assert problems == []
    with_errors = [f for f in context.values() if f.errors]
    assert len(with_errors) >= 0.8 * len(context)


def test_every_form_in_its_error_state_passes_axe_and_the_error_pattern(browser, form_objects):
    classes = portal_form_classes()
    source, context, problems = _page(classes, form_objects)

    def serve_static(route):
        path = route.request.url.removeprefix(ORIGIN)
        if not path.startswith(settings.STATIC_URL):
            return route.abort()
        found = finders.find(path.removeprefix(settings.STATIC_URL).split("?")[0])
        if not found:
            return route.fulfill(status=404, body="")
        return route.fulfill(path=found)

    rendered: dict[str, str] = {}

    def serve_page(route):
        language = route.request.url.rsplit("/", 2)[-2]
        return route.fulfill(body=rendered[language], content_type="text/html; charset=utf-8")

    browser_context = browser.new_context(viewport=PHONE)
    page = browser_context.new_page()
    page.route(f"{ORIGIN}/static/**", serve_static)
    page.route(f"{ORIGIN}/proef/*/", serve_page)
    for language in ("nl", "fr", "en"):
        rendered[language] = html = _render(source, context, language)
        problems += [f"{language}: {p}" for p in _structure(html, context, language)]
        page.goto(f"{ORIGIN}/proef/{language}/")
        # The portal's CSS is there (colour contrast is only checked against the real styles).
        colour = page.evaluate(
            "getComputedStyle(document.querySelector('.invalid-feedback')).color"
        )
        if colour != "rgb(165, 29, 42)":
            problems.append(f"{language}: the error text is {colour}, not the house's #a51d2a")
        problems += [f"{language}: {m}" for m in page.evaluate(MISSING_DESCRIBEDBY)]
        problems += [f"{language}: axe: {v}" for v in _axe_violations(page)]
    browser_context.close()
    assert problems == [], "\n".join(problems)


def _walk(patterns, prefix=""):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def pages_that_show_a_form_again() -> list[tuple[str, type]]:
    """Every page of ours that answers a POST with its form (not a ServicePostView, whose bad
    input answers the shared refused page), at an address without parameters."""
    from huis.core.service_views import ServicePostView

    found = []
    for route, callback in _walk(get_resolver().url_patterns):
        view = getattr(callback, "view_class", None)
        if view is None or issubclass(view, ServicePostView) or not hasattr(view, "post"):
            continue
        source = inspect.getsourcefile(view) or ""
        if not source.startswith(str(BASE)) or "/.venv/" in source or "<" in route:
            continue
        found.append(("/" + route.lstrip("^").rstrip("$"), view))
    return found


# Pages that answer a POST but have no error state to show at their bare address, and why.
NO_ERROR_STATE = {
    "ReportBuildView": "one button, nothing to fill in",
    "ExportRequestView": "one button, nothing to fill in",
    "SmsStatusView": "the SMS provider's webhook, not a page",
    "SmsIncomingView": "the SMS provider's webhook, not a page",
    "CompanionView": "every field may stay empty",
    "EnrolmentImportConfirmView": "follows an upload (tests/browser/test_enrolment_import.py)",
    "GuidanceCreateView": "for a person or referral named in the address (?persoon=)",
}


def _error_pages(client, users) -> tuple[dict[str, str], list[str]]:
    """Each page's answer to an empty POST, as the first of `users` who may use it."""
    pages: dict[str, str] = {}
    problems: list[str] = []
    for path, view in pages_that_show_a_form_again():
        answers = []
        for user in users:
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.post(path, {})
            answers.append(response.status_code)
            if response.status_code in (200, 400) and b'id="error-summary"' in response.content:
                pages[path] = response.content.decode()
                break
        if path not in pages and view.__name__ not in NO_ERROR_STATE:
            problems.append(f"{path} ({view.__name__}) shows no error state: {answers}")
        if path in pages and view.__name__ in NO_ERROR_STATE:
            problems.append(f"{path} ({view.__name__}) has an error state after all")
    return pages, problems


def test_every_page_with_a_form_in_its_error_state(browser, client, form_objects, visitor, staff):
    """The real pages: every page of ours that shows its form again after a POST, at an address
    without parameters, sent empty as the first role that may use it; axe and the pattern."""
    users = [
        None,
        visitor,
        form_objects["expert"].user,
        form_objects["partner_a"],
        form_objects["coordinator"],
    ]
    from tests.factories import RoomFactory

    RoomFactory(partner_bookable=True)  # without one, the booking page shows no form
    client.cookies["django_language"] = "nl"
    pages, problems = _error_pages(client, users)
    assert len(pages) >= 25

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL).split("?")[0])
            return route.fulfill(path=found) if found else route.fulfill(status=404, body="")
        if path in pages:
            return route.fulfill(body=pages[path], content_type="text/html; charset=utf-8")
        return route.abort()

    with translation.override("nl"):
        prefix = translation.gettext("Error:")
    browser_context = browser.new_context(viewport=PHONE)
    page = browser_context.new_page()
    page.route(f"{ORIGIN}/**", serve)
    for path in pages:
        page.goto(ORIGIN + path)
        if not page.title().startswith(prefix):
            problems.append(f"{path}: title {page.title()!r}")
        broken = page.evaluate(
            """() => [...document.querySelectorAll('#error-summary a[href^="#"]')]
                 .map(a => a.getAttribute('href').slice(1))
                 .filter(id => !document.getElementById(id))"""
        )
        problems += [f"{path}: the summary links to a missing #{i}" for i in broken]
        problems += [f"{path}: {m}" for m in page.evaluate(MISSING_DESCRIBEDBY)]
        problems += [f"{path}: axe: {v}" for v in _axe_violations(page)]
    browser_context.close()
    assert problems == [], "\n".join(problems)
