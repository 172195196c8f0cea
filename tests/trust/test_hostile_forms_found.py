"""Every form the crawl finds on the portal's pages, as a visitor without and with an account,
gets the hostile corpus in each of its fields: never a 500, never markup echoed unescaped.

Forms are found in the pages, not listed here: a public form a function adds later (a request
for an expert, a contact form) is covered as soon as a page links to it.
"""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client

from tests.demo_house import seeded_demo_house

from .hostile import CORPUS, assert_no_injected_markup, assert_scripts_are_ours
from .test_crawl import crawl

pytestmark = pytest.mark.django_db

# The nastiest of the corpus: markup, a formula, very long text, unicode tricks, a NUL byte.
NASTY = [CORPUS[i] for i in (0, 1, 5, 12, 13, 14, 17, 18, 25)]
# Logging out and deleting the account end the crawl's session; the language switch has its test.
SKIP_ACTIONS = ("/account/logout/", "/taal/", "/profiel/account-verwijderen/")


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}}
        elif self._current is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if name and name != "csrfmiddlewaretoken":
                kind = attrs.get("type", tag)
                self._current["fields"].setdefault(name, attrs.get("value") or "")
                if kind in ("submit", "hidden", "radio", "checkbox"):
                    self._current.setdefault("fixed", set()).add(name)

    def handle_endtag(self, tag):
        if tag == "form" and self._current is not None:
            self.forms.append(self._current)
            self._current = None


def _forms_on(client, pages) -> dict[tuple[str, str], dict]:
    found = {}
    for url, status in pages:
        if status != 200:
            continue
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or url
            if action.startswith(SKIP_ACTIONS) or not action.startswith("/"):
                continue
            key = (action, ",".join(sorted(form["fields"])))
            found.setdefault(key, form | {"action": action})
    return found


@pytest.fixture(scope="module")
def demo_house(django_db_setup, django_db_blocker):
    """Seeded once for both visitors; what one's posts change is rolled back before the other."""
    with seeded_demo_house(django_db_blocker):
        yield


@pytest.mark.parametrize("who", ["anonymous", "visitor"])
def test_every_form_on_the_portal_survives_the_hostile_corpus(
    who, demo_house, request, django_capture_on_commit_callbacks
):
    client = Client()
    if who == "visitor":
        from huis.accounts.models import User

        client.force_login(User.objects.get(email="bezoeker@huis.example"))
    forms = _forms_on(client, crawl(client, logged_in=who != "anonymous"))
    assert len(forms) >= 3, forms.keys()
    posts = 0
    for form in forms.values():
        for field in form["fields"]:
            for value in NASTY:
                data = dict(form["fields"]) | {field: value}
                cache.clear()
                with django_capture_on_commit_callbacks(execute=False):
                    response = client.post(form["action"], data)
                posts += 1
                assert response.status_code < 500, (form["action"], field, value[:40])
                if response.get("Content-Type", "").startswith("text/html"):
                    assert_no_injected_markup(response.content.decode())
                    assert_scripts_are_ours(response.content.decode())
    print(f"\nhostile forms ({who}): {len(forms)} forms, {posts} posts, no 500")
