"""In a real browser on a 360 px phone, in Dutch: a student enrols, a trainer takes attendance
of every session in the room, and the student downloads a certificate whose PDF names them and
the course. axe-core checks the pages on the way."""

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _axe_violations, _login

from .factories import make_course, pass_time

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _phone(browser, live_server, user):
    # bypass_csp only so the test can inject axe-core; the portal's own policy stays strict.
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_enrol_take_attendance_and_download_the_certificate(
    browser,
    live_server,
    visitor,
    expert,
    staff,
):
    course = make_course(
        title="Mijn verhaal, mijn kracht",
        experts=[expert],
        professionals=[staff],
        session_days=(2, 3),
    )

    # The student finds the course in the catalogue and enrols with a note.
    context, page = _phone(browser, live_server, visitor)
    page.goto(live_server.url + "/herstelacademie/")
    assert _axe_violations(page) == []
    _no_sideways_scroll(page)
    screenshot(page, "herstelacademie-catalogus")
    page.get_by_role("link", name="Mijn verhaal, mijn kracht").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn verhaal, mijn kracht"
    page.get_by_role("textbox").fill("Leren vertellen zonder schaamte")
    screenshot(page, "herstelacademie-cursus")
    page.get_by_role("button", name="Schrijf me in").click()
    page.wait_for_load_state()
    assert "Mijn leertraject" in page.get_by_role("heading", level=1).inner_text()
    assert "Mijn verhaal, mijn kracht" in page.content()
    _no_sideways_scroll(page)
    assert _axe_violations(page) == []
    screenshot(page, "herstelacademie-leertraject")
    context.close()

    pass_time(course, days=7)  # both sessions are held now

    # The trainer takes attendance on a phone, in the room, for every session.
    context, page = _phone(browser, live_server, expert)
    page.goto(live_server.url + "/herstelacademie/lesgeven/")
    page.get_by_role("link", name="Mijn verhaal, mijn kracht").click()
    sessions = page.locator(".session-list a")
    links = [sessions.nth(i).get_attribute("href") for i in range(sessions.count())]
    assert len(links) == 2
    for link in links:
        page.goto(live_server.url + link)
        group = page.get_by_role("group", name=f"Aanwezigheid van {visitor.display_name}")
        group.get_by_role("button", name="Aanwezig").click()
        page.wait_for_load_state()
        pressed = page.get_by_role("group", name=f"Aanwezigheid van {visitor.display_name}")
        assert (
            pressed.get_by_role("button", name="Aanwezig").get_attribute("aria-pressed") == "true"
        )
    _no_sideways_scroll(page)
    assert _axe_violations(page) == []
    screenshot(page, "herstelacademie-aanwezigheid")
    context.close()

    # The student downloads the certificate.
    context, page = _phone(browser, live_server, visitor)
    page.goto(live_server.url + "/herstelacademie/mijn-leertraject/")
    link = page.get_by_role("link", name="Download mijn attest (pdf)")
    href = link.get_attribute("href")
    response = context.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert visitor.display_name in text
    assert "Mijn verhaal, mijn kracht" in text
    context.close()


@pytest.fixture
def demo_house(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False


def _check_pages(browser, live_server, user, paths):
    problems = {}
    context, page = _phone(browser, live_server, user)
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        _no_sideways_scroll(page)
        violations = _axe_violations(page)
        if violations:
            problems[path] = violations
        name = "-".join(part for part in path.strip("/").split("/") if not part.isdigit())
        screenshot(page, name.replace("herstelacademie", "herstel") or "herstel")
    context.close()
    return problems


def test_students_and_staff_pages_pass_axe_on_a_phone(browser, live_server, demo_house):
    from django.urls import reverse

    from herstelacademie import services
    from herstelacademie.models import Course, Enrollment, LearningEntry
    from huis.accounts.models import User

    sam = User.objects.get(email="bezoeker@huis.example")
    coordinator = User.objects.get(email="coordinator@huis.example")
    finished = Enrollment.objects.filter(user=sam, course__title="Mijn verhaal, mijn kracht").get()
    course = Course.objects.get(title="Mijn verhaal, mijn kracht")
    entry = LearningEntry.objects.create(plan=services.plan_for(user=sam), text="Rust")
    student_paths = [
        reverse("herstelacademie:plan"),
        reverse("herstelacademie:companion"),
        reverse("herstelacademie:entry_update", args=[entry.pk]),
        reverse("herstelacademie:evaluation", args=[finished.pk]),
        reverse("herstelacademie:programme", args=[course.term.slug]),
        course.get_absolute_url(),
    ]
    staff_paths = [
        reverse("herstelacademie:staff_list"),
        reverse("herstelacademie:teach"),
        reverse("herstelacademie:teach_course", args=[course.pk]),
        reverse("herstelacademie:session_attendance", args=[course.sessions.first().pk]),
        reverse("herstelacademie:evaluation_results", args=[course.pk]),
        reverse("herstelacademie:course_update", args=[course.pk]),
        reverse("herstelacademie:session_create", args=[course.pk]),
        reverse("herstelacademie:term_create"),
        reverse("herstelacademie:companion_list"),
    ]
    problems = _check_pages(browser, live_server, sam, student_paths)
    problems |= _check_pages(browser, live_server, coordinator, staff_paths)
    assert problems == {}
