"""Content in three languages: a French or English visitor reads the translation where there is
one, and marked Dutch (with one note on the page) where there is not; staff see what is missing
and add it in the same forms; the seeded lists came with their French and English."""

import datetime as dt
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from ervaringsdeskundigen.models import Language, Region, Theme, WorkKind
from herstelacademie.forms import TermForm
from kwartiermaken.models import Need
from ontmoeting.models import Activity
from ontmoeting.services import activity_update
from tests.factories import ActivityFactory, CampaignFactory

pytestmark = pytest.mark.django_db

NOTE = "Certaines parties de cette page existent seulement en néerlandais."


def _french(client, url):
    client.cookies["django_language"] = "fr"
    return client.get(url).text


def _translate(activity, **texts):
    Activity.objects.filter(pk=activity.pk).update(**texts)


def test_a_french_visitor_reads_the_french_title_unmarked(client):
    activity = ActivityFactory(title="Soep op donderdag", summary="Samen soep eten.")
    _translate(
        activity,
        title_fr="Soupe du jeudi",
        summary_fr="Manger une soupe ensemble.",
        description_fr="Tout le monde est le bienvenu.",
    )
    html = _french(client, activity.get_absolute_url())
    assert '<h1 id="activity-title">Soupe du jeudi</h1>' in html
    assert "<title>Soupe du jeudi" in html
    assert "Soep op donderdag" not in html, [x for x in html.splitlines() if "Soep op" in x]
    assert NOTE not in html


def test_without_french_the_dutch_title_is_marked_dutch_and_the_page_says_so_once(client):
    activity = ActivityFactory(title="Soep op donderdag", summary="Samen soep eten.")
    html = _french(client, activity.get_absolute_url())
    assert '<h1 id="activity-title"><span lang="nl">Soep op donderdag</span></h1>' in html
    assert '<p class="lead"><span lang="nl">Samen soep eten.</span></p>' in html
    assert '<div lang="nl"><p>Iedereen is welkom.</p></div>' in html
    # Three texts fell back; the note comes once, before the page's heading.
    assert html.count(NOTE) == 1
    assert html.index(NOTE) < html.index('id="activity-title"')
    # The title in <title> has no markup in it.
    assert "<title>Soep op donderdag" in html


def test_a_dutch_visitor_sees_no_marks_and_no_note(client):
    activity = ActivityFactory(title="Soep op donderdag")
    client.cookies["django_language"] = "nl"
    html = client.get(activity.get_absolute_url()).text
    assert '<h1 id="activity-title">Soep op donderdag</h1>' in html
    assert 'lang="nl">Soep' not in html
    assert "content-note" not in html


def test_the_agenda_says_it_once_for_many_cards(client):
    ActivityFactory(title="Zachte yoga")
    translated = ActivityFactory(title="Soep op donderdag")
    _translate(translated, title_fr="Soupe du jeudi", summary_fr="Soupe.")
    html = _french(client, reverse("ontmoeting:home"))
    assert '<span lang="nl">Zachte yoga</span>' in html
    assert ">Soupe du jeudi</a>" in html
    assert html.count(NOTE) == 1


def test_a_story_falls_back_to_its_authors_language_not_to_dutch(client):
    from tests.factories import TestimonyFactory

    story = TestimonyFactory(title="Mon chemin", body="Pas à pas.", published=True)
    story.language = "fr"
    story.save(update_fields=["language"])
    client.cookies["django_language"] = "en"
    html = client.get(story.get_absolute_url()).text
    assert '<h1 lang="fr">Mon chemin</h1>' in html
    assert "content-note" not in html  # not Dutch: no "only in Dutch" note
    html = _french(client, story.get_absolute_url())
    assert "<h1>Mon chemin</h1>" in html


def test_the_original_field_stays_dutch_whatever_language_staff_work_in(coordinator):
    activity = ActivityFactory(title="Zachte yoga")
    _translate(activity, title_fr="Yoga doux")
    activity.refresh_from_db()
    from tests.uitdatabank.test_publishing import _data

    with translation.override("fr"):
        assert activity.title == "Zachte yoga"
        activity_update(activity=activity, data=_data(activity, title="Rustige yoga"), actor=None)
    activity.refresh_from_db()
    assert (activity.title_nl, activity.title_fr) == ("Rustige yoga", "Yoga doux")
    assert Activity.objects.filter(title="Rustige yoga").exists()


def test_staff_forms_show_and_save_french_and_english(as_role):
    client = as_role("staff")
    campaign = CampaignFactory(name="Week van de Geestelijke Gezondheid")
    url = reverse("beeldvorming:campaign_update", args=[campaign.pk])
    html = client.get(url).text
    assert "Français / English" in html
    assert 'name="name_fr"' in html and 'name="goals_en"' in html
    response = client.post(
        url,
        {
            "name": "Week van de Geestelijke Gezondheid",
            "starts_on": campaign.starts_on.isoformat(),
            "ends_on": campaign.ends_on.isoformat(),
            "goals": "Praten zonder taboe.",
            "name_fr": "Semaine de la santé mentale",
            "name_en": "",
            "goals_fr": "",
            "goals_en": "Talking without taboo.",
        },
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name_fr == "Semaine de la santé mentale"
    assert campaign.name_en is None  # empty: "none yet", shown in Dutch
    assert campaign.goals_en == "Talking without taboo."
    assert campaign.goals == "Praten zonder taboe."


def test_a_term_form_fills_its_translations_from_the_term():
    from herstelacademie.models import Term

    term = Term(name="Najaar 2026", name_fr="Automne 2026", pk=1)
    form = TermForm(instance=term)
    assert form.initial["name_fr"] == "Automne 2026"
    assert form.initial["name_en"] == ""
    assert set(form.translation_names) == {
        "name_fr",
        "name_en",
        "introduction_fr",
        "introduction_en",
    }


def _run_migration(app: str, name: str) -> None:
    """The data step of a migration, again: a transactional test elsewhere may have emptied the
    lists the migrations seeded, so these tests seed what they check."""
    from django.apps import apps

    importlib.import_module(f"{app}.migrations.{name}").fill(apps, None)


def test_the_data_migrations_fill_the_french_and_english_of_the_seeded_lists():
    Theme.objects.update_or_create(slug="psychose", defaults={"name": "Psychose", "order": 1})
    WorkKind.objects.update_or_create(slug="getuigenis", defaults={"name": "Getuigenis"})
    Language.objects.update_or_create(slug="vgt", defaults={"name": "Vlaamse Gebarentaal"})
    Need.objects.filter(name__iexact="wonen").delete()
    Need.objects.create(name="Wonen")
    for name, lat in (("Brussel", "50.8467"), ("Hasselt", "50.9307")):
        Region.objects.update_or_create(
            name=name, defaults={"latitude": lat, "longitude": "4.3525"}
        )
    Theme.objects.filter(slug="psychose").update(name_fr=None, name_en=None)
    Region.objects.filter(name__in=["Brussel", "Hasselt"]).update(name_fr=None, name_en=None)
    _run_migration("ervaringsdeskundigen", "0007_translations")
    _run_migration("kwartiermaken", "0006_translations")
    assert Theme.objects.get(slug="psychose").name_en == "Psychosis"
    assert WorkKind.objects.get(slug="getuigenis").name_fr == "Témoignage"
    assert Language.objects.get(slug="vgt").name_en == "Flemish Sign Language"
    assert Need.objects.get(name="Wonen").name_fr == "Logement"
    brussels = Region.objects.get(name="Brussel")
    assert (brussels.name_nl, brussels.name_fr, brussels.name_en) == (
        "Brussel",
        "Bruxelles",
        "Brussels",
    )
    assert Region.objects.get(name="Hasselt").name_fr == "Hasselt"  # the same name, filled
    # What an administrator wrote stays.
    Theme.objects.filter(slug="psychose").update(name_en="Psychotic experiences")
    _run_migration("ervaringsdeskundigen", "0007_translations")
    assert Theme.objects.get(slug="psychose").name_en == "Psychotic experiences"


def test_the_missing_translations_page_counts_per_kind(as_role, django_assert_max_num_queries):
    first = ActivityFactory(title="Zachte yoga")
    ActivityFactory(title="Gezelschapsspelen")
    _translate(first, title_fr="Yoga doux", summary_fr="Doux.", description_fr="Bienvenue.")
    client = as_role("coordinator")
    url = reverse("core:missing_translations")
    response = client.get(url)
    assert response.status_code == 200
    kinds = {kind.model: kind for kind in response.context["kinds"]}
    activities = kinds["ontmoeting.Activity"]
    assert activities.total == 2
    assert activities.missing == {"fr": 1, "en": 2}
    edit = reverse("ontmoeting:activity_update", args=[first.pk])
    assert f'href="{edit}"' in response.text
    # Query count does not grow with the number of items (each size measured once warm).
    for _ in range(3):
        ActivityFactory()
    client.get(url)
    with django_assert_max_num_queries(60) as before:
        client.get(url)
    for _ in range(3):
        ActivityFactory()
    client.get(url)
    with django_assert_max_num_queries(60) as after:
        client.get(url)
    assert len(after) == len(before)


def test_administrators_fill_the_lists_names_in_three_languages_in_the_admin(rf, administrator):
    from django.contrib import admin

    request = rf.get("/")
    request.user = administrator
    for model in (Theme, Need, Region):
        form = admin.site._registry[model].get_form(request)
        assert {"name_nl", "name_fr", "name_en"} <= set(form.base_fields)
        assert "name" not in form.base_fields  # the Dutch is `name_nl`


def test_a_list_item_reads_in_the_visitors_language_in_forms_and_lists():
    homeless = Theme.objects.update_or_create(
        slug="dakloosheid",
        defaults={"name": "Dakloosheid", "name_fr": "Sans-abrisme", "name_en": "Homelessness"},
    )[0]
    Need.objects.filter(name__iexact="wonen").delete()
    Need.objects.create(name="Wonen", name_en="Housing")
    with translation.override("fr"):
        assert str(homeless) == "Sans-abrisme"
    with translation.override("en"):
        assert str(Need.objects.get(name="Wonen")) == "Housing"
    assert str(homeless) == "Dakloosheid"


def test_counts_per_month_of_a_translated_model_group_by_month_not_by_row():
    """modeltranslation made every default ordering explicit, and Django groups by an explicit
    ordering: a count of activities per month came out one row per activity (the yearly
    overview then kept the last row of a month). The default ordering stays a default."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    day = timezone.localdate().replace(day=10) + dt.timedelta(days=31)
    for hour in (9, 11, 14):
        ActivityFactory(
            starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour))),
            ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour + 1))),
        )
    rows = list(
        Activity.objects.filter(starts_at__date=day)
        .annotate(month=ExtractMonth("starts_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    assert rows == [{"month": day.month, "n": 3}]
