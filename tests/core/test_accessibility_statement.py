"""The accessibility statement: reachable from every page, honest about what was tested, and
giving the house's own contact details to report a problem."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from huis.accounts.models import Organisation
from huis.core.views import AXE_CORE_VERSION

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_statement(client):
    for name in ("core:home", "core:privacy", "ontmoeting:home"):
        assert f'href="{reverse("core:accessibility")}"' in client.get(reverse(name)).text


def test_the_statement_says_what_was_tested_what_fails_and_whom_to_tell(client):
    Organisation.objects.create(
        name="Huis met vele kamers",
        slug="huis",
        kind=Organisation.Kind.HOUSE,
        email="toegankelijk@huis.example",
        phone="09 123 45 67",
        address="Kammerstraat 1, 9000 Gent",
    )
    html = client.get(reverse("core:accessibility")).text
    assert "<h1>Toegankelijkheid</h1>" in html
    assert f"axe-core {AXE_CORE_VERSION}" in html
    assert "WCAG 2.2" in html
    assert 'href="mailto:toegankelijk@huis.example"' in html
    assert "09 123 45 67" in html
    assert "Kammerstraat 1, 9000 Gent" in html
    assert "vlaamseombudsdienst.be" in html


def test_the_statement_works_without_a_house_in_the_database(client):
    response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
    assert "mailto:" not in response.text


@pytest.mark.parametrize(
    ("language", "heading"), [("fr", "Accessibilité"), ("en", "Accessibility")]
)
def test_the_statement_in_french_and_english(client, language, heading):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert f"<h1>{heading}</h1>" in client.get(reverse("core:accessibility")).text


def test_the_axe_version_named_is_the_one_the_tests_install():
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == AXE_CORE_VERSION
