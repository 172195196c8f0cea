"""Easy words: the public list, the tags that explain a word once per page, and the
coordinators' page that changes a word (audited, before and after)."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from huis.audit.models import AuditEntry
from huis.glossary.models import Word

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load glossary %}" + source).render(Context(context))


def test_the_public_list_explains_every_seeded_word_with_an_anchor(client):
    html = client.get(reverse("glossary:index"), HTTP_ACCEPT_LANGUAGE="nl").text
    for slug in ("kwartiermaken", "herstelacademie", "ervaringsdeskundige", "gbo", "housing-first"):
        assert f'id="{slug}"' in html
    assert "Eén onthaal voor alle diensten" in html
    assert "<dfn>kwartiermaken</dfn>" in html


def test_the_public_list_in_french_and_english(client):
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    assert "Académie du rétablissement" in client.get(reverse("glossary:index")).text
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert "Recovery College" in client.get(reverse("glossary:index")).text


def test_a_word_is_explained_only_where_it_first_appears():
    with translation.override("nl"):
        html = render(
            "<p>{% explain_terms text %}</p><p>{% explain_terms more %}</p>"
            '<p>{% term "kwartiermaken" %}</p>',
            text="Het GBO en kwartiermaken. Nog eens kwartiermaken en GBO.",
            more="Kwartiermaken <b>overal</b>.",
        )
    assert html.count("<dfn") == 2
    assert html.count('href="/woorden/#kwartiermaken"') == 1
    assert 'href="/woorden/#gbo" title="Geïntegreerd Breed Onthaal.' in html
    assert "Nog eens kwartiermaken en GBO." in html
    assert "Kwartiermaken &lt;b&gt;overal&lt;/b&gt;." in html  # the text stays escaped
    assert html.endswith("<p>kwartiermaken</p>")


def test_the_term_tag_shows_another_form_and_marks_dutch_in_french():
    Word.objects.filter(slug="lotgenoot").update(term_fr="", explanation_fr="")
    with translation.override("fr"):
        html = render('{% term "lotgenoot" "lotgenoten" %} {% term "herstel" %}')
    assert '<dfn class="term" lang="nl"><a href="/woorden/#lotgenoot"' in html
    assert ">lotgenoten</a></dfn>" in html
    assert ">rétablissement</a></dfn>" in html


def test_a_coordinator_changes_a_word_and_the_audit_keeps_before_and_after(client, coordinator):
    word = Word.objects.get(slug="gbo")
    client.force_login(coordinator)
    url = reverse("glossary:edit", kwargs={"pk": word.pk})
    assert "Geïntegreerd Breed Onthaal" in client.get(url).text
    data = {
        "term_nl": "GBO",
        "explanation_nl": "Eén loket voor alle hulp. Je vertelt je verhaal één keer.",
        "term_fr": word.term_fr,
        "explanation_fr": word.explanation_fr,
        "term_en": word.term_en,
        "explanation_en": word.explanation_en,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="glossary.updated").latest("pk")
    assert entry.actor == coordinator
    change = entry.data["changed"]["explanation_nl"]
    assert change["before"].startswith("Geïntegreerd Breed Onthaal.")
    assert change["after"] == data["explanation_nl"]
    client.logout()
    assert "Eén loket voor alle hulp." in client.get(reverse("glossary:index")).text


def test_a_coordinator_adds_a_word_and_a_double_is_refused_in_their_language(client, coordinator):
    client.force_login(coordinator)
    url = reverse("glossary:add")
    data = {"term_nl": "inloop", "explanation_nl": "Je mag zomaar binnenkomen."}
    assert client.post(url, data).status_code == 302
    word = Word.objects.get(term_nl="inloop")
    assert word.slug == "inloop"
    assert AuditEntry.objects.filter(action="glossary.created", object_id=str(word.pk)).exists()
    again = client.post(url, {**data, "term_nl": "Inloop"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert again.status_code == 400
    assert "Dit woord staat al in de lijst." in again.text
    empty = client.post(url, {"term_nl": "", "explanation_nl": ""})
    assert empty.status_code == 400


def test_rich_text_keeps_its_markup_and_links_are_left_alone():
    from django.utils.safestring import mark_safe

    block = mark_safe(
        '<p><a href="/herstelacademie/" title="GBO">De Herstelacademie</a> en het GBO.</p>'
        '<img alt="kwartiermaken" src="/x.png"><p>Over kwartiermaken.</p>'
    )
    with translation.override("nl"):
        html = render("{% explain_terms block %}", block=block)
    assert '<a href="/herstelacademie/" title="GBO">De Herstelacademie</a>' in html
    assert 'alt="kwartiermaken"' in html
    assert html.count("<dfn") == 2
    assert '<p>Over <dfn class="term"><a href="/woorden/#kwartiermaken"' in html
    assert 'en het <dfn class="term"><a href="/woorden/#gbo"' in html


def test_an_unknown_word_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("glossary:edit", kwargs={"pk": 999_999})).status_code == 404
