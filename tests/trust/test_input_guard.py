"""The portal-wide input guard (huis/core/input_guard.py): control characters, broken encoding and
absurd lengths never reach a view, and single-line form fields never store a line break.

The whole portal under hostile query values, as every role, is in test_hostile_crawl.py.
"""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The addresses from issue #20, item 1: each answered 500 (PostgreSQL refuses NUL in text).
NUL_URLS = [
    ("anonymous", "/gastvrije-plekken/?zoek=a%00b"),
    ("anonymous", "/gastvrije-plekken/?waar=a%00b"),
    ("staff", "/kwartiermaken/werk/?zoek=%00"),
    ("staff", "/kwartiermaken/signalen/?zoek=%00"),
]


@pytest.mark.parametrize(("role", "url"), NUL_URLS)
def test_a_nul_byte_in_a_search_gets_a_calm_400_page_not_a_500(as_role, role, url):
    client = as_role(role)
    response = client.get(url)
    assert response.status_code == 400
    assert "Er klopt iets niet met deze vraag" in response.text
    assert "tekens die geen tekst zijn" in response.text
    # The same page without the NUL byte works.
    assert client.get(url.replace("%00", "")).status_code == 200


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("zoek=%0d", "tekens die geen tekst zijn"),
        ("zoek=a%1bb", "tekens die geen tekst zijn"),
        ("zo%00ek=a", "tekens die geen tekst zijn"),
        ("zoek=%ff%fe", "tekens die we niet kunnen lezen"),
        ("zoek=" + "a" * 2001, "veel te lang"),
    ],
)
def test_every_query_parameter_is_guarded(client, query, reason):
    response = client.get(f"/gastvrije-plekken/?{query}")
    assert response.status_code == 400
    assert reason in response.text


def test_the_refusal_is_in_the_persons_language(client):
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    response = client.get("/gastvrije-plekken/?zoek=%00")
    assert response.status_code == 400
    assert '<html lang="fr">' in response.text


def test_a_control_character_in_a_path_is_refused(client):
    assert client.get("/agenda/inschrijving/a%00b/").status_code == 400


def test_post_fields_are_guarded_but_a_textareas_lines_are_text(client, visitor):
    client.force_login(visitor)
    url = reverse("beeldvorming:story_create")
    nul = client.post(url, {"title": "Mijn verhaal", "body": "a\x00b", "agree": "on"})
    assert nul.status_code == 400
    escape = client.post(url, {"title": "Mijn\x1b verhaal", "body": "b", "agree": "on"})
    assert escape.status_code == 400
    lines = client.post(url, {"title": "T", "body": "een\r\ntwee\tdrie", "agree": "on"})
    assert lines.status_code != 400


def test_ordinary_text_passes_untouched(client):
    response = client.get("/gastvrije-plekken/", {"zoek": "Café ‘t Hoekske — 𝕍 🏠"})
    assert response.status_code == 200


# --- Single-line fields: issue #20, item 3 (the input part) ---------------------------------


def test_a_lone_carriage_return_in_the_expert_request_form_is_not_stored():
    from ervaringsdeskundigen.forms import RequestForm

    injected = "Gent\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Vals"
    for name in ("place", "audience"):
        field = RequestForm.base_fields[name]
        cleaned = field.clean(injected)
        assert "\r" not in cleaned and "\n" not in cleaned
        assert cleaned == "Gent END:VEVENT BEGIN:VEVENT SUMMARY:Vals"


def _project_modules() -> None:
    """Import every module of the portal, so every form class is defined."""
    import huis

    packages = [huis] + [
        importlib.import_module(name)
        for name in (
            "ontmoeting",
            "herstelacademie",
            "ervaringsdeskundigen",
            "beeldvorming",
            "kwartiermaken",
            "netwerk",
            "trajecten",
        )
    ]
    for package in packages:
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in module.name or module.name.endswith((".wsgi", ".asgi")):
                continue
            importlib.import_module(module.name)


def _subclasses(cls) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


PROJECT = ("huis.", "ontmoeting", "herstelacademie", "ervaringsdeskundigen", "beeldvorming")
PROJECT += ("kwartiermaken", "netwerk", "trajecten", "allauth.")


def test_every_single_line_field_of_every_form_keeps_text_on_one_line(capsys):
    """Walks every form class of the portal (and allauth's): no CharField that is not a textarea
    gives back a line break, and no CharField at all gives back a control character."""
    _project_modules()
    form_classes = sorted(
        (c for c in _subclasses(forms.BaseForm) if c.__module__.startswith(PROJECT)),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )
    single = multi = 0
    for form_class in form_classes:
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField):
                continue
            where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
            with pytest.raises(ValidationError):
                field.to_python("a\x07b")
            if isinstance(field.widget, forms.Textarea):
                multi += 1
                continue
            single += 1
            for value in ("a\rb", "a\nb", "a\r\nb", "a\tb", "a\u2028b"):
                try:
                    cleaned = field.to_python(value)
                except ValidationError:
                    continue  # refused is fine too
                assert not any(c in str(cleaned) for c in "\r\n\t\u2028"), where
    assert len(form_classes) > 50 and single > 100
    with capsys.disabled():
        print(
            f"\nsingle-line guard: {len(form_classes)} form classes, {single} single-line "
            f"fields keep one line, {multi} textareas refuse control characters"
        )
