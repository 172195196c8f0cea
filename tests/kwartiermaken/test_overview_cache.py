"""The overview page draws its totals, charts and tables once per version of the figures and serves
the drawing from the cache after that. The drawing must stay exact: a new entry, a recount, a
renamed neighbourhood show at once; a partner never gets another organisation's drawing; the
language of the drawing is the visitor's; and a drawing made from the figures just before a change
commits is not served after it.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kwartiermaken import figures, services
from kwartiermaken.models import OutreachEntry
from kwartiermaken.tasks import refresh_figures_task

from .factories import OutreachEntryFactory

pytestmark = pytest.mark.django_db

URL = reverse("kwartiermaken:overview")


def _totals(client, data=None) -> list[int]:
    html = client.get(URL, data).text
    totals = html[
        html.index('<ul class="work-totals"') : html.index("</ul>", html.index("work-totals"))
    ]
    return [
        int(n.replace(",", "").replace(".", "")) for n in re.findall(r"<strong>([^<]+)", totals)
    ]


def _entry(actor, organisation, neighbourhood, people: int) -> OutreachEntry:
    return services.entry_create(
        actor=actor,
        organisation=organisation,
        details=services.EntryDetails(
            date=timezone.localdate(),
            neighbourhood=neighbourhood,
            kind="street",
            people_reached=people,
        ),
    )


def test_a_new_entry_shows_at_once_on_a_cached_page(
    client, coordinator, partner_a, organisation_a, neighbourhood
):
    _entry(partner_a, organisation_a, neighbourhood, people=3)
    for user in (partner_a, coordinator):
        client.force_login(user)
        assert _totals(client)[:2] == [1, 3]
        assert _totals(client)[:2] == [1, 3]  # from the cache now

    _entry(partner_a, organisation_a, neighbourhood, people=4)
    for user in (partner_a, coordinator):
        client.force_login(user)
        assert _totals(client)[:2] == [2, 7]
        page = client.get(URL)
        assert page.context["overview"].total_people == 7
        assert f"{neighbourhood.name}: 2" in page.text  # the chart's text alternative


def test_the_nightly_recount_replaces_the_drawing(
    client, coordinator, partner_a, organisation_a, neighbourhood
):
    entry = _entry(partner_a, organisation_a, neighbourhood, people=3)
    client.force_login(coordinator)
    assert _totals(client)[:2] == [1, 3]
    # A correction made past the services shows once the recount has run.
    OutreachEntry.objects.filter(pk=entry.pk).update(people_reached=30)
    refresh_figures_task()
    assert _totals(client)[:2] == [1, 30]


def test_a_renamed_neighbourhood_is_drawn_with_its_new_name(
    client, partner_a, organisation_a, neighbourhood
):
    _entry(partner_a, organisation_a, neighbourhood, people=1)
    client.force_login(partner_a)
    assert f"{neighbourhood.name}: 1" in client.get(URL).text
    neighbourhood.name = "Nieuwe Wijk"
    neighbourhood.save()
    html = client.get(URL).text
    assert "Nieuwe Wijk: 1" in html
    assert f'<option value="{neighbourhood.pk}">Nieuwe Wijk</option>' in html


def test_partners_never_get_each_others_drawing(
    client, partner_a, partner_b, organisation_a, organisation_b, neighbourhood
):
    _entry(partner_a, organisation_a, neighbourhood, people=5)
    _entry(partner_b, organisation_b, neighbourhood, people=40)
    _entry(partner_b, organisation_b, neighbourhood, people=2)
    for _ in range(2):  # the second round comes from the cache
        client.force_login(partner_a)
        assert _totals(client)[:2] == [1, 5]
        client.force_login(partner_b)
        assert _totals(client)[:2] == [2, 42]
        # Asking for the other organisation changes nothing for a partner.
        assert _totals(client, {"organisatie": organisation_a.pk})[:2] == [2, 42]


def test_the_drawing_is_in_the_visitors_language(client, partner_a, organisation_a, neighbourhood):
    _entry(partner_a, organisation_a, neighbourhood, people=1)
    client.force_login(partner_a)
    for language, heading in [
        ("nl", "Werk per maand"),
        ("fr", "Entrées par mois"),
        ("en", "Entries per month"),
        ("nl", "Werk per maand"),
    ]:
        client.cookies["django_language"] = language
        assert heading in client.get(URL).text, language


def test_a_drawing_made_just_before_a_commit_is_not_served_after_it(
    partner_a, organisation_a, neighbourhood, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        _entry(partner_a, organisation_a, neighbourhood, people=1)
        # Another visitor reads the version here, before the commit, and draws the old figures.
        seen_before_commit = figures.version()
    assert callbacks
    for callback in callbacks:  # the commit
        callback()
    assert figures.version() > seen_before_commit


def test_the_version_survives_a_cleared_cache_without_reusing_a_number():
    from django.core.cache import cache

    before = figures.version()
    figures.bump_version()
    assert figures.version() == before + 1
    cache.clear()
    assert figures.version() > before + 1


def test_a_cached_page_reads_neither_the_entries_nor_the_figures(
    client, coordinator, partner_a, organisation_a, neighbourhood
):
    for n in range(3):
        OutreachEntryFactory(
            organisation=organisation_a,
            neighbourhood=neighbourhood,
            date=timezone.localdate() - dt.timedelta(days=40 * n),
        )
    for user in (partner_a, coordinator):
        client.force_login(user)
        client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        tables = " ".join(q["sql"] for q in queries.captured_queries)
        assert "kwartiermaken_" not in tables, tables
        assert len(queries) <= 3


def test_a_filter_the_form_does_not_offer_is_drawn_but_not_kept(
    client, partner_a, organisation_a, neighbourhood, monkeypatch
):
    from huis.core import versioned_cache

    _entry(partner_a, organisation_a, neighbourhood, people=1)
    client.force_login(partner_a)
    client.get(URL)
    kept = []
    cache = versioned_cache.shared_cache
    real_set = cache.set

    def kept_set(key, *args, **kwargs):
        if key.startswith("cached:kwartiermaken:overview:"):  # a drawing
            kept.append(key)
        return real_set(key, *args, **kwargs)

    real_set_many = cache.set_many

    def kept_set_many(data, *args, **kwargs):
        kept.extend(k for k in data if k.startswith("cached:kwartiermaken:overview:"))
        return real_set_many(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set", kept_set)
    monkeypatch.setattr(cache, "set_many", kept_set_many)  # a value and its stamp together
    # A hand-made address (any number) must not fill the cache, and still shows exact figures.
    assert _totals(client, {"wijk": 999999})[:2] == [0, 0]
    assert kept == []
    assert _totals(client, {"wijk": neighbourhood.pk})[:2] == [1, 1]
    assert len(kept) == 1


def test_the_organisations_to_filter_by_are_kept_and_a_change_shows_at_once(
    client, coordinator, organisation_a, organisation_b
):
    """A coordinator filters by partner organisation: the list is read once, not per view, and a
    new partner, a new name or a partner that stops shows on the next view."""
    from tests.factories import OrganisationFactory

    client.force_login(coordinator)

    def choices() -> list[str]:
        html = client.get(URL).text
        select = html[
            html.index('name="organisatie"') : html.index(
                "</select>", html.index('name="organisatie"')
            )
        ]
        return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)

    shown = choices()
    assert organisation_a.name in shown and organisation_b.name in shown
    with CaptureQueriesContext(connection) as queries:
        assert choices() == shown
    assert not any("accounts_organisation" in q["sql"] for q in queries)
    organisation_a.name = "Buurtwerk Noord"
    organisation_a.save()
    assert "Buurtwerk Noord" in choices()
    new = OrganisationFactory(name="Nieuwe partner", kind="partner")
    assert "Nieuwe partner" in choices()
    new.is_active = False
    new.save()
    assert "Nieuwe partner" not in choices()


def test_the_kept_filter_form_shows_each_choice_and_language(
    client, coordinator, partner_a, organisation_a, neighbourhood
):
    """The filter form is kept drawn, for each choice made and each language: the choice shown
    selected is always the one asked for, in the visitor's language."""
    _entry(partner_a, organisation_a, neighbourhood, people=1)
    client.force_login(coordinator)
    chosen = {"wijk": neighbourhood.pk, "organisatie": organisation_a.pk}
    for _ in range(2):  # drawn, then kept
        for language, everywhere in [("nl", "Alle wijken"), ("fr", "Tous les quartiers")]:
            client.cookies["django_language"] = language
            html = client.get(URL, chosen).text
            assert everywhere in html
            assert f'<option value="{neighbourhood.pk}" selected>' in html
            assert f'<option value="{organisation_a.pk}" selected>' in html
            html = client.get(URL).text
            assert f'<option value="{neighbourhood.pk}" selected>' not in html
            assert f'<option value="{organisation_a.pk}" selected>' not in html


def test_a_kept_overview_reads_the_cache_in_four_round_trips(
    client, coordinator, partner_a, organisation_a, neighbourhood, redis_round_trips
):
    """The session, the person with the house's facts, the filters' choices, then the drawing,
    the referrals' outcomes and the filter form: each group in one round trip."""
    _entry(partner_a, organisation_a, neighbourhood, people=1)
    for user in (coordinator, partner_a):
        client.force_login(user)
        client.get(URL)
        redis_round_trips[0] = 0
        assert client.get(URL).status_code == 200
        assert redis_round_trips[0] == 4, user


def test_a_page_works_out_what_the_user_may_see_once(
    client, coordinator, partner_a, organisation_a, neighbourhood, monkeypatch
):
    """Every kept value's key holds the user's view of the figures; the page works it out once
    (it asks the rules each time) and the keys it reads ahead are the keys it then uses."""
    from kwartiermaken import selectors

    _entry(partner_a, organisation_a, neighbourhood, people=1)
    calls = []
    scope = selectors.overview_scope

    def counted(*, user):
        calls.append(user)
        return scope(user=user)

    monkeypatch.setattr(selectors, "overview_scope", counted)
    for user in (coordinator, partner_a):
        client.force_login(user)
        for query in ({}, {"neighbourhood": neighbourhood.pk}):
            calls.clear()
            assert client.get(URL, query).status_code == 200
            assert calls == [user], (user, query)


def test_the_filters_choices_are_kept_as_plain_values(
    client, coordinator, partner_a, organisation_a, organisation_b, neighbourhood
):
    """Every view reads the organisations and neighbourhoods to filter by back from the cache:
    kept as keys and names, not as model instances (ten times the cost to read back), and still
    each with its own key and name, in the order the form shows them."""
    import pickle

    from huis.accounts.models import Organisation
    from kwartiermaken import selectors
    from kwartiermaken.models import Neighbourhood
    from kwartiermaken.views.overview import overview_choices

    _entry(partner_a, organisation_a, neighbourhood, people=1)
    client.force_login(coordinator)
    assert client.get(URL).status_code == 200  # kept by this view
    with CaptureQueriesContext(connection) as queries:
        organisations = selectors.organisations_for_filter(user=coordinator)
        neighbourhoods = overview_choices(user=coordinator)["neighbourhoods"]
    assert queries.captured_queries == []  # read back from the cache
    assert [(o.pk, o.name) for o in organisations] == list(
        Organisation.objects.filter(kind__in=["partner", "house"], is_active=True)
        .order_by("name")
        .values_list("pk", "name")
    )
    assert [(n.pk, n.name) for n in neighbourhoods] == list(
        Neighbourhood.objects.filter(is_active=True).values_list("pk", "name")
    )
    for kept in (organisations, neighbourhoods):
        assert b"model_unpickle" not in pickle.dumps(kept)
