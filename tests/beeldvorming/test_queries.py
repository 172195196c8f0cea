"""List pages cost the same number of queries with few or many rows.

Each test measures at two data sizes, each after a warm-up request. A logged-in page then pays one
query that is not the page's own (the person); roles and permissions come from the cache and the
session list is written at most once a minute (huis.accounts.authz, huis.accounts.middleware).
"""

import pytest
from django.urls import reverse

from tests.factories import CampaignActionFactory, CampaignFactory
from tests.factories import TestimonyFactory as StoryFactory

pytestmark = pytest.mark.django_db


def _stories(n: int, **kwargs) -> None:
    for _ in range(n):
        StoryFactory(**kwargs)


def _campaigns(n: int) -> None:
    for _ in range(n):
        CampaignActionFactory.create_batch(2, campaign=CampaignFactory())


def _assert_constant(client, url, grow, expected, django_assert_num_queries, data=None):
    for size in (1, 15):
        grow(size)
        # Warm up: the session, and the cached roles that new people joining a group renewed.
        client.get(url, data)
        with django_assert_num_queries(expected):
            response = client.get(url, data)
        assert response.status_code == 200
    return response


PUBLISHED = {"published": True, "attribution": "first_name", "shown_name": "Mira"}


def test_public_story_list_queries(client, django_assert_num_queries):
    # The page count and one page of stories with their consent.
    response = _assert_constant(
        client,
        reverse("verhalen:list"),
        lambda n: _stories(n, **PUBLISHED),
        2,
        django_assert_num_queries,
    )
    assert response.text.count('class="story-card"') == 16


def test_public_story_feed_queries(client, django_assert_num_queries):
    _assert_constant(
        client,
        reverse("verhalen:feed"),
        lambda n: _stories(n, **PUBLISHED),
        1,
        django_assert_num_queries,
    )


def test_staff_campaign_list_queries(client, staff, django_assert_num_queries):
    client.force_login(staff)
    # The page count, and the campaigns with their totals and counts in one query.
    response = _assert_constant(
        client,
        reverse("beeldvorming:campaign_list"),
        _campaigns,
        2,  # the logged-in person comes from the cache (huis.accounts.authz)
        django_assert_num_queries,
    )
    assert response.text.count('<th scope="row">') == 16


def test_staff_review_list_queries(client, staff, django_assert_num_queries):
    client.force_login(staff)
    _assert_constant(
        client,
        reverse("beeldvorming:review_list"),
        lambda n: _stories(n, **PUBLISHED),
        2,
        django_assert_num_queries,
    )


def test_my_stories_queries(client, visitor, django_assert_num_queries):
    client.force_login(visitor)
    _assert_constant(
        client,
        reverse("beeldvorming:my_stories"),
        lambda n: _stories(n, author=visitor),
        1,
        django_assert_num_queries,
    )


def test_reach_page_queries(client, staff, django_assert_num_queries):
    client.force_login(staff)
    _assert_constant(
        client,
        reverse("beeldvorming:reach"),
        _campaigns,
        4,
        django_assert_num_queries,
        data={"jaar": "alle"},
    )
