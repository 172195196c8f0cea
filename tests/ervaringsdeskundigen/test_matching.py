"""The ranked list of experts for a request: the rules, the reasons, and a fixed query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ervaringsdeskundigen.matching import rank_experts, ranking
from ervaringsdeskundigen.models import Absence, Expert, Region

from .factories import (
    AssignmentFactory,
    ExpertFactory,
    ExpertRequestFactory,
    language,
    next_weekday,
    theme,
)

pytestmark = pytest.mark.django_db


def _by_name(matches):
    return {m.expert.user.display_name: m for m in matches}


def test_themes_rank_first_and_are_named():
    psychose, trauma = theme("psychose"), theme("trauma")
    request = ExpertRequestFactory(themes=[psychose, trauma])
    both = ExpertFactory(user__display_name="Both", themes=[psychose, trauma])
    one = ExpertFactory(user__display_name="One", themes=[psychose])
    none = ExpertFactory(user__display_name="None", themes=[])
    matches = rank_experts(request=request)
    assert [m.expert for m in matches] == [both, one, none]
    assert "Psychose" in matches[0].reasons[0] and "Trauma" in matches[0].reasons[0]


def test_excluded_themes_and_paused_experts_are_never_listed():
    trauma = theme("trauma")
    request = ExpertRequestFactory(themes=[trauma])
    excluding = ExpertFactory(themes=[trauma])
    excluding.excluded_themes.add(trauma)
    ExpertFactory(is_paused=True, themes=[trauma])
    fine = ExpertFactory(themes=[trauma])
    assert [m.expert for m in rank_experts(request=request)] == [fine]


def test_availability_at_that_time():
    start = next_weekday(2, hour=19)  # a Wednesday evening
    request = ExpertRequestFactory(starts_at=start)
    free = ExpertFactory(user__display_name="Free", slots=[(2, "evening")])
    mornings = ExpertFactory(user__display_name="Mornings", slots=[(2, "morning")])
    matches = _by_name(rank_experts(request=request))
    assert "Usually free at that time" in matches["Free"].reasons
    assert any("Not usually free" in w for w in matches["Mornings"].warnings)
    assert matches["Free"].score > matches["Mornings"].score
    assert rank_experts(request=request)[0].expert == free
    assert matches["Mornings"].can_propose  # a warning, not a refusal: ask first
    assert mornings


def test_a_clash_or_a_period_away_makes_proposing_impossible():
    request = ExpertRequestFactory()
    busy = ExpertFactory(user__display_name="Busy")
    AssignmentFactory(
        expert=busy,
        request=ExpertRequestFactory(starts_at=request.starts_at + dt.timedelta(hours=1)),
    )
    away = ExpertFactory(user__display_name="Away")
    day = request.starts_at.date()
    Absence.objects.create(expert=away, starts_on=day, ends_on=day + dt.timedelta(days=3))
    ok = ExpertFactory(user__display_name="Ok")
    matches = _by_name(rank_experts(request=request))
    assert matches["Busy"].problems == ["Another assignment at that time"]
    assert matches["Away"].problems == ["Away that day"]
    assert matches["Ok"].can_propose
    assert rank_experts(request=request)[0].expert == ok


def test_an_assignment_just_before_is_no_clash():
    request = ExpertRequestFactory()
    expert = ExpertFactory()
    AssignmentFactory(
        expert=expert,
        request=ExpertRequestFactory(
            starts_at=request.starts_at - dt.timedelta(hours=2), duration_minutes=120
        ),
    )
    [match] = rank_experts(request=request)
    assert match.can_propose


def test_this_months_load_against_the_maximum():
    today = timezone.localdate()
    month = (today.replace(day=1) + dt.timedelta(days=40)).replace(day=10)
    start = timezone.make_aware(dt.datetime.combine(month, dt.time(14)))
    request = ExpertRequestFactory(starts_at=start)
    full = ExpertFactory(user__display_name="Full", max_per_month=2)
    for days in (1, 2):
        AssignmentFactory(
            expert=full, request=ExpertRequestFactory(starts_at=start + dt.timedelta(days=days))
        )
    room = ExpertFactory(user__display_name="Room", max_per_month=3)
    AssignmentFactory(
        expert=room, request=ExpertRequestFactory(starts_at=start - dt.timedelta(days=5))
    )
    # Last month's assignments do not count.
    AssignmentFactory(
        expert=room, request=ExpertRequestFactory(starts_at=start - dt.timedelta(days=12))
    )
    matches = _by_name(rank_experts(request=request))
    assert matches["Full"].problems == ["Month full: 2 of at most 2"]
    assert "This month: 1 of at most 3" in matches["Room"].reasons


def test_language_region_and_permission_warnings():
    french = language("fr")
    request = ExpertRequestFactory(spoken_language=french, region="Brussel")
    speaks = ExpertFactory(user__display_name="Speaks", region="Brussel")
    speaks.languages.add(french)
    other = ExpertFactory(user__display_name="Other", region="Gent", receives_benefit=True)
    matches = _by_name(rank_experts(request=request))
    assert "Same region" in matches["Speaks"].reasons
    assert any("Does not speak" in w for w in matches["Other"].warnings)
    assert any("Other region" in w for w in matches["Other"].warnings)
    assert "Sickness fund's permission not on file" in matches["Other"].warnings
    assert rank_experts(request=request)[0].expert == speaks
    assert other


@pytest.mark.parametrize("pool", [3, 30])
def test_the_ranking_costs_the_same_queries_for_any_pool(pool):
    themes = [theme("psychose"), theme("depressie")]
    request = ExpertRequestFactory(themes=themes, spoken_language=language("nl"))
    for n in range(pool):
        expert = ExpertFactory(themes=themes[: n % 2 + 1])
        expert.languages.add(language("nl"))
        if n % 3 == 0:
            AssignmentFactory(expert=expert)
    with CaptureQueriesContext(connection) as queries:
        matches = rank_experts(request=request)
        [str(m.reasons) + str(m.expert.user.display_name) for m in matches]
    assert len(matches) == pool
    assert len(queries) == 2  # the request's themes, and the whole pool in one statement


def _described(match):
    return (match.expert, match.score, match.reasons, match.problems, match.warnings, match.load)


def test_the_best_ones_are_the_head_of_the_whole_ranking_with_the_same_words():
    psychose, trauma = theme("psychose"), theme("trauma")
    french = language("fr")
    gent = Region.objects.get_or_create(
        name="Gent", defaults={"latitude": "51.0543", "longitude": "3.7174"}
    )[0]
    brugge = Region.objects.get_or_create(
        name="Brugge", defaults={"latitude": "51.2093", "longitude": "3.2247"}
    )[0]
    request = ExpertRequestFactory(
        themes=[psychose, trauma], spoken_language=french, place_region=gent
    )
    for n in range(9):
        expert = ExpertFactory(
            user__display_name=f"Expert {n}",
            themes=[psychose, trauma][: n % 3],
            home_region=[gent, brugge, None][n % 3],
            travel_km=[15, 100][n % 2],
            receives_benefit=n % 4 == 0,
        )
        if n % 2:
            expert.languages.add(french)
        if n == 4:
            Absence.objects.create(
                expert=expert, starts_on=request.starts_at.date(), ends_on=request.starts_at.date()
            )
        if n == 5:
            AssignmentFactory(
                expert=expert,
                request=ExpertRequestFactory(starts_at=request.starts_at + dt.timedelta(hours=1)),
            )
    everyone = rank_experts(request=request)
    best = ranking(request=request, limit=4)
    assert best.total == len(everyone) == 9
    assert [_described(m) for m in best.matches] == [_described(m) for m in everyone[:4]]
    # Blocked experts come last, whatever their score.
    assert [m.can_propose for m in everyone] == sorted(
        (m.can_propose for m in everyone), reverse=True
    )
    assert any("km away" in reason for m in everyone for reason in m.reasons + m.warnings)


def test_an_expert_already_proposed_is_not_in_the_list_again():
    request = ExpertRequestFactory()
    proposed = ExpertFactory()
    AssignmentFactory(expert=proposed, request=request, status="proposed")
    other = ExpertFactory()
    assert [m.expert for m in rank_experts(request=request)] == [other]
    assert ranking(request=request, limit=10).total == 1


def test_the_listed_expert_is_the_real_profile():
    """The instances are built from the values the ranking read: they must be the experts as
    stored, and what was not read loads when used."""
    expert = ExpertFactory(
        user__display_name="Lotte", trainings="Herstelverhaal", region="Gent", travel_km=40
    )
    [match] = rank_experts(request=ExpertRequestFactory())
    stored = Expert.objects.select_related("user").get(pk=expert.pk)
    assert match.expert == stored
    assert str(match.expert) == str(stored) == "Lotte"
    for name in ("user_id", "region", "travel_km", "max_per_month", "trainings", "feed_token"):
        assert getattr(match.expert, name) == getattr(stored, name)
    assert match.expert.user.email == stored.user.email
