"""On a 360 px phone, in Dutch: staff upload a list of course enrolments, read the preview (a
place, the waiting list, refused and why), enrol them; and a person with only a phone number
opens the login link of their text message. axe-core: zero violations on every page."""

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from herstelacademie.models import Enrollment
from huis.accounts import phone_login
from huis.accounts.models import User
from tests.herstelacademie.factories import make_course

from .conftest import PHONE, screenshot
from .test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _phone_checks(page) -> None:
    assert page.evaluate("document.documentElement.lang").startswith("nl")
    assert _axe_violations(page) == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_enrolment_import_preview_and_phone_login_on_a_phone(
    browser, live_server, expert, staff, tmp_path
):
    course = make_course(
        title="Veerkracht", experts=[expert], professionals=[staff], max_students=1
    )
    upload = tmp_path / "inschrijvingen.csv"
    upload.write_text(
        "naam;e-mail;gsm;taal;cursus\n"
        f"Els Peeters;els@example.org;;nl;{course.pk}\n"
        f"Gert Claes;;0470 12 34 56;nl;{course.pk}\n"
        "Piet;geen-adres;;nl;Veerkracht\n",
        encoding="utf-8",
    )
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, staff)
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(live_server.url + reverse("herstelacademie:enrolment_import"))
    _phone_checks(page)
    page.get_by_label("CSV- of XLSX-bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Toon het voorbeeld").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Voorbeeld van de import"
    rows = page.get_by_role("table").inner_text()
    assert "een plaats" in rows and "wachtlijst" in rows and "Ongeldig e-mailadres." in rows
    _phone_checks(page)
    shot = screenshot(page, "enrolment-import-preview")
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, DOCS / "enrolment-import-preview-phone.png")
    assert not Enrollment.objects.exists()  # the preview saved nothing

    page.get_by_role("button", name="Schrijf ze nu in").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Inschrijvingen geïmporteerd"
    _phone_checks(page)
    assert Enrollment.objects.count() == 2
    context.close()

    # Gert (only a phone number) opens the link of his text message: one button logs him in.
    gert = User.objects.get(phone="+32470123456")
    guest = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    guest.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    page = guest.new_page()
    page.set_default_timeout(15_000)
    page.goto(
        live_server.url
        + reverse("accounts:phone_login", kwargs={"token": phone_login.login_token(gert)})
    )
    _phone_checks(page)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    _phone_checks(page)
    assert "Je bent aangemeld" in page.content()
    guest.close()
