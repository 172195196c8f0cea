"""The editor's text: Markdown in, only safe and accessible HTML out."""

import pytest
from django.utils import translation

from huis.pages import richtext


@pytest.mark.parametrize(
    "source",
    [
        "Hallo<script>alert(1)</script>",
        '<p style="color:red" onclick="steal()">Hallo</p>',
        '<a href="javascript:alert(1)">Hallo</a>',
        '<iframe src="https://example.org"></iframe>Hallo',
        "<style>p{color:red}</style>Hallo",
    ],
)
def test_scripts_styles_and_foreign_tags_are_removed(source):
    html = richtext.render(source)
    assert "Hallo" in html
    for bad in ("script", "style", "onclick", "javascript", "iframe", "alert", "color"):
        assert bad not in html


def test_markdown_becomes_the_allowed_tags():
    html = richtext.render(
        "## Titel\n\n### Kleiner\n\n- een\n- twee\n\n1. eerst\n\n> citaat\n\n"
        "**vet** *schuin* [link](https://example.org) ![Een tuin](/media/tuin.jpg)"
    )
    for tag in ("<h2>", "<h3>", "<ul>", "<li>", "<ol>", "<blockquote>", "<strong>", "<em>"):
        assert tag in html
    assert '<a href="https://example.org">link</a>' in html
    assert '<img src="/media/tuin.jpg" alt="Een tuin">' in html
    assert "rel=" not in html and "class=" not in html


def test_a_good_text_has_no_problems():
    assert richtext.problems("## Titel\n\n### Kleiner\n\n## Nog een\n\n[Agenda](/agenda/)") == []


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("# Grote titel", "level 2"),
        ("## Titel\n\n#### Te klein", "skips a level"),
        ("#### Meteen klein", "skips a level"),
        ("[](https://example.org)", "link needs a text"),
        ('<a href="/agenda/"> </a>', "link needs a text"),
        ("![](/media/tuin.jpg)", "picture needs a short description"),
        ('<img src="/media/tuin.jpg">', "picture needs a short description"),
        ("![Tuin](https://example.org/tuin.jpg)", "on this portal"),
    ],
)
def test_a_text_that_is_hard_to_use_is_refused_with_a_clear_sentence(source, words):
    with translation.override("en"):
        found = richtext.problems(source)
    assert any(words in problem for problem in found), found


def test_a_link_around_a_described_picture_has_text():
    assert richtext.problems("[![Onze tuin](/media/tuin.jpg)](/over-het-huis/)") == []
