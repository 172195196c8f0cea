"""Property-based fuzzing (Hypothesis) of every public form: whatever is typed or sent, the
portal answers with a page or a redirect, never a 500, and never echoes markup unescaped."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from huis.core.input_guard import CONTROL_IN_TEXT

from .hostile import CORPUS, assert_no_injected_markup, assert_scripts_are_ours

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples every run: a failure can be reproduced
)

# Any text, hostile snippets, and mixes of both.
text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(CORPUS),
    st.tuples(st.sampled_from(CORPUS), st.text(max_size=20)).map("".join),
)
form_values = st.one_of(text, st.lists(text, max_size=3))


def _post(url: str, data: dict, **extra):
    cache.clear()  # the rate limits are tested elsewhere; here every example must reach the form
    response = Client().post(url, data, **extra)
    assert response.status_code < 500, (url, data)
    if response.get("Content-Type", "").startswith("text/html"):
        assert_no_injected_markup(response.content.decode())
        assert_scripts_are_ours(response.content.decode())
    return response


@pytest.fixture
def activity(db):
    from tests.factories import ActivityFactory

    return ActivityFactory(capacity=1000)


@FUZZ
@given(name=text, email=text, phone=text, places=form_values)
def test_guest_sign_up(activity, name, email, phone, places):
    url = reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])
    _post(url, {"name": name, "email": email, "phone": phone, "places": places})


@FUZZ
@given(email=text, display_name=text)
def test_account_sign_up(email, display_name):
    _post(reverse("account_signup"), {"email": email, "display_name": display_name})


@FUZZ
@given(email=text, code=text)
def test_login_by_code(email, code):
    _post(reverse("account_request_login_code"), {"email": email})
    _post(reverse("account_confirm_login_code"), {"code": code})


@FUZZ
@given(title=text, body=text, attribution=form_values, shown_name=text, agree=form_values)
def test_testimony(visitor, title, body, attribution, shown_name, agree):
    client = Client()
    client.force_login(visitor)
    cache.clear()
    data = {
        "title": title,
        "body": body,
        "attribution": attribution,
        "shown_name": shown_name,
        "agree": agree,
    }
    response = client.post(reverse("beeldvorming:story_create"), data)
    assert response.status_code < 500
    assert_no_injected_markup(response.content.decode())


@FUZZ
@given(language=form_values, next_url=text)
def test_language_switch(language, next_url):
    response = _post(reverse("core:set_language"), {"language": language, "next": next_url})
    values = language if isinstance(language, list) else [language]
    if any(CONTROL_IN_TEXT.search(v) for v in [*values, next_url]):
        assert response.status_code == 400  # the input guard refuses control characters
        return
    assert response.status_code == 302
    assert response.url.startswith("/") and not response.url.startswith("//")


@FUZZ
@given(q=text, week=text, category=text, cursor=text)
def test_agenda_filters(q, week, category, cursor):
    cache.clear()
    response = Client().get(
        reverse("ontmoeting:home"), {"q": q, "week": week, "category": category, "na": cursor}
    )
    assert response.status_code < 500
    assert_no_injected_markup(response.content.decode())
