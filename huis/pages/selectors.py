"""Reads of the pages' texts. What visitors see is cached under the "pages" scope (every save of
a block or a news item bumps it, and every cached public page carries the scope): the home page
and the function pages show a change on the very next view."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from huis.core.versioned_cache import Cached

from . import richtext
from .models import NewsItem, PageBlock, Revision

SCOPE = "pages"
LANGUAGES = ("nl", "fr", "en")
LATEST = 3

BLOCKS = Cached(
    name="page-blocks",
    scopes=(SCOPE,),
    timeout=60 * 60,
    code=("huis.pages.selectors", "huis.pages.richtext"),
)
NEWS = Cached(
    name="news-published",
    scopes=(SCOPE,),
    timeout=60 * 60,
    code=("huis.pages.selectors", "huis.pages.richtext"),
)


def _language(language: str | None = None) -> str:
    found = (language or get_language() or "nl").split("-")[0]
    return found if found in LANGUAGES else "nl"


@dataclass(frozen=True)
class LocalHtml:
    """A text in the visitor's language, or the Dutch one (`lang` says which, for `lang=`)."""

    html: SafeString
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.html

    @property
    def text(self) -> str:
        """A title: plain text (escaped when shown; only bodies are sanitised HTML)."""
        return self.html


def _local(values: dict[str, str], language: str | None) -> LocalHtml:
    language = _language(language)
    if values.get(language):
        return LocalHtml(values[language], language, False)
    return LocalHtml(values.get("nl", ""), "nl", language != "nl")


def _texts(row, name: str, *, html: bool) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        value = getattr(row, f"{name}_{lang}") or ""
        out[lang] = richtext.render(value) if html else value
    return out


def _compute_blocks() -> dict[str, dict[str, str]]:
    rows = PageBlock.objects.filter(is_published=True).exclude(body_nl="")
    return {row.key: _texts(row, "body", html=True) for row in rows}


def block_text(key: str, language: str | None = None) -> LocalHtml | None:
    """The published text of a block in the visitor's language (or Dutch); None: not written."""
    values = BLOCKS.get_or_set(compute=_compute_blocks).get(key)
    if not values or not values.get("nl"):
        return None
    return _local(values, language)


@dataclass(frozen=True)
class News:
    pk: int
    date: date
    titles: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)

    def title(self, language: str | None = None) -> LocalHtml:
        return _local(self.titles, language)

    def body(self, language: str | None = None) -> LocalHtml:
        return _local(self.bodies, language)

    @property
    def local_title(self) -> LocalHtml:
        return self.title()

    @property
    def local_body(self) -> LocalHtml:
        return self.body()


def _news(row: NewsItem) -> News:
    return News(
        pk=row.pk,
        date=row.date,
        titles=_texts(row, "title", html=False),
        bodies=_texts(row, "body", html=True),
    )


def _compute_news() -> list[News]:
    return [_news(row) for row in NewsItem.objects.filter(is_published=True)]


def published_news() -> list[News]:
    """Every published news item, newest first (a house writes a few a month)."""
    return NEWS.get_or_set(compute=_compute_news)


def latest_news(count: int = LATEST) -> list[News]:
    return published_news()[:count]


def published_news_item(pk: int) -> News | None:
    return next((item for item in published_news() if item.pk == pk), None)


# --- staff ---------------------------------------------------------------------------------


def blocks_by_key() -> dict[str, PageBlock]:
    return {block.key: block for block in PageBlock.objects.all()}


def news_for_staff() -> QuerySet[NewsItem]:
    return NewsItem.objects.all()


def revisions_of(obj: PageBlock | NewsItem) -> QuerySet[Revision]:
    where = {"block": obj} if isinstance(obj, PageBlock) else {"news": obj}
    return Revision.objects.filter(**where).select_related("author")


def preview(texts: dict[str, str]) -> dict[str, LocalHtml]:
    """The texts as visitors will see them, per language (a missing one shows the Dutch)."""
    bodies = {lang: richtext.render(texts.get(f"body_{lang}", "")) for lang in LANGUAGES}
    return {lang: _local(bodies, lang) for lang in LANGUAGES}
