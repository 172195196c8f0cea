"""The portal's one error pattern, rendered (issue 22): a form sent by POST that comes back with
errors gets the "Error:" title prefix and the summary at the top, whose links name the fields'
ids; each field's aria-describedby names ids that exist (crispy and Django's own rendering); a
filter form read from the address never shows a summary (a bad filter value is ignored)."""

import re

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

# The base template's footer reads the house's facts (from the cache, filled from the database).
pytestmark = pytest.mark.django_db

PAGE = """{% extends "base.html" %}{% load crispy_forms_tags %}
{% block title %}Proef{% endblock %}
{% block content %}<form method="post">{{ form|crispy }}</form>
<form method="post">{% for field in plain %}{{ field.as_field_group }}{% endfor %}</form>
{% endblock %}"""


class TryForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Je voornaam is genoeg.")
    colour = forms.ChoiceField(
        label="Kleur", choices=[("r", "Rood"), ("g", "Groen")], widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        label="Thema's",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies er een of meer.",
    )
    agree = forms.BooleanField(label="Akkoord")


class PlainForm(forms.Form):
    email = forms.EmailField(label="E-mail", help_text="Voor de bevestiging.")


def _render(method: str) -> str:
    request = getattr(RequestFactory(), method)("/proef/")
    request.user = AnonymousUser()
    data = {"name": "", "colour": "", "plain-email": "fout"}
    form = TryForm(data=data)
    plain = PlainForm(data=data, prefix="plain")
    with translation.override("nl"):
        return (
            engines["django"]
            .from_string(PAGE)
            .render({"form": form, "plain": plain}, request=request)
        )


def _missing_describedby(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    named = [i for v in re.findall(r'aria-describedby="([^"]+)"', html) for i in v.split()]
    assert named, "no aria-describedby at all"
    return [i for i in named if i not in ids]


def test_a_posted_form_with_errors_gets_the_summary_and_the_title_prefix():
    html = _render("post")
    assert re.search(r"<title>\s*Fout: Proef", html)
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    for target in ("id_name", "id_colour_0", "id_themes_0", "id_agree", "id_plain-email"):
        assert f'href="#{target}"' in summary, target
    assert f'id="{"id_colour_0"}"' in html  # every link leads to a field that exists
    assert _missing_describedby(html) == []
    # The error and the hint are both named on the field.
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'id="id_name_error"' in html and 'id="id_name_helptext"' in html
    # Served script, only on a page with a summary.
    assert "/static/js/error-summary.js" in html


def test_a_form_read_from_the_address_shows_no_summary():
    html = _render("get")
    assert "error-summary" not in html
    assert not re.search(r"<title>\s*Fout:", html)
    assert "error-summary.js" not in html
