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


def test_a_page_of_the_list_reads_that_page_from_the_cache_not_the_whole_list(as_role, monkeypatch):
    """The whole list is over a MB in a full house: a view reads one page of it (issue #30)."""
    from django.core.cache import cache

    staff = as_role("staff")
    ActivityFactory.create_batch(120, category="creatief")
    url = reverse("uitdatabank:publications")
    staff.get(url, {"page": "2"})  # kept
    # A publication changes: the page's rows are drawn again, from the kept list's page.
    activity = ActivityFactory.create_batch(1, category="creatief")[0]
    staff.get(url, {"page": "2"})
    Publication.objects.create(source="activity", object_id=activity.pk, wanted=True)
    asked: list[str] = []
    get_many = cache.get_many
    monkeypatch.setattr(
        cache, "get_many", lambda keys, *a, **k: asked.extend(keys) or get_many(keys, *a, **k)
    )
    page = staff.get(url, {"page": "2"}).text
    assert page.count('name="wanted"') == 50 and "Pagina 2 van 3" in page
    assert any(":uitdatabank-upcoming-page:" in key for key in asked)
    assert not any(":uitdatabank-upcoming:" in key for key in asked), asked


def test_a_sign_up_leaves_the_kept_list_alone(as_role, monkeypatch):
    """The list holds titles and dates, no places: a busy sign-up day does not make it again."""
    from tests.places.test_places import make_offering, sign_up
    from uitdatabank import sources

    staff = as_role("staff")
    ActivityFactory.create_batch(3, category="creatief")
    url = reverse("uitdatabank:publications")
    staff.get(url)  # kept
    made = []
    upcoming = sources.upcoming
    monkeypatch.setattr(sources, "upcoming", lambda **kw: made.append(1) or upcoming(**kw))
    sign_up(make_offering(), 1)
    assert staff.get(url).status_code == 200
    assert made == []
    ActivityFactory(category="creatief", title="Nieuw")  # a change of the programme: made again
    assert "Nieuw" in staff.get(url).text
    assert made == [1]
