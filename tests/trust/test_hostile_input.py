"""Every public form under a corpus of hostile input: never a 500, nothing executed in HTML, PDF,
.ics or CSV output, CSV cells starting with = + - @ neutralised."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from huis.core.input_guard import CONTROL_IN_TEXT

from .hostile import (
    CORPUS,
    assert_csv_cells_neutralised,
    assert_no_injected_markup,
    assert_scripts_are_ours,
)

pytestmark = pytest.mark.django_db


def _ok(response, where):
    assert response.status_code < 500, (where, response.status_code)
    if response.get("Content-Type", "").startswith("text/html"):
        text = response.content.decode()
        assert_no_injected_markup(text)
        assert_scripts_are_ours(text)


@pytest.fixture
def activity(db):
    from tests.factories import ActivityFactory

    return ActivityFactory(capacity=500, title="Samen koken")


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_guest_sign_up(client, activity, value, django_capture_on_commit_callbacks):
    url = reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])
    for data in (
        {"name": value, "email": "gast@test.example"},
        {"name": "Gast", "email": value},
        {"name": "Gast", "phone": value},
        {"name": "Gast", "email": "g@test.example", "places": value},
    ):
        cache.clear()
        with django_capture_on_commit_callbacks(execute=False):
            _ok(client.post(url, data), data)


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_account_sign_up_and_login_code(client, value):
    for url, data in (
        (reverse("account_signup"), {"email": value, "display_name": "Vera"}),
        (reverse("account_signup"), {"email": "v@test.example", "display_name": value}),
        (reverse("account_request_login_code"), {"email": value}),
        (reverse("account_login"), {"login": value}),
    ):
        cache.clear()
        _ok(client.post(url, data), (url, data))


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_testimony(client, visitor, value):
    client.force_login(visitor)
    url = reverse("beeldvorming:story_create")
    for data in (
        {"title": value, "body": "B", "attribution": "anonymous", "agree": "on"},
        {"title": "T", "body": value, "attribution": "anonymous", "agree": "on"},
        {"title": "T", "body": "B", "attribution": value, "agree": "on"},
        {"title": "T", "body": "B", "attribution": "name", "shown_name": value, "agree": "on"},
    ):
        cache.clear()
        _ok(client.post(url, data), data)


@pytest.mark.parametrize("value", CORPUS, ids=range(len(CORPUS)))
def test_language_switch_and_search(client, value):
    _ok(client.post(reverse("core:set_language"), {"language": value, "next": "/"}), "language")
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": value})
    if CONTROL_IN_TEXT.search(value):
        assert response.status_code == 400  # the input guard refuses control characters
    else:
        assert response.status_code == 302
        assert response.url.startswith("/") and not response.url.startswith("//")
    for params in ({"q": value}, {"week": value}, {"category": value}, {"na": value}):
        _ok(client.get(reverse("ontmoeting:home"), params), params)
    _ok(client.get(reverse("agenda_feed"), {"categorie": value}), "feed")
    _ok(client.get(reverse("verhalen:list"), {"page": value}), "stories")


def test_hostile_names_are_harmless_in_every_output(
    client, activity, staff, visitor, django_capture_on_commit_callbacks
):
    """What a guest typed shows up on staff pages, the CSV, the calendar and the PDF download:
    always as text, never as markup or a formula."""
    from pypdf import PdfReader

    from huis.accounts.pdf import export_pdf
    from huis.accounts.privacy import personal_data_export
    from ontmoeting.services import registration_create

    hostile = [v for v in CORPUS if v.strip() and "\x00" not in v and len(v) < 120]
    with django_capture_on_commit_callbacks(execute=False):
        for n, value in enumerate(hostile):
            registration_create(
                activity=activity, actor=None, name=value, email=f"g{n}@test.example"
            )
    client.force_login(staff)
    _ok(client.get(reverse("ontmoeting:attendance", args=[activity.pk])), "attendance")
    _ok(client.get(reverse("ontmoeting:staff_activity", args=[activity.pk])), "staff page")
    csv_response = client.get(reverse("ontmoeting:attendance_csv", args=[activity.pk]))
    assert csv_response.status_code == 200
    csv_text = csv_response.content.decode("utf-8-sig")
    assert_csv_cells_neutralised(csv_text)
    assert "=HYPERLINK" in csv_text.replace("'=HYPERLINK", "=HYPERLINK")  # kept, as text

    ics = client.get(reverse("ontmoeting:activity_ics", args=[activity.pk, activity.slug]))
    assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.content
    assert_no_injected_markup(ics.content.decode())

    visitor.display_name = "<script>alert('xss')</script>"
    visitor.phone = "=1+2"
    visitor.save()
    pdf = export_pdf(personal_data_export(user=visitor))
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "<script>alert('xss')</script>" in text  # shown as text
    for page in reader.pages:  # and nothing in the PDF can run: no JavaScript, no actions
        assert "/JS" not in page and "/AA" not in page
    assert "/JavaScript" not in reader.trailer["/Root"].get("/Names", {})
    assert "/OpenAction" not in reader.trailer["/Root"]


def test_hostile_story_is_escaped_on_the_public_pages_and_the_feed(client, visitor):
    from tests import factories

    story = factories.TestimonyFactory(
        author=visitor,
        title="<script>alert('xss')</script>",
        body='"><img src=x onerror=alert(1)>\u202egnp.exe',
        attribution="name",
        shown_name="<svg/onload=alert(1)>",
        published=True,
    )
    for url in (reverse("verhalen:detail", args=[story.pk]), reverse("verhalen:list")):
        _ok(client.get(url), url)
    feed = client.get(reverse("verhalen:feed"))
    assert feed.status_code == 200
    assert_no_injected_markup(feed.content.decode())
