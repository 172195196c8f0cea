"""CSRF secrets from one read of the random source (huis.core.csrf_secrets): the same strings as
Django's, each character uniform, and Django's checks unchanged."""

import inspect
from collections import Counter

import pytest
from django.middleware import csrf
from django.test import Client
from django.urls import reverse

from huis.core.csrf_secrets import csrf_string


def test_django_makes_every_new_secret_and_mask_with_it():
    # An upgrade of Django that makes them another way fails here, not silently.
    assert csrf._get_new_csrf_string is csrf_string
    for made_by_django in (csrf._add_new_csrf_cookie, csrf._mask_cipher_secret):
        assert "_get_new_csrf_string()" in inspect.getsource(made_by_django)


def test_a_secret_is_32_allowed_characters_and_never_repeats():
    made = [csrf_string() for _ in range(5_000)]
    assert len(set(made)) == len(made)
    assert all(len(s) == 32 and set(s) <= set(csrf.CSRF_ALLOWED_CHARS) for s in made)


def test_every_character_is_equally_likely_in_every_place():
    """640,000 characters: each of the 62 within 6 % of its share (6 standard deviations). A
    plain `byte % 62` would give the first eight a quarter more: this test would fail."""
    made = [csrf_string() for _ in range(20_000)]
    overall = Counter("".join(made))
    expected = 20_000 * 32 / 62
    assert set(overall) == set(csrf.CSRF_ALLOWED_CHARS)
    assert all(abs(n - expected) < 0.06 * expected for n in overall.values()), overall
    for place in (0, 31):
        counts = Counter(s[place] for s in made)
        share = 20_000 / 62
        assert all(abs(counts[c] - share) < 0.35 * share for c in csrf.CSRF_ALLOWED_CHARS)


@pytest.mark.django_db
def test_a_page_token_is_accepted_and_another_visitors_token_refused():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = [c.get(reverse("core:home")).context["csrf_token"] for c in (first, second)]
    url = reverse("core:set_language")
    refused = first.post(url, {"language": "fr", "next": "/", "csrfmiddlewaretoken": tokens[1]})
    assert refused.status_code == 403
    accepted = first.post(url, {"language": "fr", "next": "/", "csrfmiddlewaretoken": tokens[0]})
    assert accepted.status_code == 302
