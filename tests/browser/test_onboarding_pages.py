"""axe on issue #25's pages in Dutch, at phone and desktop size: the people page, accepting an
invitation, an import's preview, the staff message page (with its preview) and the guest
enrolment form of a course. Zero violations."""

import pytest
from django.urls import reverse

from herstelacademie import services as college
from huis.accounts import imports, invitations
from tests.herstelacademie.factories import make_course

from .test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CSV = b"naam,e-mail,taal\nMieke,mieke@example.org,nl\nLien,lien@example.org,fr\nX,geen-adres,nl\n"


def _context(browser, viewport):
    return browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)


def _check(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert page.evaluate("document.documentElement.lang").startswith("nl")
    assert _axe_violations(page) == [], url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], url


def test_people_import_message_and_guest_pages_pass_axe(
    browser, live_server, viewport, coordinator, expert, staff, visitor, organisation_a
):
    invitation = invitations.invitation_create(
        email="wout@example.org",
        display_name="Wout",
        organisation=organisation_a,
        role="partner_worker",
        actor=coordinator,
    )
    batch = imports.import_preview(
        filename="lijst.csv", content=CSV, invite=False, actor=coordinator
    )
    course = make_course(experts=[expert], professionals=[staff])
    college.enrollment_create(course=course, user=visitor)

    staff_context = _context(browser, viewport)
    _login(staff_context, live_server, coordinator)
    page = staff_context.new_page()
    page.set_default_timeout(15_000)
    _check(page, live_server.url + reverse("people:list"))
    _check(page, live_server.url + reverse("people:import_batch", args=[batch.pk]))
    write = reverse("notifications:message_write", args=["herstelacademie-course", course.pk])
    _check(page, live_server.url + write)
    page.locator("textarea").first.fill("Breng gerust een kussen mee.")
    with page.expect_navigation():
        page.locator("button[name=preview]").click()
    assert "kussen" in page.content()
    assert _axe_violations(page) == []
    staff_context.close()

    guest_context = _context(browser, viewport)
    page = guest_context.new_page()
    page.set_default_timeout(15_000)
    _check(
        page,
        live_server.url + reverse("herstelacademie:enrol_guest", args=[course.pk, course.slug]),
    )
    token = invitations.invitation_token(invitation)
    _check(page, live_server.url + reverse("people:invitation", args=[token]))
    guest_context.close()
