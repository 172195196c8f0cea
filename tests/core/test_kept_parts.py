"""The header and footer kept per process (huis/core/templatetags/kept_parts.py, issue #30): the
same page as drawn anew, each request's own CSRF token and address, the menu of each person, the
house's name and address as they are now."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from huis.core.templatetags import kept_parts
from tests.facts.conftest import details

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MENU_LINKS = {
    "kwartiermaken:home": "perms.kwartiermaken.view_home",
    "netwerk:home": "perms.netwerk.view_home",
    "trajecten:home": "perms.trajecten.view_home",
    "core:dashboard": "perms.core.view_dashboard",
}


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _chrome(html: str) -> str:
    """The header and the footer of a page, with its CSRF tokens taken out."""
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    return TOKEN.sub("TOKEN", header + footer)


def _drawn_plainly(self, context):
    """What the part is without keeping: drawn in the page's context, the page's own address."""
    request = context.get("request")
    with context.push(here=request.get_full_path()):
        return self.nodelist.render(context)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_kept_header_and_footer_are_the_ones_drawn_plainly(
    visitor, coordinator, language, monkeypatch
):
    for user in (None, visitor, coordinator):
        client = Client() if user is None else _logged_in(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        url = (reverse("ontmoeting:mine") if user else reverse("facts:contact")) + "?a=1&b=%22"
        with monkeypatch.context() as patched:
            patched.setattr(kept_parts.KeptPartNode, "render", _drawn_plainly)
            plain = client.get(url).text
        kept_parts.forget()
        drawn = client.get(url).text
        kept = client.get(url).text
        assert _chrome(drawn) == _chrome(plain)
        assert _chrome(kept) == _chrome(plain)
        assert "__huis_kept" not in kept


def test_each_request_gets_its_own_token_and_address(visitor):
    first, second = _logged_in(visitor), _logged_in(visitor)
    first.get(reverse("ontmoeting:mine"))  # kept from here on
    html = second.get(reverse("ontmoeting:home"), {"q": '"><b>vet</b>'}).text
    nexts = re.findall(r'name="next" value="([^"]*)"', html)
    assert nexts == ["/agenda/?q=%22%3E%3Cb%3Evet%3C%2Fb%3E"] * 2  # both language forms
    assert "<b>vet</b>" not in html
    first_tokens = set(TOKEN.findall(first.get(reverse("ontmoeting:mine")).text))
    assert first_tokens.isdisjoint(TOKEN.findall(html))  # another session, another token
    # The language form posts with this session's token: it works.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(visitor)
    browser.get(reverse("ontmoeting:mine"))
    page = browser.get(reverse("ontmoeting:mine")).text
    response = browser.post(
        reverse("core:set_language"),
        {
            "language": "fr",
            "next": reverse("ontmoeting:mine"),
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
        },
    )
    assert response.status_code == 302


def test_each_person_sees_their_own_menu(visitor, coordinator, partner_a):
    partner = partner_a
    pages = {}
    for name, user in (("visitor", visitor), ("coordinator", coordinator), ("partner", partner)):
        html = _logged_in(user).get(reverse("accounts:profile")).text
        pages[name] = {link for link in MENU_LINKS if f'href="{reverse(link)}"' in html}
    assert pages["visitor"] == set()
    assert "kwartiermaken:home" in pages["partner"] and "core:dashboard" not in pages["partner"]
    assert {"kwartiermaken:home", "core:dashboard"} <= pages["coordinator"]
    anonymous = Client().get(reverse("facts:contact")).text
    assert reverse("account_login") in anonymous and reverse("accounts:profile") not in anonymous


def test_the_house_s_name_and_address_show_at_once(client, coordinator):
    from huis.facts.services import facts_update

    facts_update(actor=coordinator, details=details(), periods=[], closures=[])
    mine = _logged_in(coordinator)
    assert "Kerkstraat 12" in mine.get(reverse("accounts:profile")).text
    facts_update(
        actor=coordinator,
        details=details(name="Huis aan de Markt", street="Marktplein", number="3"),
        periods=[],
        closures=[],
    )
    html = mine.get(reverse("accounts:profile")).text
    assert "Marktplein 3" in html and "Kerkstraat 12" not in html
    assert "<span>Huis aan de Markt</span>" in html


def test_the_header_names_every_permission_its_menus_ask():
    """A menu link shown by a permission must be part of the header's key, or one person's menu
    would be shown to another."""
    templates = Path(settings.BASE_DIR) / "templates"
    base = (templates / "base.html").read_text()
    header = base[base.index('{% kept_part "header"') : base.index("{% endkept_part %}")]
    key = header.splitlines()[0]
    asked = set(re.findall(r"perms\.\w+\.\w+", header))
    asked |= set(
        re.findall(r"perms\.\w+\.\w+", (templates / "includes/main_menu.html").read_text())
    )
    assert asked and all(perm in key for perm in asked), asked - set(key.split())
    assert "user.is_authenticated" in key
    assert set(MENU_LINKS.values()) <= asked


def test_no_kept_part_shows_anything_of_the_person_or_the_request():
    """Only what the key names may differ between the people a part is kept for: nothing of the
    person but whether they are logged in, nothing of the request but the address filled in."""
    templates = Path(settings.BASE_DIR) / "templates"
    base = (templates / "base.html").read_text()
    parts = re.findall(r"{% kept_part .*?%}(.*?){% endkept_part %}", base, re.DOTALL)
    parts.append((templates / "includes/main_menu.html").read_text())
    assert len(parts) == 3
    for part in parts:
        assert "request." not in part
        assert set(re.findall(r"\buser\.\w+", part)) <= {"user.is_authenticated"}
