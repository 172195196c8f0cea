"""Every POST without a CSRF token is refused, on every URL of the portal, and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from .matrix import dummy_url, portal_url_names
from .test_crawl import table_checksums

pytestmark = pytest.mark.django_db


def _post_urls() -> list[str]:
    return sorted({dummy_url(name) for name in portal_url_names()})


@pytest.mark.parametrize("role", ["anonymous", "visitor", "staff", "administrator"])
def test_every_post_without_a_csrf_token_is_refused(role, request):
    client = Client(enforce_csrf_checks=True)
    user = request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    before = table_checksums()
    urls = _post_urls()
    accepted = []
    for url in urls:
        response = client.post(url, {"language": "fr", "name": "X", "email": "x@test.example"})
        if response.status_code != 403:
            accepted.append((url, response.status_code))
    assert not accepted, f"POST without a CSRF token was not refused: {accepted}"
    assert table_checksums() == before
    assert len(urls) > 60


def test_the_same_post_with_a_token_gets_through(client):
    """The control: with its token, the language switch works, so the refusals above are CSRF."""
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get(reverse("core:home"))
    token = page.context["csrf_token"]
    response = csrf_client.post(
        reverse("core:set_language"), {"language": "fr", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert csrf_client.cookies["django_language"].value == "fr"


def test_the_csrf_refusal_is_a_calm_page(client):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(reverse("core:set_language"), {"language": "fr"})
    assert response.status_code == 403
    assert "<html" in response.text and "CSRF verification failed" not in response.text
