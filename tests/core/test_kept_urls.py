"""`{% url %}` keeps its addresses per process (huis/core/templatetags/kept_urls.py): the same
addresses as Django's own tag, each reversed once, and never one of another script prefix."""

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch, set_script_prefix

from huis.core.templatetags import kept_urls

TEMPLATES = [
    "{% url 'ontmoeting:home' %}",
    "{% url 'ontmoeting:activity' 12 'koffie-en-babbel' %}",
    "{% url 'ontmoeting:activity' pk=n slug=slug %}",
    "{% url name n slug %}",
    "{% url 'ontmoeting:home' as agenda %}[{{ agenda }}]",
    "{% url 'no-such-page' as nothing %}[{{ nothing }}]",
    "{% url 'ontmoeting:activity' flag slug %}",  # a bool: written "True", never kept
]
CONTEXT = {"n": 12, "slug": "koffie-en-babbel", "name": "ontmoeting:activity", "flag": True}


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_urls._reverse.cache_clear()
    yield
    kept_urls._reverse.cache_clear()
    set_script_prefix("/")


def _ours(source: str) -> str:
    return engines["django"].from_string(source).render(CONTEXT)


def _djangos(source: str) -> str:
    return Engine().from_string(source).render(Context(CONTEXT))


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_same_address_as_djangos_own_tag_also_when_kept(source):
    expected = _djangos(source) if "flag" not in source else None
    if expected is None:  # Django refuses "True" as a pk; so does the kept tag, every time
        with pytest.raises(NoReverseMatch):
            _djangos(source)
        for _ in range(2):
            with pytest.raises(NoReverseMatch):
                _ours(source)
        return
    assert _ours(source) == expected
    assert _ours(source) == expected  # kept


def test_an_address_is_reversed_once_per_process(monkeypatch):
    calls = []
    real = kept_urls.reverse
    monkeypatch.setattr(kept_urls, "reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    page = "<a href=\"{% url 'ontmoeting:home' %}\">{% url 'ontmoeting:activity' n slug %}</a>"
    for _ in range(5):
        assert _ours(page) == '<a href="/agenda/">/agenda/12-koffie-en-babbel/</a>'
    assert len(calls) == 2
    _ours("{% url 'ontmoeting:activity' 13 slug %}")  # other arguments: another address
    assert len(calls) == 3


def test_an_unknown_name_still_fails_loudly():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            _ours("{% url 'no-such-page' %}")


def test_an_address_under_another_script_prefix_is_its_own():
    assert _ours("{% url 'ontmoeting:home' %}") == "/agenda/"
    set_script_prefix("/huis/")
    assert _ours("{% url 'ontmoeting:home' %}") == "/huis/agenda/"
    set_script_prefix("/")
    assert _ours("{% url 'ontmoeting:home' %}") == "/agenda/"


def test_a_text_enum_is_written_as_django_writes_it_not_as_the_kept_text():
    from enum import Enum

    class Slug(str, Enum):  # noqa: UP042 (equal to its value, written otherwise: the point here)
        COFFEE = "koffie-en-babbel"

    source = "{% url 'ontmoeting:activity' 12 slug %}"
    assert _ours(source) == "/agenda/12-koffie-en-babbel/"  # the text, now kept
    # The member equals that text but Django writes it "Slug.COFFEE", which no address takes.
    with pytest.raises(NoReverseMatch):
        Engine().from_string(source).render(Context({"slug": Slug.COFFEE}))
    with pytest.raises(NoReverseMatch):
        engines["django"].from_string(source).render({"slug": Slug.COFFEE})


def test_another_url_configuration_gets_its_own_addresses(settings):
    assert _ours("{% url 'ontmoeting:home' %}") == "/agenda/"
    settings.ROOT_URLCONF = "tests.core.urls_elsewhere"
    assert _ours("{% url 'ontmoeting:home' %}") == "/elders/agenda/"


def test_every_template_of_the_portal_uses_the_kept_tag():
    template = engines["django"].get_template("includes/main_menu.html").template
    nodes = template.nodelist.get_nodes_by_type(kept_urls.URLNode)
    assert nodes and all(isinstance(node, kept_urls.KeptURLNode) for node in nodes)
