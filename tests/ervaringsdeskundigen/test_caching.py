"""The ranking and the planning board are kept in the cache, and every change a coordinator must
see shows on the very next view: each kind of change below is made the way the portal makes it
(a service, a form's save, a bulk insert), then the next ranking or board is compared."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ervaringsdeskundigen import caching, services
from ervaringsdeskundigen.matching import ranking
from ervaringsdeskundigen.models import Assignment, ExpertRequest, Region
from huis.core import versioned_cache

from .factories import (
    AssignmentFactory,
    ExpertFactory,
    ExpertRequestFactory,
    next_weekday,
    theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_and_expert():
    start = next_weekday(2, hour=19)  # a Wednesday evening
    request = ExpertRequestFactory(themes=[theme("psychose")], starts_at=start)
    expert = ExpertFactory(
        user__display_name="Anna", themes=[theme("psychose")], slots=[(2, "evening")]
    )
    return request, expert


def _match(request, name="Anna"):
    matches = {m.expert.user.display_name: m for m in ranking(request=request).matches}
    return matches.get(name)


def test_a_second_ranking_reads_the_pool_from_the_cache(request_and_expert):
    request, _expert = request_and_expert
    first = ranking(request=request, limit=20)
    with CaptureQueriesContext(connection) as queries:
        again = ranking(request=request, limit=20)
    assert [q["sql"] for q in queries if "ervaringsdeskundigen_expert " in q["sql"]] == []
    assert len(queries) == 1  # the request's themes, which are part of the key
    assert [m.expert.pk for m in again.matches] == [m.expert.pk for m in first.matches]
    assert again.matches[0].reasons == first.matches[0].reasons


def test_a_kept_ranking_gives_each_expert_with_their_account_without_a_query(
    request_and_expert,
):
    """The kept ranking holds each expert as the values it was read with; read back, every
    expert is there with the name and address of their account, and nothing is asked of the
    database for them (a deferred field would be)."""
    request, expert = request_and_expert
    other = ExpertFactory(user__display_name="Bert", themes=[theme("psychose")])
    ranking(request=request, limit=20)
    again = ranking(request=request, limit=20)
    with CaptureQueriesContext(connection) as queries:
        shown = {
            m.expert.pk: (str(m.expert), m.expert.user.email, m.expert.travel_km)
            for m in again.matches
        }
    assert queries.captured_queries == []
    assert shown == {e.pk: (str(e), e.user.email, e.travel_km) for e in (expert, other)}


def test_a_clashing_assignment_shows_on_the_next_ranking(request_and_expert):
    request, expert = request_and_expert
    assert _match(request).can_propose
    AssignmentFactory(expert=expert, request=ExpertRequestFactory(starts_at=request.starts_at))
    assert "Another assignment at that time" in _match(request).problems


def test_a_withdrawn_assignment_frees_the_expert_on_the_next_ranking(
    request_and_expert, coordinator
):
    request, expert = request_and_expert
    other = AssignmentFactory(
        expert=expert, request=ExpertRequestFactory(starts_at=request.starts_at)
    )
    assert not _match(request).can_propose
    services.assignment_withdraw(assignment=other, actor=coordinator)
    assert _match(request).can_propose


def test_a_period_away_added_and_removed_shows_at_once(request_and_expert):
    request, expert = request_and_expert
    day = timezone.localdate(request.starts_at)
    absence = services.absence_add(expert=expert, starts_on=day, ends_on=day, actor=expert.user)
    assert "Away that day" in _match(request).problems
    services.absence_delete(absence=absence, actor=expert.user)
    assert _match(request).can_propose


def test_new_availability_saved_in_bulk_shows_at_once(request_and_expert):
    request, expert = request_and_expert
    assert "Usually free at that time" in _match(request).reasons
    services.expert_update_own(expert=expert, actor=expert.user, slots={(0, "morning")})
    assert any("Not usually free" in w for w in _match(request).warnings)


def test_pausing_and_excluding_a_theme_take_the_expert_out_at_once(request_and_expert):
    request, expert = request_and_expert
    services.expert_update_own(
        expert=expert, actor=expert.user, is_paused=True, slots={(2, "evening")}
    )
    assert _match(request) is None
    services.expert_update_own(
        expert=expert, actor=expert.user, is_paused=False, slots={(2, "evening")}
    )
    assert _match(request) is not None
    expert.themes.remove(theme("psychose"))
    assert "Themes: Psychose" not in _match(request).reasons
    expert.excluded_themes.add(theme("psychose"))
    assert _match(request) is None


def test_a_renamed_account_and_a_moved_place_show_at_once(request_and_expert):
    request, expert = request_and_expert
    assert _match(request) is not None
    expert.user.display_name = "Anna Peeters"
    expert.user.save()
    assert _match(request, "Anna Peeters") is not None
    gent = Region.objects.create(name="Testdorp", latitude="51.0543", longitude="3.7174")
    far = Region.objects.create(name="Verweg", latitude="51.0543", longitude="3.7174")
    request.place_region = gent
    request.save()
    expert.home_region = far
    expert.travel_km = 10
    expert.save()
    assert "About 0 km away: within their 10 km" in _match(request, "Anna Peeters").reasons
    far.latitude = "50.0"
    far.save()
    assert any("over their 10 km" in w for w in _match(request, "Anna Peeters").warnings)


def test_each_language_gets_its_own_words(request_and_expert):
    request, _expert = request_and_expert
    words = {}
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            words[language] = (
                _match(request).reasons,
                translation.gettext("Usually free at that time"),
            )
    for language, (reasons, expected) in words.items():
        assert expected in reasons, language
    assert len({reasons[-1] for reasons, _ in words.values()}) == 3


def test_logging_in_and_other_accounts_do_not_renew_the_pool(request_and_expert, client):
    _request, expert = request_and_expert
    before = versioned_cache.versions(caching.POOL)
    client.force_login(expert.user)  # writes the last login only
    someone = ExpertFactory.build().user
    someone.save()  # an account without an expert profile
    assert versioned_cache.versions(caching.POOL) == before
    expert.user.display_name = "Anna P."
    expert.user.save()
    assert versioned_cache.versions(caching.POOL) != before


def test_the_board_shows_a_new_assignment_and_a_renamed_organisation_at_once(as_role):
    start = next_weekday(1, hour=10)
    url = reverse("ervaringsdeskundigen:board") + f"?weergave=maand&van={start.date()}"
    client = as_role("coordinator")
    assert "Bert" not in client.get(url).text
    assignment = AssignmentFactory(
        expert=ExpertFactory(user__display_name="Bert"),
        request=ExpertRequestFactory(organisation_name="School A", starts_at=start),
    )
    html = client.get(url).text
    assert "Bert" in html and "School A" in html
    with CaptureQueriesContext(connection) as queries:
        assert "Bert" in client.get(url).text
    assert not [q for q in queries if "ervaringsdeskundigen_assignment" in q["sql"]]
    request = assignment.request
    request.organisation_name = "School B"
    request.save()
    assert "School B" in client.get(url).text
    AssignmentFactory(
        expert=assignment.expert,
        request=ExpertRequestFactory(starts_at=start + dt.timedelta(minutes=30)),
    )
    assert "board-clash" in client.get(url).text


def test_the_request_page_is_read_once_and_shows_every_change_at_once(
    as_role, coordinator, house_organisation
):
    request = ExpertRequestFactory(themes=[theme("psychose")], status="new")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    client = as_role("coordinator")
    assert "Psychose" in client.get(url).text
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert not [q for q in queries if "ervaringsdeskundigen_expertrequest" in q["sql"]]

    services.request_take(request=request, actor=coordinator)  # a handler and a history line
    html = client.get(url).text
    assert "Koen" in html
    coordinator.display_name = "Koen V."
    coordinator.save()
    assert "Koen V." in client.get(url).text

    request.themes.add(theme("trauma"))
    assert "Trauma" in client.get(url).text
    kind = request.work_kind
    kind.name = "Gastles"
    kind.save()
    assert "Gastles" in client.get(url).text

    request.organisation = house_organisation
    request.save()
    house_organisation.name = "Het Huis (hernoemd)"
    house_organisation.save()
    assert "Het Huis (hernoemd)" in client.get(url).text

    expert = ExpertFactory(user__display_name="Anna")
    AssignmentFactory(expert=expert, request=request, status="proposed")
    assert "Anna" in client.get(url).text
    expert.user.display_name = "Anna Peeters"
    expert.user.save()
    assert "Anna Peeters" in client.get(url).text


def test_purged_contact_details_leave_the_request_page_at_once(as_role):
    request = ExpertRequestFactory(status="cancelled", contact_name="Mevrouw Janssens")
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    client = as_role("coordinator")
    assert "Mevrouw Janssens" in client.get(url).text
    from ervaringsdeskundigen.privacy import purge_closed_requests

    assert purge_closed_requests(cutoff=timezone.now() + dt.timedelta(days=1)) == 1
    assert "Mevrouw Janssens" not in client.get(url).text


def test_a_request_kept_in_the_cache_is_still_refused_to_who_may_not_see_it(as_role):
    request = ExpertRequestFactory()
    url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    assert as_role("coordinator").get(url).status_code == 200
    assert as_role("partner_a").get(url).status_code in (403, 404)
    assert as_role("expert").get(url).status_code in (403, 404)


def test_a_proposal_ranks_from_the_database_not_from_the_cached_ranking(
    request_and_expert, coordinator
):
    request, expert = request_and_expert
    services.request_take(request=request, actor=coordinator)
    request = ExpertRequest.objects.get(pk=request.pk)  # as a page and the service read it
    assert _match(request).can_propose  # the whole ranking, now in the cache
    # A clash written past the signals (a bulk insert that did not bump): the cached ranking
    # does not know it, the proposal must.
    clash = AssignmentFactory.build(
        expert=expert, request=ExpertRequestFactory(starts_at=request.starts_at)
    )
    Assignment.objects.bulk_create([clash])
    assert _match(request).can_propose
    with pytest.raises(services.ExpertsError, match="Another assignment at that time"):
        services.request_propose_experts(request=request, experts=[expert], actor=coordinator)
    assert not request.assignments.exists()
