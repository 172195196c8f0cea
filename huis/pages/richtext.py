"""Staff's texts as safe, accessible HTML: Markdown in, sanitised HTML out, refused when a page
would be hard to use.

Markdown (markdown-it-py, CommonMark) is written in a plain textarea, so the editor needs no
script and works without JavaScript. Whatever comes out (raw HTML pasted in included) goes
through nh3 (the Ammonia sanitiser) with a short list of tags: no scripts, no styles, no event
attributes, no classes. `problems()` says what a person must fix before a text is saved: headings
in order from level 2 (the page has the h1), a text for every link, a description for every
picture, and pictures served by the portal itself (no request to another site)."""

from html.parser import HTMLParser

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "blockquote", "img", "br",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# html: pasted HTML is kept for nh3 to clean (a pasted <strong> stays, a <script> goes).
_markdown = MarkdownIt("commonmark", {"html": True})


def clean(html: str) -> str:
    """Only the allowed tags and attributes; scripts and styles go with their content."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render(source: str) -> SafeString:
    """Markdown -> sanitised HTML, safe to put in a page."""
    return mark_safe(clean(_markdown.render(source or "")).strip())


class _Outline(HTMLParser):
    """Headings, links (with their text) and pictures of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[str] = []  # the text of each link (a picture's alt counts)
        self.images: list[dict[str, str]] = []
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {name: value or "" for name, value in attrs}
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._in_link = True
            self.links.append("")
        elif tag == "img":
            self.images.append(values)
            if self._in_link:
                self.links[-1] += values.get("alt", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._in_link:
            self.links[-1] += data


def problems(source: str) -> list[str]:
    """What must change before the text can be saved, in the reader's language (empty: fine)."""
    raw = _Outline()
    raw.feed(_markdown.render(source or ""))
    found: list[str] = []
    if any(level == 1 or level > 4 for level in raw.headings):
        found.append(
            _("Titles start at level 2: write ## before a title (### and #### for smaller ones).")
        )
    outline = _Outline()
    outline.feed(clean(_markdown.render(source or "")))
    previous = 1  # the page's own title
    for level in outline.headings:
        if level > previous + 1:
            found.append(
                _("A title skips a level: after ## comes ###, not ####. Keep the titles in order.")
            )
            break
        previous = level
    if any(not text.strip() for text in outline.links):
        found.append(_("Every link needs a text that says where it goes: [text](address)."))
    if any(not image.get("alt", "").strip() for image in outline.images):
        found.append(
            _("Every picture needs a short description: ![what the picture shows](address).")
        )
    if any(not _is_own(image.get("src", "")) for image in outline.images):
        found.append(
            _("A picture must be on this portal: its address starts with /, like /media/...")
        )
    return found


def _is_own(src: str) -> bool:
    return src.startswith("/") and not src.startswith("//")
