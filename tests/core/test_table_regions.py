"""A wide table on a phone scrolls sideways; a keyboard user must be able to reach and scroll it.
axe's scrollable-region-focusable only sees the pages a crawl reaches with data wide enough, so
every template is held to it here: each `table-responsive` is a focusable, named region itself or
sits directly inside one (which then scrolls it, static/css/huis.css)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
OPENING = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\btable-responsive\b[^>]*>")
REGION = re.compile(
    r"tabindex=\"0\"[^>]*role=\"region\"[^>]*aria-label(ledby)?=|"
    r"role=\"region\"[^>]*tabindex=\"0\"[^>]*aria-label(ledby)?="
)


def _templates():
    for path in ROOT.glob("**/templates/**/*.html"):
        if not {".venv", "node_modules", ".cache"} & set(path.parts):
            yield path


def test_every_scrolling_table_is_a_named_focusable_region():
    unreachable = []
    for path in _templates():
        text = path.read_text()
        for match in OPENING.finditer(text):
            before = text[: match.start()].rstrip().rsplit("\n", 1)[-1]
            if REGION.search(match.group(0)) or REGION.search(before):
                continue
            line = text[: match.start()].count("\n") + 1
            unreachable.append(f"{path.relative_to(ROOT)}:{line}")
    assert unreachable == []
