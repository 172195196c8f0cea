"""Easy words: every public text in short sentences, and the house's own words explained.

Which templates are public is found, not listed: a visitor without an account crawls the demo
house in Dutch from the home page and from every page the access matrices answer 200 to
anonymous, following every link on the portal's own host. Every template of the project that
rendered on the way (`response.templates`: extended and included ones too) is public.

1. Sentences: every `{% translate %}` and `{% blocktranslate %}` string of those templates, in
   its Dutch translation (the nl catalog, as a visitor reads it), and every seeded public text
   (activities, courses, terms' introductions, published stories, campaigns, the house's facts),
   has no sentence over MAX_WORDS words. Reading the catalog strings, not the rendered pages,
   checks every branch of a template, not only the one the demo data happens to show.
2. Glossary words: on every page of the crawl, the first time a glossary word appears in the
   page's main content it is explained (`<dfn>`, from `{% term %}` or `{% explain_terms %}`).
   A word inside a link or a button is the link's name, not prose: it does not count.

The home page and the pages staff write are checked like every other page: their blocks go
through the same explanation of words (`{% page_block %}` calls `explain_terms`).
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, pgettext

from huis.glossary.selectors import glossary
from tests.demo_house import seeded_demo_house
from tests.trust.matrix import collected_matrix, expected_answer

pytestmark = pytest.mark.django_db

MAX_WORDS = 20
MAX_PAGES = 150
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/account/logout/")
SKIP_SUFFIXES = (".ics", ".csv", ".pdf", ".json", ".xml", "/feed/")
HREF = re.compile(r'href="([^"#]+)')
BASE = Path(settings.BASE_DIR).resolve()

# Seeded public texts: (model, fields, filter).
SEEDED = [
    ("ontmoeting.Activity", ("description", "accessibility_notes"), {}),
    ("herstelacademie.Course", ("summary", "learning_goals", "accessibility_notes"), {}),
    ("herstelacademie.Term", ("introduction",), {}),
    ("beeldvorming.Testimony", ("body",), {"status": "published"}),
    ("beeldvorming.Campaign", ("goals",), {}),
    ("facts.HouseFacts", ("welcome_nl", "route_nl", "access_nl"), {}),
]

TRANSLATE = re.compile(
    r"""{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)"""
    r"""(?:\s+context\s+(?P<cq>["'])(?P<context>.*?)(?P=cq))?[^%]*%}""",
    re.S,
)
BLOCK = re.compile(
    r"{%\s*(?:blocktranslate|blocktrans)(?P<args>[^%]*)%}(?P<body>.*?)"
    r"{%\s*(?:endblocktranslate|endblocktrans)\s*%}",
    re.S,
)
BLOCK_CONTEXT = re.compile(r"""context\s+(["'])(.*?)\1""")
VARIABLE = re.compile(r"{{\s*([\w.]+)\s*}}")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[.!?])$")
WORD = re.compile(r"[\w€'’-]*\w[\w'’-]*")


def sentences(text: str) -> list[str]:
    text = TAG.sub(" ", text)
    return [s.strip() for s in SENTENCE_END.split(text) if s and WORD.search(s)]


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


def dutch_strings(source: str) -> list[str]:
    """Every translatable string of a template, as the Dutch catalog gives it."""
    found = []
    with translation.override("nl"):
        for match in TRANSLATE.finditer(source):
            msgid = match["msgid"]
            context = match["context"]
            found.append(pgettext(context, msgid) if context else gettext(msgid))
        for match in BLOCK.finditer(source):
            args, body = match["args"], match["body"]
            body = re.split(r"{%\s*plural\s*%}", body)[0]
            if "trimmed" in args:
                body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
            msgid = VARIABLE.sub(lambda m: f"%({m[1]})s", body.replace("%", "%%"))
            context = BLOCK_CONTEXT.search(args)
            text = pgettext(context[2], msgid) if context else gettext(msgid)
            found.append(PLACEHOLDER.sub("X", text).replace("%%", "%"))
    return found


class MainText(HTMLParser):
    """The glossary words of a page's <main>, in order: (slug, explained?)."""

    IGNORED = {"a", "button", "option", "script", "style", "title", "select", "textarea"}

    def __init__(self, words):
        super().__init__(convert_charrefs=True)
        self.words = words
        self.in_main = 0
        self.in_dfn = 0
        self.ignored = 0
        self.found: list[tuple[str, bool, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag == "dfn":
            self.in_dfn += 1
        elif tag in self.IGNORED and not self.in_dfn:
            self.ignored += 1

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "dfn":
            self.in_dfn -= 1
        elif tag in self.IGNORED and not self.in_dfn and self.ignored:
            self.ignored -= 1

    def handle_data(self, data):
        if not self.in_main or (self.ignored and not self.in_dfn):
            return
        for match, slug in self.words.find(data, "nl"):
            shown = match.group(0)
            if not self.in_dfn:
                around = data[max(0, match.start() - 30) : match.end() + 30].strip()
                shown = f"{shown} in «{around}»"
            self.found.append((slug, bool(self.in_dfn), shown))


def unexplained(html: str, words) -> list[str]:
    parser = MainText(words)
    parser.feed(html)
    first: dict[str, tuple[bool, str]] = {}
    for slug, explained, shown in parser.found:
        first.setdefault(slug, (explained, shown))
    return [shown for explained, shown in first.values() if not explained]


def _shape(path: str) -> str:
    return re.sub(r"\d+(-[\w-]+)?", "N", path.split("?")[0])


def _public_starts() -> list[str]:
    from django.urls import reverse

    starts = ["/"]
    for name, (_module, row) in collected_matrix().items():
        if row[0] == "get" and row[1] is None and expected_answer(row, "anonymous") == 200:
            starts.append(reverse(name))
    return starts


def _project_template(template) -> str | None:
    origin = getattr(getattr(template, "origin", None), "name", None)
    if not origin or not isinstance(origin, str):
        return None
    path = Path(origin).resolve()
    if not path.is_relative_to(BASE) or ".venv" in path.parts or "node_modules" in path.parts:
        return None
    return str(path.relative_to(BASE))


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    """The demo house, crawled by a visitor without an account, in Dutch: page -> html, and
    every project template that rendered on the way."""
    cache.clear()  # pages cached by an earlier run of other templates
    with seeded_demo_house(django_db_blocker):
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        pages: dict[str, str] = {}
        templates: set[str] = set()
        queue = deque(_public_starts())
        shapes: set[str] = set()
        with django_db_blocker.unblock():
            while queue and len(pages) < MAX_PAGES:
                path = queue.popleft()
                if path in pages or _shape(path) in shapes:
                    continue
                shapes.add(_shape(path))
                response = client.get(path)
                if response.status_code != 200 or "text/html" not in response.get(
                    "Content-Type", ""
                ):
                    continue
                html = response.content.decode()
                pages[path] = html
                templates |= {t for t in map(_project_template, response.templates) if t}
                for href in HREF.findall(html):
                    url = urlsplit(urldefrag(href)[0].replace("&amp;", "&"))
                    if url.netloc and url.netloc != "testserver":
                        continue
                    candidate = url.path + (f"?{url.query}" if url.query else "")
                    if (
                        not url.path.startswith("/")
                        or url.path.startswith(SKIP_PREFIXES)
                        or url.path.endswith(SKIP_SUFFIXES)
                    ):
                        continue
                    queue.append(candidate)
            seeded = _seeded_texts()
        yield {"pages": pages, "templates": templates, "seeded": seeded}


def _seeded_texts() -> list[tuple[str, str]]:
    texts = []
    for label, fields, filters in SEEDED:
        model = apps.get_model(label)
        for row in model.objects.filter(**filters).values_list("pk", *fields):
            pk, *values = row
            texts += [(f"{label} {pk}", value) for value in values if value]
    return texts


def test_public_templates_and_seeded_texts_have_no_sentence_over_twenty_words(crawl, capsys):
    # Found by the crawl, not listed: the glossary page is linked from every page's footer.
    assert "huis/glossary/templates/glossary/index.html" in crawl["templates"]
    long: list[str] = []
    checked = 0
    longest = (0, "")
    for name in sorted(crawl["templates"]):
        source = (BASE / name).read_text()
        for text in dutch_strings(source):
            for sentence in sentences(text):
                checked += 1
                count = word_count(sentence)
                longest = max(longest, (count, f"{name}: {sentence}"))
                if count > MAX_WORDS:
                    long.append(f"{name} ({count}): {sentence}")
    seeded_checked = 0
    for where, text in crawl["seeded"]:
        for sentence in sentences(text):
            seeded_checked += 1
            count = word_count(sentence)
            longest = max(longest, (count, f"{where}: {sentence}"))
            if count > MAX_WORDS:
                long.append(f"{where} ({count}): {sentence}")
    with capsys.disabled():
        print(
            f"\nplain language: {len(crawl['pages'])} public pages crawled, "
            f"{len(crawl['templates'])} public templates checked, "
            f"{checked} template sentences, {seeded_checked} seeded sentences, "
            f"longest {longest[0]} words ({longest[1][:90]})"
        )
    assert not long, "\n".join(long)


def test_the_first_glossary_word_on_every_public_page_is_explained(crawl, capsys):
    words = glossary()
    assert words.entries, "the glossary is empty"
    missing = []
    for path, html in sorted(crawl["pages"].items()):
        found = unexplained(html, words)
        if found:
            missing.append(f"{path}: {', '.join(found)}")
    assert not missing, "\n".join(missing)


def test_the_check_sees_long_sentences_and_unexplained_words():
    """The check itself: it would catch what it claims to."""
    twenty_one = " ".join(["woord"] * 21) + "."
    assert [word_count(s) for s in sentences(f"Kort. {twenty_one} Nog kort!")] == [1, 21, 2]
    from huis.glossary.selectors import Entry, Glossary

    words = Glossary(
        (Entry("gbo", {"nl": "GBO"}, {"nl": "Eén onthaal."}),),
    )
    assert unexplained("<main><p>Het GBO helpt.</p></main>", words) == ["GBO in «Het GBO helpt.»"]
    assert unexplained("<main><dfn>GBO</dfn> en GBO</main>", words) == []
    assert unexplained("<nav>GBO</nav><main><a href='/x'>GBO</a></main>", words) == []
