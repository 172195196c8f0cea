"""No cache keeps a private answer (issue #20, item 8): every page reached through a private link
or shown to a logged-in person, and every answer to a form, is `Cache-Control: private, no-store`.
Only what an anonymous person reads on a public page may be cached.

The crawls check this on every page they visit (tests/trust/test_headers.assert_headers), also on
the demo house's private links (tests/trust/test_hostile_crawl.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _private(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return "no-store" in cache_control and "private" in cache_control


def _path(url: str) -> str:
    from django.conf import settings

    return url.removeprefix(settings.SITE_URL)


def test_a_guests_own_sign_up_page_is_never_stored(client, django_capture_on_commit_callbacks):
    from ontmoeting.notify import manage_url
    from ontmoeting.services import registration_create
    from tests.factories import ActivityFactory

    activity = ActivityFactory(capacity=10)
    with django_capture_on_commit_callbacks(execute=False):
        claim = registration_create(
            activity=activity, actor=None, name="Sam", email="sam@test.example"
        )
    response = client.get(_path(manage_url(claim, activity)))
    assert response.status_code == 200
    assert "Sam" in response.text
    assert _private(response)


def test_a_requests_follow_page_is_never_stored(client):
    from ervaringsdeskundigen.notify import follow_url
    from tests.ervaringsdeskundigen.factories import ExpertRequestFactory

    response = client.get(_path(follow_url(ExpertRequestFactory())))
    assert response.status_code == 200
    assert _private(response)


def test_the_answer_to_a_form_is_never_stored(client):
    response = client.post(reverse("account_request_login_code"), {"email": "x@test.example"})
    assert _private(response)


def test_every_page_to_a_logged_in_person_is_never_stored(client, visitor):
    client.force_login(visitor)
    for name in ("core:home", "ontmoeting:home", "accounts:profile"):
        assert _private(client.get(reverse(name))), name


def test_public_pages_for_anonymous_visitors_may_still_be_cached(client):
    for name in ("core:home", "ontmoeting:home", "verhalen:list"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), name
