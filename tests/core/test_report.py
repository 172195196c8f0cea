"""The yearly report (issue #27) on the demo house: every section's totals equal its function's
own figures for the same period, a second run gives the same numbers (from the cache, no
query), a change makes only its own section again, and the page, the build and the downloads.

The demo house is seeded once for the module inside a transaction that is rolled back at the end,
so no other test sees it.
"""

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from huis.accounts.models import User
from huis.core.registry import report_sections
from huis.core.report import exports
from huis.core.report.build import build_report, mark_queued, progress, ready_report
from huis.core.report.figures import Period
from huis.core.report.pdf import report_pdf
from huis.core.tasks import build_report_task
from tests.demo_house import seeded_demo_house
from tests.pdfcheck import assert_tagged_pdf

YEAR = timezone.localdate().year
PERIOD = Period.year(YEAR)


@pytest.fixture(scope="module")
def demo_house(django_db_setup, django_db_blocker):
    with seeded_demo_house(django_db_blocker):
        yield


@pytest.fixture
def house(demo_house, db):
    return User.objects.get(email="coordinator@huis.example")


def _report():
    return build_report(period=PERIOD)


def _section(name):
    return next(s for s in _report().sections if s.name == name)


def test_every_function_has_its_section(house):
    names = [s.name for s in report_sections()]
    functions = [
        "ontmoeting",
        "herstelacademie",
        "ervaringsdeskundigen",
        "beeldvorming",
        "kwartiermaken",
        "netwerk",
        "trajecten",
    ]
    # In this order; a function added later (the volunteers) registers its own section too.
    assert [n for n in names if n in functions] == functions
    for section in _report().sections:
        assert section.figures, section.name
        for figure in section.figures:
            assert figure.definition and figure.label, (section.name, figure.key)


# --- Reconciliation: each section against its function's own figures ------------------------


def test_ontmoeting_equals_the_yearly_overview(house):
    from ontmoeting.selectors import overview

    _months, total = overview(year=YEAR)
    section = _section("ontmoeting")
    assert total.activities > 0
    assert section.value("activities") == total.activities
    assert section.value("cancelled") == total.cancelled
    assert section.value("places") == total.places_signed_up
    assert section.value("attended") == total.attended
    assert section.value("activity_walk_ins") == total.activity_walk_ins
    assert section.value("walk_ins") == total.walk_ins


def test_herstelacademie_equals_its_courses_and_certificates(house):
    from herstelacademie.models import Course, CourseSession, Enrollment, EvaluationResponse
    from herstelacademie.progress import earns_certificate, progress

    sessions = CourseSession.objects.filter(course__status="published", starts_at__year=YEAR)
    courses = {s.course_id for s in sessions}
    enrolments = [
        e
        for e in Enrollment.objects.filter(course_id__in=courses).select_related("claim")
        if e.cancelled_at is None and e.has_place
    ]
    section = _section("herstelacademie")
    assert section.value("sessions") == sessions.count() > 0
    assert section.value("courses") == len(courses)
    assert section.value("enrolments") == len(enrolments)
    students = {
        e.user.email.lower() if e.user else (e.claim.email.lower() or e.claim.phone)
        for e in enrolments
    }
    assert any(e.user is None for e in enrolments)  # the demo's guest enrolment counts too
    assert section.value("students") == len(students)
    assert (
        section.value("evaluations")
        == EvaluationResponse.objects.filter(course_id__in=courses).count()
    )
    ended = Course.objects.filter(
        status="published",
        last_session_ends_at__year=YEAR,
        last_session_ends_at__lte=timezone.now(),
    )
    earned = finished = 0
    for course in ended:
        for e in course.enrollments.select_related("claim"):
            if e.cancelled_at is None and e.has_place:
                finished += 1
                result = progress(
                    enrollment=e,
                    sessions=course.sessions.order_by("starts_at"),
                    attendances=e.attendances.all(),
                )
                earned += earns_certificate(course=course, enrollment=e, result=result)
    assert section.value("finished") == finished
    assert section.value("completed") == earned


def test_ervaringsdeskundigen_equals_the_experts_year_totals(house):
    from ervaringsdeskundigen.models import Assignment, Expert, ExpertRequest
    from ervaringsdeskundigen.selectors.assignments import year_totals

    hours = sum((year_totals(expert=e, year=YEAR).hours for e in Expert.objects.all()), Decimal(0))
    accepted = Assignment.objects.filter(status="accepted", starts_at__year=YEAR)
    section = _section("ervaringsdeskundigen")
    assert section.value("hours") == hours
    assert section.value("assignments") == accepted.count() > 0
    assert section.value("experts") == accepted.values("expert").distinct().count()
    assert section.value("requests") == ExpertRequest.objects.filter(created_at__year=YEAR).count()
    by_kind = next(c for c in section.charts if c.rows and sum(r.value for r in c.rows))
    assert sum(r.value for r in by_kind.rows) == section.value("requests")


def test_vrijwilligers_equals_the_house_figures_page(house):
    from vrijwilligers.selectors import house_figures

    months = house_figures(year=YEAR)
    section = _section("vrijwilligers")
    assert section.value("filled") == sum(m.shifts_filled for m in months)
    assert section.value("unfilled") == sum(m.shifts_unfilled for m in months)
    assert section.value("shifts") == section.value("filled") + section.value("unfilled") > 0
    assert section.value("hours") == sum((m.hours for m in months), Decimal(0))
    people = next(c for c in section.charts if c.people)
    assert [r.value for r in people.rows] == [m.volunteers for m in months]


def test_beeldvorming_equals_the_reach_page(house):
    from beeldvorming.selectors import reach_for

    reach = reach_for(user=house, year=YEAR)
    section = _section("beeldvorming")
    assert section.value("reach") == reach.total_people > 0
    assert section.value("actions") == reach.total_actions
    chart = section.charts[0]
    assert [(r.label, r.value) for r in chart.rows] == [
        (r.label, r.people) for r in reach.by_audience
    ]


def test_kwartiermaken_equals_the_overview_page(house):
    from kwartiermaken.selectors.overview import OverviewFilter, overview_for

    overview = overview_for(user=house, filters=OverviewFilter(year=YEAR))
    section = _section("kwartiermaken")
    assert section.value("entries") == overview.total_entries > 0
    assert section.value("people") == overview.total_people
    assert section.value("referrals") == overview.total_referrals
    assert section.value("signals") == overview.total_signals


def test_netwerk_equals_its_referrals(house):
    from netwerk.models import Referral

    referrals = list(Referral.objects.filter(created_at__year=YEAR))
    section = _section("netwerk")
    assert section.value("referrals") == len(referrals) > 0
    assert section.value("referred_people") == len({r.person_id for r in referrals})
    assert section.value("declined") == sum(r.status == "declined" for r in referrals)
    assert section.value("closed") == sum(r.status == "closed" for r in referrals)
    chart = section.charts[0]
    assert sum(r.value for r in chart.rows) == len(referrals)


def test_trajecten_equals_the_funders_results_page(house):
    from trajecten.models import Programme
    from trajecten.selectors import programme_results

    results = [programme_results(programme=p) for p in Programme.objects.all()]
    section = _section("trajecten")
    assert section.value("started") == sum(r.started for r in results) > 0
    assert section.value("open") == sum(r.open for r in results)
    assert section.value("ended") == sum(r.ended_total for r in results)
    for months in (6, 12, 24):
        assert section.value(f"housed_{months}") == sum(r.check(months).housed for r in results)
        assert section.value(f"checked_{months}") == sum(r.check(months).checked for r in results)


# --- Same numbers again, from the cache; a change makes only its own section again ---------


def _without_keys(report):
    return [dataclasses.replace(s, people_keys=frozenset()) for s in report.sections]


def test_a_second_run_gives_the_same_numbers_from_the_cache(house, django_assert_num_queries):
    first = _report()
    with django_assert_num_queries(0):
        again = ready_report(period=PERIOD)
        second = _report()
    assert first == second
    assert again.sections == _without_keys(first) and again.unique_people == first.unique_people
    assert first.unique_people > 0


def test_an_open_report_is_read_in_one_round_trip_without_the_peoples_keys(
    house, redis_round_trips
):
    first = _report()
    assert any(s.people_keys for s in first.sections)
    ready_report(period=PERIOD)  # the first opening after a build makes the summary
    redis_round_trips[0] = 0
    opened = ready_report(period=PERIOD)
    assert redis_round_trips[0] == 1  # whatever the size of the house
    # The same figures and house-wide count; no pseudonymous key is read to show them.
    assert opened.sections == _without_keys(first)
    assert opened.unique_people == first.unique_people


def test_a_change_builds_only_its_own_section_again(house):
    from ontmoeting.models import WalkInTally

    first = _report()
    assert ready_report(period=PERIOD) is not None  # opened: its summary is kept
    WalkInTally.objects.create(
        date=dt.date(YEAR, 1, 2), opens_at=dt.time(14), closes_at=dt.time(17), count=7
    )
    assert ready_report(period=PERIOD) is None  # the meeting's data changed: not the old one
    second = _report()
    before, after = first.sections[0], second.sections[0]
    assert after.value("walk_ins") == before.value("walk_ins") + 7
    assert second.sections[1:] == first.sections[1:]


def test_a_report_whose_data_changed_is_known_to_need_making_without_reading_its_sections(
    house, redis_round_trips, monkeypatch
):
    """After any change to the year's data the page says the report must be made again; it learns
    that from the sections' stamps, never by fetching the sections with the people's keys (at full
    scale that was 8 MB a page view)."""
    from django.core.cache import cache

    from ontmoeting.models import WalkInTally

    _report()
    assert ready_report(period=PERIOD) is not None
    WalkInTally.objects.create(
        date=dt.date(YEAR, 1, 3), opens_at=dt.time(14), closes_at=dt.time(17), count=2
    )
    asked = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: asked.extend(keys) or get_many(keys))
    redis_round_trips[0] = 0
    assert ready_report(period=PERIOD) is None
    assert redis_round_trips[0] == 2  # the summary, then the sections' stamps
    assert [k for k in asked if k.startswith("cached-stamp:report:")]
    assert not [k for k in asked if k.startswith("cached:report:")]  # no section was read
    assert _report() is not None and ready_report(period=PERIOD) is not None


def test_a_report_made_on_request_is_seen_as_made_even_if_the_cache_dropped_a_stamp(house):
    from django.core.cache import cache

    from huis.core.registry import report_sections
    from huis.core.report.build import _cached, _parts

    _report()
    first = report_sections()[0]
    cache.delete(_cached(first.name)._stamp_key(_parts(PERIOD)))  # evicted alone
    assert ready_report(period=PERIOD) is None  # the page asks for the report to be made
    _report()  # made on request: every section is found in the cache, and stamped again
    assert ready_report(period=PERIOD) is not None


def test_a_mid_year_period_counts_only_its_days(house):
    half = build_report(period=Period(dt.date(YEAR, 1, 1), dt.date(YEAR, 6, 30)))
    other = build_report(period=Period(dt.date(YEAR, 7, 1), dt.date(YEAR, 12, 31)))
    whole = _report()
    for key in ("activities", "places", "walk_ins"):
        assert half.sections[0].value(key) + other.sections[0].value(key) == (
            whole.sections[0].value(key)
        )


# --- The page, the build in the background, the downloads -----------------------------------


def test_the_page_asks_for_the_report_then_shows_progress_then_the_report(house, client):
    client.force_login(house)
    page = reverse("core:report")
    response = client.get(page, {"jaar": YEAR})
    assert response.status_code == 200
    assert not response.context["report_html"] and not response.context["building"]
    assert reverse("core:report_build") in response.content.decode()

    response = client.post(reverse("core:report_build") + f"?jaar={YEAR}")
    assert response.status_code == 302
    assert progress(period=PERIOD)["done"] == 0
    assert not mark_queued(period=PERIOD)  # pressed again: asked only once
    response = client.get(page, {"jaar": YEAR})
    assert response.context["building"]
    assert 'http-equiv="refresh"' in response.content.decode()

    build_report_task(PERIOD.start.isoformat(), PERIOD.end.isoformat(), "nl")  # the worker
    assert progress(period=PERIOD) is None
    response = client.get(page, {"jaar": YEAR})
    assert response.context["report_html"]
    assert response.text.count('<section class="report-section"') == len(report_sections())


def test_the_report_is_drawn_once_per_version_of_its_data(house, client):
    """Drawing dozens of tables was most of the page's time (issue #30): the drawn part is kept
    beside the summary and drawn again only after a change."""
    from ontmoeting.models import WalkInTally

    client.force_login(house)
    page = reverse("core:report")
    _report()
    first = client.get(page, {"jaar": YEAR})
    assert "core/report/_section.html" in [t.name for t in first.templates]
    again = client.get(page, {"jaar": YEAR})
    assert "core/report/_section.html" not in [t.name for t in again.templates]
    kept = again.text.count('<section class="report-section"')
    assert kept == len(report_sections()) and again.text == first.text.replace(
        _csrf(first.text), _csrf(again.text)
    )
    WalkInTally.objects.create(
        date=dt.date(YEAR, 1, 4), opens_at=dt.time(14), closes_at=dt.time(17), count=3
    )
    changed = client.get(page, {"jaar": YEAR})  # the data changed: not the old drawing
    assert not changed.context["report_html"] and reverse("core:report_build") in changed.text
    _report()
    drawn = client.get(page, {"jaar": YEAR})
    assert "core/report/_section.html" in [t.name for t in drawn.templates]


def _csrf(html: str) -> str:
    import re

    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else ""


def test_the_downloads_say_the_same_with_the_same_definitions(house, client):
    client.force_login(house)
    build_report_task(PERIOD.start.isoformat(), PERIOD.end.isoformat(), "nl")
    query = f"?jaar={YEAR}"
    pdf = client.get(reverse("core:report_download", args=["pdf"]) + query)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_tagged_pdf(pdf.content, lang="nl")
    text = " ".join(
        (page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    flat = " ".join(text.split())

    xlsx = client.get(reverse("core:report_download", args=["xlsx"]) + query)
    book = load_workbook(io.BytesIO(xlsx.content))
    report = ready_report(period=PERIOD)
    titles = [s.title for s in report.sections]
    assert book.sheetnames[1:-1] == [t[:31] for t in titles]
    assert book.sheetnames[-1] in ("Definities", "Definitions")
    definitions = [
        row[2] for row in book[book.sheetnames[-1]].iter_rows(min_row=2, values_only=True)
    ]
    assert len(definitions) == sum(len(s.figures) for s in report.sections)
    # The same definition texts in the PDF and the workbook.
    for definition in definitions[:6]:
        assert " ".join(definition.split())[:40] in flat, definition

    csv = client.get(reverse("core:report_download", args=["csv"]) + query)
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 + sum(len(s.figures) for s in report.sections)


def test_bad_periods_fall_back_to_the_year_with_a_message(house, client):
    client.force_login(house)
    page = reverse("core:report")
    for query in (
        {"jaar": "abc"},
        {"jaar": YEAR, "van": "2026-13-45"},
        {"jaar": YEAR, "van": f"{YEAR}-06-01", "tot": f"{YEAR}-01-01"},
        {"jaar": "99999"},
    ):
        response = client.get(page, query)
        assert response.status_code == 200, query
    response = client.get(page, {"jaar": YEAR, "van": f"{YEAR}-06-01", "tot": f"{YEAR}-01-01"})
    assert response.context["period_error"]
    assert response.context["period"] == PERIOD
    assert client.get(reverse("core:report_download", args=["exe"])).status_code == 404


def test_the_pdf_of_the_demo_year_is_tagged_and_has_vector_charts(house):
    content = report_pdf(_report())
    assert_tagged_pdf(content, lang=None)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 8  # a cover and a page per function
    # Charts are drawn as paths (vectors), not embedded pictures.
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert all(xobjects[name].get("/Subtype") != "/Image" for name in xobjects)
    assert exports.csv_text(_report())
