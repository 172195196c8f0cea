"""More forms of the portal in their error state (issue 22): the volunteer application, a
visitor's proposal, the Recovery College's guest enrolment, an outreach entry, the expert
request and the profile. An empty or invalid submit gives the "Fout:" title, focus on the error
summary, links that move focus to their fields, aria-describedby ids that exist and 0 axe
violations, at 360 px and at desktop size."""

import pytest
from django.urls import reverse

from .conftest import DESKTOP, PHONE
from .test_accessibility import _login, demo_house  # noqa: F401
from .test_form_errors import Case, _check_error_state

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(900),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _submit(field_id: str) -> str:
    return f"form:has(#{field_id}) [type=submit]"


def _clear(*ids: str, **values: str) -> str:
    # The browser's own checks are switched off: the server's answer is what is tested.
    steps = ["document.querySelectorAll('form').forEach(f => { f.noValidate = true; });"]
    steps += [f"document.getElementById('{i}').value = '';" for i in ids]
    steps += [f"document.getElementById('{i}').value = '{v}';" for i, v in values.items()]
    return "() => { " + " ".join(steps) + " }"


@pytest.fixture
def more_forms(demo_house, settings, visitor):  # noqa: F811
    from huis.accounts.models import User
    from tests.herstelacademie.factories import make_course

    settings.EXPERTS_REQUEST_MIN_SECONDS = 0
    course = make_course(title="Rustig ademen")
    partner = User.objects.get(email="partner@huis.example")
    return [
        Case(
            "volunteer-application",
            reverse("vrijwilligers:apply"),
            _submit("id_name"),
            prepare=_clear(id_email="gert@"),
        ),
        Case("visitor-proposal", reverse("ontmoeting:propose"), _submit("id_title"), user=visitor),
        Case(
            "guest-enrolment",
            reverse("herstelacademie:enrol_guest", args=[course.pk, course.slug]),
            _submit("id_name"),
            prepare=_clear(id_email="gert@"),
        ),
        Case(
            "outreach-entry",
            reverse("kwartiermaken:entry_create"),
            "form.work-form button.btn-primary[type=submit]",
            user=partner,
            prepare=_clear("id_date"),
        ),
        Case(
            "expert-request",
            reverse("ervaringsdeskundigen:request_create"),
            "form.narrow-form button[type=submit]",
        ),
        Case(
            "profile",
            reverse("accounts:profile"),
            _submit("id_display_name"),
            user=visitor,
            prepare=_clear("id_display_name"),
        ),
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_more_forms_in_their_error_state(browser, live_server, more_forms, viewport):
    problems: list[str] = []
    for case in more_forms:
        context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
        context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
        if case.user is not None:
            _login(context, live_server, case.user)
        problems += _check_error_state(context, live_server, case, viewport)
        context.close()
    assert problems == []
