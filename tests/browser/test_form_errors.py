"""The portal's one error pattern, in a real browser at 360 px and at desktop size (issue 22).

An invalid submit of the guest sign-up, the expert request, a referral and a course enrolment:
the title starts with "Fout:", focus lands on the error summary at the top (on a phone: on the
first screen), each link in it moves focus to its field, every aria-describedby id exists, and
axe finds nothing in the error state. Without JavaScript the summary is still the first thing
after the header.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation

from .conftest import DESKTOP, PHONE, screenshot
from .test_accessibility import _axe_violations, _login, demo_house  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MISSING_DESCRIBEDBY = """() => [...document.querySelectorAll('[aria-describedby]')]
  .flatMap(el => el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean)
  .filter(id => !document.getElementById(id)).map(id => (el.id || el.name) + ' -> ' + id))"""


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@dataclass
class Case:
    name: str
    path: str
    submit: str  # the submit button of the form
    user: object = None
    prepare: str = ""  # JavaScript run before the submit (to type what a person would type)


def _cases(activity, course, partner, student) -> list[Case]:
    return [
        Case(
            "guest-sign-up",
            activity.get_absolute_url(),
            "form.sign-up-form button[type=submit]",
            prepare="""() => { document.getElementById('id_name').value = 'Gert';
                               document.getElementById('id_email').value = 'gert@'; }""",
        ),
        Case(
            "expert-request",
            "/ervaringsdeskundigen/aanvraag/",
            "form.narrow-form button[type=submit]",
        ),
        Case(
            "referral",
            "/netwerk/doorverwijzingen/nieuw/",
            "form.work-form button[type=submit]",
            user=partner,
        ),
        Case(
            "course-enrolment",
            course.get_absolute_url(),
            "form[action*='inschrijven'] button[type=submit]",
            user=student,
            # Longer than the 500 characters allowed (a browser's own maxlength is taken away,
            # as an old phone browser or a paste may ignore it).
            prepare="""() => { const f = document.getElementById('id_hope_note');
                               f.removeAttribute('maxlength'); f.value = 'x'.repeat(600); }""",
        ),
    ]


def _check_error_state(context, live_server, case: Case, viewport: dict) -> list[str]:
    problems: list[str] = []
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + case.path)
    if case.prepare:
        page.evaluate(case.prepare)
    with page.expect_navigation():
        page.locator(case.submit).click()
    page.wait_for_load_state()

    if not page.title().startswith(nl("Error:")):
        problems.append(f"title {page.title()!r}")
    if page.evaluate("document.activeElement && document.activeElement.id") != "error-summary":
        problems.append("focus is not on the error summary")
    top = page.evaluate("document.getElementById('error-summary').getBoundingClientRect().top")
    if top > viewport["height"] - 100:
        problems.append(f"the summary starts {top} px down")
    links = page.locator("#error-summary a[data-field]")
    if links.count() == 0:
        problems.append("no link to a field in the summary")
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("data-field")
        link.click()
        focused = page.evaluate("document.activeElement && document.activeElement.id")
        if focused != target:
            problems.append(f"the link to {target} moved focus to {focused!r}")
        if not page.locator(f"#{target}").is_visible():
            problems.append(f"{target} is not on screen after its link")
        page.evaluate("document.getElementById('error-summary').focus()")
    missing = page.evaluate(MISSING_DESCRIBEDBY)
    problems += [f"aria-describedby names a missing id: {m}" for m in missing]
    problems += [f"axe: {v}" for v in _axe_violations(page)]
    screenshot(page, f"error-state-{case.name}")
    page.close()
    return [f"{case.name} {viewport['width']}px: {p}" for p in problems]


@pytest.fixture
def forms_to_try(demo_house, settings, visitor):  # noqa: F811
    from huis.accounts.models import User
    from tests.factories import ActivityFactory
    from tests.herstelacademie.factories import make_course

    settings.EXPERTS_REQUEST_MIN_SECONDS = 0
    activity = ActivityFactory(title="Samen koken", capacity=5)
    course = make_course(title="Rustig ademen")
    partner = User.objects.get(email="partner@huis.example")
    return _cases(activity, course, partner, visitor)


def test_an_invalid_submit_leads_to_the_summary_and_from_there_to_the_fields(
    browser, live_server, forms_to_try
):
    problems: list[str] = []
    for viewport in (PHONE, DESKTOP):
        for case in forms_to_try:
            context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": "nl", "url": live_server.url}]
            )
            if case.user is not None:
                _login(context, live_server, case.user)
            problems += _check_error_state(context, live_server, case, viewport)
            context.close()
    assert problems == []


def test_without_javascript_the_summary_is_first_and_the_title_says_error(
    browser, live_server, forms_to_try
):
    guest = forms_to_try[0]
    context = browser.new_context(viewport=PHONE, locale="nl-BE", java_script_enabled=False)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + guest.path)
    page.get_by_label(nl("Your name"), exact=True).fill("Gert")
    page.get_by_label(nl("Email address"), exact=True).fill("gert@")
    with page.expect_navigation():
        page.locator(guest.submit).click()
    assert page.title().startswith(nl("Error:"))
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    # The first thing in the main part of the page, on the first screen of a phone.
    first = page.evaluate("document.querySelector('main').firstElementChild.id")
    assert first == "error-summary"
    assert summary.bounding_box()["y"] < PHONE["height"] - 100
    # It names what is wrong with the email address, not the email-or-phone rule.
    assert nl("Give an email address or a phone number.") not in summary.inner_text()
    href = summary.locator("a").first.get_attribute("href")
    assert href == "#id_email"
    context.close()
