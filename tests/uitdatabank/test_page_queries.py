"""The staff page costs the same queries for few and many
rows and answers in Dutch, French and English."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActivityFactory
from uitdatabank.models import Change, Publication

pytestmark = pytest.mark.django_db


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("uitdatabank:publications")).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_3_and_30_activities(as_role):
    """Read again after a change, and kept (the coming activities and courses) until the next."""
    staff = as_role("staff")
    for n in range(3):
        activity = ActivityFactory(category="creatief", title=f"Klein {n}")
        Publication.objects.create(source="activity", object_id=activity.pk, wanted=True)
    _page_queries(staff)  # the session and the caches, once
    ActivityFactory(category="creatief", title="Nog een")  # the kept list is read again
    few_read = _page_queries(staff)
    few_kept = _page_queries(staff)
    assert few_kept < few_read
    for n in range(27):
        activity = ActivityFactory(category="creatief", title=f"Groot {n}")
        publication = Publication.objects.create(
            source="activity", object_id=activity.pk, wanted=True, event_id=f"e{n}"
        )
        Change.objects.create(
            publication=publication, kind="sync", status="failed", due_at=activity.starts_at
        )
    assert _page_queries(staff) == few_read
    assert _page_queries(staff) == few_kept


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("nl", "Publiceren in UiTdatabank"),
        ("fr", "Publier dans l'UiTdatabank"),
        ("en", "Publishing to UiTdatabank"),
    ],
)
def test_the_page_speaks_three_languages(as_role, settings, language, title):
    staff = as_role("staff")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = staff.get(reverse("uitdatabank:publications")).text
    assert title.replace("'", "&#x27;") in page or title in page


def test_the_list_comes_in_pages_of_50_that_keep_the_chosen_state(as_role):
    staff = as_role("staff")
    ActivityFactory.create_batch(120, category="creatief")
    url = reverse("uitdatabank:publications")
    first = staff.get(url).text
    assert first.count('name="wanted"') == 50
    assert "Pagina 1 van 3" in first and 'href="?page=2"' in first
    last = staff.get(url, {"page": "3"}).text
    assert last.count('name="wanted"') == 20 and 'href="?page=2"' in last
    assert staff.get(url, {"page": "vier"}).status_code == 200  # not a number: the first page
    filtered = staff.get(url, {"state": "not_published"}).text
    assert 'href="?state=not_published&amp;page=2"' in filtered
